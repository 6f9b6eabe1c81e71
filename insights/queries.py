"""Aggregate reads shared by the built-in panels and datasets: a month window, months filled with zeros, medians.

Every query here is one GROUP BY over one LGO's rows in a bounded date window, so its cost grows with the window's
rows, never with the number of LGOs on the deployment.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import connection
from django.db.models import Aggregate, FloatField, QuerySet
from django.utils import timezone

#: Months shown on the dashboard and published as open data.
WINDOW_MONTHS = 12


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def months(today: dt.date, count: int = WINDOW_MONTHS) -> list[dt.date]:
    """The first days of the last `count` months, oldest first, this month last."""
    start = add_months(first_of_month(today), -(count - 1))
    return [add_months(start, i) for i in range(count)]


def window_start(today: dt.date, count: int = WINDOW_MONTHS) -> dt.datetime:
    """The first instant (Bangkok time) of the window's first month."""
    first = months(today, count)[0]
    return timezone.make_aware(dt.datetime.combine(first, dt.time.min), timezone.get_default_timezone())


def as_month(value: Any) -> dt.date | None:
    """TruncMonth gives an aware datetime (in the current time zone) on PostgreSQL, sometimes a date elsewhere."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date().replace(day=1)
    return value.replace(day=1)


def percent(part: int | Decimal, whole: int | Decimal) -> Decimal | None:
    """part/whole as a percentage with 2 decimals, rounded half up (11.805… → 11.81); None when whole is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def days(value: float | Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class MedianDays(Aggregate):
    """PostgreSQL's exact median of (end - start) in days: percentile_cont over the group, no rows sent to Python."""

    function = "percentile_cont"
    template = "percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)"
    output_field = FloatField()

    def __init__(self, end: str, start: str, **extra):
        from django.db.models import F

        super().__init__(F(end) - F(start), **extra)


def medians(queryset: QuerySet, group: str | tuple[str, ...], end: str, start: str) -> dict[Any, float]:
    """Median days from `start` to `end` per value of `group` (a field, or a tuple of fields giving tuple keys): in
    the database on PostgreSQL; elsewhere (SQLite: development and small test data only) from the durations."""
    fields = (group,) if isinstance(group, str) else group

    def key(values: tuple) -> Any:
        return values[0] if isinstance(group, str) else values

    if connection.vendor == "postgresql":
        rows = queryset.values(*fields).annotate(median=MedianDays(end, start)).values_list(*fields, "median")
        return {key(row[:-1]): row[-1] for row in rows if row[-1] is not None}
    spans: dict[Any, list[float]] = {}
    for row in queryset.values_list(*fields, end, start).iterator():
        finished, started = row[-2], row[-1]
        spans.setdefault(key(row[:-2]), []).append((finished - started).total_seconds() / 86400)
    return {k: statistics.median(values) for k, values in spans.items()}


def fill_months(month_list: Iterable[dt.date], rows: dict[dt.date, dict[str, Any]],
                empty: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per month of the window, zeros where nothing happened (a chart with gaps misleads)."""
    return [{"month": month, **empty, **rows.get(month, {})} for month in month_list]
