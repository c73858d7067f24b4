"""Rows written with PostgreSQL's COPY instead of a multi-row INSERT.

`bulk_create` builds one INSERT with a placeholder per value (13,000 for 500 articles), which
psycopg then parses and Django compiles: on the bulk ingest path that took 0.8 ms of Python an
article, more than the rows cost PostgreSQL. COPY streams the same values with no statement
per row. The ids of new rows are drawn from the table's sequence first, in one query, so the
objects come back with their primary keys as bulk_create returns them.

Values go through each field's own `pre_save` and `get_db_prep_save` (auto_now dates, JSON,
arrays, bytes), as a save would; generated columns and the article trigger's vectors are
computed by PostgreSQL. Rows that need no model object (mention links) go through `copy_rows`
as plain tuples, their ids from the table's default.
"""

from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models import Model
from psycopg import sql


def _ids(table: str, column: str, count: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def copy_insert(objects: Sequence[Model]) -> None:
    """INSERT `objects` (all of one model, none saved yet) with COPY; sets their primary keys."""
    if not objects:
        return
    meta = type(objects[0])._meta
    pk = meta.pk
    fields = [field for field in meta.concrete_fields if not field.generated]
    missing = [obj for obj in objects if obj.pk is None]
    for obj, new_id in zip(
        missing, _ids(meta.db_table, pk.column, len(missing)) if missing else [], strict=True
    ):
        obj.pk = new_id
    copy_rows(
        meta.db_table,
        [field.column for field in fields],
        (
            [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]
            for obj in objects
        ),
    )
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias


def copy_rows(table: str, columns: list[str], rows: Iterable[Sequence]) -> None:
    """COPY plain `rows` (values in `columns` order, as psycopg adapts them) into `table`."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
