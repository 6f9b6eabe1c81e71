"""Fast inserts for bulk writes (statement imports, billing runs): 100,000 lines must go in well under 30 seconds.

Building 400,000 model instances and letting `bulk_create` bind them costs more than the import's whole budget, so the
bulk path builds plain tuples and writes them with PostgreSQL's COPY (or `executemany` on SQLite, where speed matters
less). Primary keys are reserved first (`reserve_ids`) so rows can point at each other before they are written.
Callers must be inside the transaction that also holds the locks their rows depend on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.db.models import Lookup, QuerySet

IN_CHUNK = 2000  # keys per IN (...) query where arrays are not available: under SQLite's parameter limit


class RawJSON(str):
    """A value already serialised to JSON (e.g. the same issuer block on 100,000 receipts): written as is."""


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` fresh primary keys for `model` (from its sequence on PostgreSQL; after the current maximum on SQLite,
    where the transaction already holds the database's write lock)."""
    if count == 0:
        return []
    table = model._meta.db_table
    pk_column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, pk_column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f'SELECT COALESCE(MAX("{pk_column}"), 0) FROM "{table}"')  # noqa: S608 (names from _meta)
        start = cursor.fetchone()[0] + 1
    return list(range(start, start + count))


def insert_rows(model: type[models.Model], field_names: Sequence[str], rows: Sequence[tuple]) -> None:
    """Insert `rows` (tuples in `field_names` order; foreign keys as ids, JSON as Python values) into the table."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in field_names]
    columns = ", ".join(f'"{field.column}"' for field in fields)
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        json_positions = [i for i, field in enumerate(fields) if isinstance(field, models.JSONField)]
        with connection.cursor() as cursor, connection.wrap_database_errors:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f'COPY "{table}" ({columns}) FROM STDIN') as copy:
                for row in rows:
                    if json_positions:
                        row = list(row)
                        for i in json_positions:
                            if not isinstance(row[i], RawJSON):
                                row[i] = json.dumps(row[i], cls=DjangoJSONEncoder, ensure_ascii=False)
                    copy.write_row(row)
        return
    rows = [tuple(json.loads(v) if isinstance(v, RawJSON) else v for v in row) for row in rows]
    placeholders = ", ".join(["%s"] * len(fields))
    prepared = [
        [field.get_db_prep_save(value, connection) for field, value in zip(fields, row, strict=True)] for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(f'INSERT INTO "{table}" ({columns}) VALUES ({placeholders})', prepared)  # noqa: S608


ANALYZE_THRESHOLD = 5000


def analyze(*model_classes: type[models.Model]) -> None:
    """Refresh PostgreSQL's planner statistics after a bulk load.

    Tables grown by 100,000 rows in one go keep their old (or no) statistics until autovacuum gets round to them, and
    the planner then picks plans that scan the whole table once per 2,000-key look-up. ANALYZE samples a fixed number
    of rows, takes well under a second and does not block reads or writes.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in model_classes:
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')


@models.Field.register_lookup
class AnyOf(Lookup):
    """`field__any_of=[...]`: `field = ANY(%s)` with the whole list as one array parameter (PostgreSQL only).

    `field__in` binds one parameter per value, so 100,000 keys need 50 queries of 2,000; one array needs one."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [list(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


def matching(queryset: QuerySet, field: str, values: Sequence) -> Iterator[QuerySet]:
    """`queryset` narrowed to rows whose `field` is one of `values`: one query on PostgreSQL (an array), chunks of
    `IN (...)` elsewhere. Iterate over all the querysets yielded."""
    if not values:
        return
    if connection.vendor == "postgresql":
        yield queryset.filter(**{f"{field}__any_of": values})
        return
    for start in range(0, len(values), IN_CHUNK):
        yield queryset.filter(**{f"{field}__in": values[start:start + IN_CHUNK]})
