"""Keyset ("seek") pagination for lists of millions of rows: every page costs the same, however deep.

`OFFSET 100000` makes PostgreSQL read and throw away 100,000 rows; a seek page instead asks for the rows after (or
before) the last one shown, in the list's own order, which an index on the ordering columns answers by reading only
the page. The order must be total: its last key must be unique (the primary key), so no row is skipped or repeated
when many rows share a date. The cursor in the URL holds the edge row's key values; a malformed cursor shows the
first page (it only narrows a queryset the caller has already scoped, so it cannot widen what anyone sees).

    KEYS = (SeekKey("received_at", descending=True), SeekKey("id", descending=True))
    page = seek_page(queryset.values(...), KEYS, after=request.GET.get("after"), per_page=50)
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet, ValidationError
from django.db import OperationalError, connection, transaction
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import OrderBy


@dataclass(frozen=True)
class SeekKey:
    """One ordering column. `nullable` keys must be ascending; their NULLs come last (as PostgreSQL's default)."""

    field: str
    descending: bool = False
    nullable: bool = False

    def __post_init__(self) -> None:
        if self.nullable and self.descending:
            raise ValueError("a nullable seek key must be ascending (NULLs last)")


@dataclass
class SeekPage:
    """One page, with cursors to its neighbours (None where there is none)."""

    object_list: list[Any]
    next_cursor: str | None
    previous_cursor: str | None

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None


def ordering(keys: Sequence[SeekKey], *, backwards: bool = False) -> list[OrderBy]:
    """ORDER BY expressions for `keys`, NULL placement explicit (SQLite puts NULLs first unless told)."""
    result = []
    for key in keys:
        descending = key.descending != backwards
        if key.nullable:
            result.append(F(key.field).desc(nulls_first=True) if descending else F(key.field).asc(nulls_last=True))
        else:
            result.append(F(key.field).desc() if descending else F(key.field).asc())
    return result


def seek_page(queryset: QuerySet, keys: Sequence[SeekKey], *, per_page: int, after: str | None = None,
              before: str | None = None) -> SeekPage:
    """The page after the `after` cursor (or before `before`; the first page without either). `queryset` must
    yield dicts (`.values(...)`) holding every key field. One query: it fetches `per_page + 1` rows to learn whether
    another page follows."""
    if keys[-1].nullable:
        raise ValueError("the last seek key must be unique and not null")
    after_values = decode_cursor(after, len(keys))
    before_values = None if after_values else decode_cursor(before, len(keys))
    try:  # a cursor's values of the wrong type (a hand-made URL) fail here, as the lookups prepare them
        narrowed = queryset.filter(_beyond(keys, after_values or before_values, backwards=before_values is not None)) \
            if after_values or before_values else queryset
    except (ValidationError, ValueError, TypeError):
        narrowed, after_values, before_values = queryset, None, None
    if before_values is not None:
        rows = list(narrowed.order_by(*ordering(keys, backwards=True))[: per_page + 1])
        more_before = len(rows) > per_page
        rows = rows[:per_page][::-1]
        return SeekPage(rows, _cursor_of(rows[-1], keys) if rows else before,
                        _cursor_of(rows[0], keys) if rows and more_before else None)
    rows = list(narrowed.order_by(*ordering(keys))[: per_page + 1])
    more_after = len(rows) > per_page
    rows = rows[:per_page]
    return SeekPage(rows, _cursor_of(rows[-1], keys) if more_after else None,
                    _cursor_of(rows[0], keys) if rows and after_values is not None else None)


def _beyond(keys: Sequence[SeekKey], values: list[Any], *, backwards: bool) -> Q:
    """Rows strictly past `values` in the keys' order (or before them, `backwards`): lexicographic, plus a bound
    on the first key alone so that the database starts its index range there instead of filtering from the top."""
    condition = Q(pk__in=[])
    equal = Q()
    for key, value in zip(keys, values, strict=True):
        condition |= equal & _past(key, value, backwards=backwards)
        equal &= Q(**{f"{key.field}__isnull": True}) if value is None else Q(**{key.field: value})
    return _leading_bound(keys[0], values[0], backwards=backwards) & condition


def _past(key: SeekKey, value: Any, *, backwards: bool) -> Q:
    if key.nullable:  # ascending, NULLs last
        if value is None:
            return Q(**{f"{key.field}__isnull": False}) if backwards else Q(pk__in=[])
        if backwards:
            return Q(**{f"{key.field}__lt": value})
        return Q(**{f"{key.field}__gt": value}) | Q(**{f"{key.field}__isnull": True})
    greater = key.descending == backwards
    return Q(**{f"{key.field}__{'gt' if greater else 'lt'}": value})


def _leading_bound(key: SeekKey, value: Any, *, backwards: bool) -> Q:
    if key.nullable:
        if value is None:
            return Q() if backwards else Q(**{f"{key.field}__isnull": True})
        if backwards:
            return Q(**{f"{key.field}__lte": value})
        return Q(**{f"{key.field}__gte": value}) | Q(**{f"{key.field}__isnull": True})
    greater = key.descending == backwards
    return Q(**{f"{key.field}__{'gte' if greater else 'lte'}": value})


# --- Cursors: the edge row's key values, as URL-safe base64 JSON ----------------------------------------------------


def _cursor_of(row: dict, keys: Sequence[SeekKey]) -> str:
    values = [_plain(row[key.field]) for key in keys]
    return base64.urlsafe_b64encode(json.dumps(values, separators=(",", ":")).encode()).decode().rstrip("=")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, dt.date):
        return {"d": value.isoformat()}
    return value


