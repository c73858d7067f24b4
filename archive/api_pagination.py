"""Page-number pagination for the API: count, items, and links to the next and previous page."""

from django.db.models import QuerySet
from ninja import Field, Schema

MAX_PAGE_SIZE = 100


class PageParams(Schema):
    page: int = Field(1, ge=1, le=100_000, description="Page number, from 1.", examples=[1])
    page_size: int = Field(
        20, ge=1, le=MAX_PAGE_SIZE, description="Items per page (at most 100).", examples=[20]
    )


def page_of(request, qs: QuerySet, params: PageParams, serialize) -> dict:
    count = qs.count()
    start = (params.page - 1) * params.page_size
    items = [serialize(request, obj) for obj in qs[start : start + params.page_size]]

    def link(page: int) -> str:
        query = request.GET.copy()
        query["page"] = str(page)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    return {
        "count": count,
        "next": link(params.page + 1) if start + params.page_size < count else None,
        "previous": link(params.page - 1) if params.page > 1 and count else None,
        "items": items,
    }
