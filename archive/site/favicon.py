"""/favicon.ico: browsers ask for it at the root whatever the page says; answered from static/."""

from functools import cache

from django.conf import settings
from django.http import HttpResponse


@cache
def _icon() -> bytes:
    return (settings.BASE_DIR / "static" / "favicon.ico").read_bytes()


def favicon(request):
    return HttpResponse(
        _icon(), content_type="image/x-icon", headers={"Cache-Control": "public, max-age=86400"}
    )
