"""List responses for the records API: page numbers for browsing, keyset cursors for mirroring.

Both modes share the same total ordering. With `cursor` (empty for the first page) the `next`
and `previous` links carry cursors, so records added while a client pages never shift a page.
Every response also carries `next_cursor`, so a client can switch to cursors from page one.
"""

from django.db.models import QuerySet
from ninja import Field, Schema

from archive.api.pagination import (
    MAX_PAGE_SIZE,
    Key,
    PageParams,
    cursor_page,
    encode,
    ordered,
    row_values,
)


class ListParams(PageParams):
    cursor: str | None = Field(
        None,
        max_length=500,
        description="Keyset cursor from a previous `next_cursor` / `previous_cursor`; send it "
        "empty (`cursor=`) to start. Stable while records are added; overrides `page`.",
        examples=[""],
    )


class ListMeta(Schema):
    count: int = Field(description="Records matching the filters.", examples=[42])
    next: str | None = Field(description="Link to the next page, or null.", examples=[None])
    previous: str | None = Field(description="Link to the previous page, or null.", examples=[None])
    next_cursor: str | None = Field(
        description="Cursor for the page after this one, or null.", examples=[None]
    )
    previous_cursor: str | None = Field(
        description="Cursor for the page before this one (cursor mode), or null.",
        examples=[None],
    )


def _link(request, **changes) -> str:
    query = request.GET.copy()
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = str(value)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def list_of(
    request, qs: QuerySet, params: ListParams, *, keys: tuple[Key, ...], sort: str, serialize
) -> dict:
    """One page of `qs` in the total order `keys`, with count, links, cursors and items."""
    count = qs.count()
    size = min(params.page_size, MAX_PAGE_SIZE)
    if params.cursor is not None:
        rows, next_cursor, prev_cursor = cursor_page(
            qs, keys=keys, sort=sort, cursor=params.cursor, size=size
        )
        return {
            "count": count,
            "next": _link(request, cursor=next_cursor, page=None) if next_cursor else None,
            "previous": _link(request, cursor=prev_cursor, page=None) if prev_cursor else None,
            "next_cursor": next_cursor,
            "previous_cursor": prev_cursor,
            "items": [serialize(request, row) for row in rows],
        }
    start = (params.page - 1) * size
    rows = list(ordered(qs, keys)[start : start + size])
    has_next = start + size < count
    return {
        "count": count,
        "next": _link(request, page=params.page + 1) if has_next else None,
        "previous": _link(request, page=params.page - 1) if params.page > 1 and count else None,
        "next_cursor": encode(sort, "next", keys, row_values(rows[-1], keys))
        if rows and has_next
        else None,
        "previous_cursor": None,
        "items": [serialize(request, row) for row in rows],
    }


__all__ = ["ListMeta", "ListParams", "list_of"]