def decode_cursor(cursor: str | None, length: int) -> list[Any] | None:
    """The key values in a cursor, or None when there is none or it is not one of ours."""
    if not cursor or len(cursor) > 1000:
        return None
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(values, list) or len(values) != length:
            return None
        return [_typed(value) for value in values]
    except (ValueError, TypeError, binascii.Error):
        return None


def _typed(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {"dt"}:
            return dt.datetime.fromisoformat(value["dt"])
        if set(value) == {"d"}:
            return dt.date.fromisoformat(value["d"])
        raise ValueError("unknown cursor value")
    if value is None or (isinstance(value, (int, str)) and not isinstance(value, bool)):
        return value
    raise ValueError("unknown cursor value")


# --- Counting a list of millions without reading it -----------------------------------------------------------------


@dataclass(frozen=True)
class ListCount:
    """How many rows a list holds: exact up to `cap`, "more than cap" (capped), or the planner's estimate."""

    count: int
    capped: bool = False
    estimated: bool = False


def bounded_count(queryset: QuerySet, *, cap: int, estimate_above: int, timeout_ms: int) -> ListCount:
    """Count at most `cap + 1` rows, but never spend more than a planner call on a huge or slow count.

    A capped COUNT reads up to cap + 1 matching rows; when a filter matches one row in thirty along the index it
    uses (a department officer filtering by another department's service), that is 30,000 rows. On PostgreSQL the
    planner's estimate is asked first (one EXPLAIN, well under a millisecond): above `estimate_above` the estimate
    is shown, rounded. Otherwise the count runs with a statement timeout, and the estimate stands in if it fires.
    """
    estimate = _planner_rows(queryset)
    if estimate is not None and estimate > estimate_above:
        return ListCount(_rounded(estimate), estimated=True)
    limited = queryset.order_by()[: cap + 1]
    if estimate is None:
        count = limited.count()
    else:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = %s", [timeout_ms])
                count = limited.count()
                cursor.execute("SET LOCAL statement_timeout TO DEFAULT")
        except OperationalError:  # the timeout fired: the savepoint's rollback also undid SET LOCAL
            return ListCount(_rounded(max(estimate, cap + 1)), estimated=True)
    return ListCount(min(count, cap), capped=count > cap)


def _planner_rows(queryset: QuerySet) -> int | None:
    """PostgreSQL's estimate of how many rows `queryset` yields (None on other databases or an empty queryset)."""
    if connection.vendor != "postgresql":
        return None
    try:
        plan = json.loads(queryset.order_by().explain(format="json"))
    except EmptyResultSet:
        return None
    return int(plan[0]["Plan"]["Plan Rows"])


def _rounded(value: int) -> int:
    """An estimate shown to two significant figures (57,389 → 57,000): it is not exact, so it should not look so."""
    if value < 100:
        return value
    magnitude = 10 ** (len(str(value)) - 2)
    return round(value / magnitude) * magnitude
