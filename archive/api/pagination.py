"""Pagination for the API: page numbers (count, items, next/previous links) and keyset cursors.

Keyset (cursor) pagination keeps pages stable while records are added, and is NULL-aware.

An ordering is a tuple of `Key`s whose last key is unique (the primary key), so the order is
total. A cursor is the sort name, a direction and the key values of the row at a page edge,
packed as URL-safe base64 JSON; the next page is "rows strictly after" those values in the
ordering, written as a lexicographic OR of ANDs that treats NULL as sorting last (or first).
"""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import F, Q, QuerySet
from ninja import Field, Schema


class BadCursor(ValueError):
    """The cursor was not made by this API for this sort order."""


@dataclass(frozen=True)
class Key:
    field: str
    descending: bool = False
    nulls_last: bool = True
    nullable: bool = False
    kind: type = int  # int, str, date or datetime: how the value travels in the cursor

    def reversed(self) -> "Key":
        return Key(self.field, not self.descending, not self.nulls_last, self.nullable, self.kind)

    def order(self):
        expression = F(self.field)
        if not self.nullable:
            return expression.desc() if self.descending else expression.asc()
        nulls = {"nulls_last": True} if self.nulls_last else {"nulls_first": True}
        return expression.desc(**nulls) if self.descending else expression.asc(**nulls)

    def equal(self, value) -> Q:
        return Q(**{f"{self.field}__isnull": True}) if value is None else Q(**{self.field: value})

    def after(self, value) -> Q:
        """Rows whose value for this key comes strictly after `value`."""
        if value is None:
            # NULLs last: nothing comes after NULL. NULLs first: every non-NULL does.
            return Q(pk__in=[]) if self.nulls_last else Q(**{f"{self.field}__isnull": False})
        condition = Q(**{f"{self.field}__{'lt' if self.descending else 'gt'}": value})
        if self.nullable and self.nulls_last:
            condition |= Q(**{f"{self.field}__isnull": True})
        return condition


def ordered(qs: QuerySet, keys: tuple[Key, ...]) -> QuerySet:
    return qs.order_by(*(key.order() for key in keys))


def after_row(keys: tuple[Key, ...], values: list) -> Q:
    condition = Q(pk__in=[])
    prefix = Q()
    for key, value in zip(keys, values, strict=True):
        condition |= prefix & key.after(value)
        prefix &= key.equal(value)
    return condition


def row_values(obj, keys: tuple[Key, ...]) -> list:
    return [getattr(obj, key.field.replace("__", ".")) for key in keys]


def _dump(value):
    return value.isoformat() if isinstance(value, date | datetime) else value


def _load(value, kind: type):
    if value is None:
        return None
    if kind is date:
        return date.fromisoformat(value)
    if kind is datetime:
        return datetime.fromisoformat(value)
    if kind is int and (type(value) is not int or not -(2**63) < value < 2**63):
        raise BadCursor("bad value")
    if kind is str and not isinstance(value, str):
        raise BadCursor("bad value")
    return value


def encode(sort: str, direction: str, keys: tuple[Key, ...], values: list) -> str:
    payload = json.dumps([sort, direction, [_dump(v) for v in values]], separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode(cursor: str, sort: str, keys: tuple[Key, ...]) -> tuple[str, list]:
    """(direction, values) from a cursor; BadCursor if it is malformed or for another sort."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        cursor_sort, direction, values = json.loads(raw)
        if cursor_sort != sort:
            raise BadCursor(f"this cursor belongs to sort={cursor_sort}, not sort={sort}")
        if direction not in ("next", "prev") or len(values) != len(keys):
            raise BadCursor("malformed cursor")
        return direction, [_load(v, key.kind) for v, key in zip(values, keys, strict=True)]
    except BadCursor:
        raise
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError) as exc:
        raise BadCursor("malformed cursor") from exc


def cursor_page(qs: QuerySet, *, keys: tuple[Key, ...], sort: str, cursor: str, size: int):
    """(rows, next_cursor, prev_cursor) for the page after (or before) `cursor` ('' = first)."""
    direction, values = decode(cursor, sort, keys) if cursor else ("next", None)
    if direction == "next":
        page_qs = ordered(qs, keys)
        if values is not None:
            page_qs = page_qs.filter(after_row(keys, values))
        rows = list(page_qs[: size + 1])
        more_after, rows = len(rows) > size, rows[:size]
        more_before = values is not None
    else:
        backwards = tuple(key.reversed() for key in keys)
        rows = list(ordered(qs, backwards).filter(after_row(backwards, values))[: size + 1])
        more_before, rows = len(rows) > size, rows[:size][::-1]
        more_after = True
    next_cursor = prev_cursor = None
    if rows and more_after:
        next_cursor = encode(sort, "next", keys, row_values(rows[-1], keys))
    if rows and more_before:
        prev_cursor = encode(sort, "prev", keys, row_values(rows[0], keys))
    return rows, next_cursor, prev_cursor


# Page numbers
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
