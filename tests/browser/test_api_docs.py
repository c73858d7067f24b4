"""The API's interactive docs render in a browser (issue 22: they had stopped, on a schema
with a key given twice, while the page still answered 200)."""

import pytest

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_api_docs_render_every_operation(site_url, desktop):
    errors = []
    desktop.on("pageerror", lambda error: errors.append(str(error)))
    desktop.goto(site_url + "/api/v1/docs")
    operations = desktop.locator(".opblock")
    operations.first.wait_for(state="visible")
    assert operations.count() >= 20
    assert desktop.locator(".opblock-summary-path", has_text="/api/v1/export.ndjson").count()
    assert desktop.locator(".errors-wrapper").count() == 0, "Swagger UI reports schema errors"
    assert not errors
    screenshot(desktop, "api-docs")
