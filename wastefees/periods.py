"""Billing periods: one calendar month, written "YYYY-MM" in forms and URLs, stored as the month's first day."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from core.thai import BE_OFFSET, THAI_MONTHS, ce_year

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


class PeriodError(ValueError):
    """A period string that is not a real month "YYYY-MM" (Gregorian year)."""


def parse_period(value: str) -> dt.date:
    """"2026-11" → date(2026, 11, 1). Accepts a Buddhist Era year too ("2569-11"), as Thai officers often type it."""
    match = _PERIOD.match((value or "").strip())
    if not match:
        raise PeriodError(value)
    year, month = ce_year(int(match.group(1))), int(match.group(2))
    if not (1 <= month <= 12 and 2000 <= year <= 2200):
        raise PeriodError(value)
    return dt.date(year, month, 1)


def period_key(period: dt.date) -> str:
    """date(2026, 11, 1) → "2026-11" (used in source ids and URLs)."""
    return f"{period.year:04d}-{period.month:02d}"


def period_ref2(period: dt.date) -> str:
    """The bill-payment Ref2 of a period: Buddhist Era year and month, "256911", as printed on Thai bills."""
    return f"{period.year + BE_OFFSET:04d}{period.month:02d}"


def period_end(period: dt.date) -> dt.date:
    """The last day of the period's month."""
    return period.replace(day=calendar.monthrange(period.year, period.month)[1])


def next_period(period: dt.date) -> dt.date:
    return (period_end(period) + dt.timedelta(days=1)).replace(day=1)


def previous_period(period: dt.date) -> dt.date:
    return (period - dt.timedelta(days=1)).replace(day=1)


def thai_period(period: dt.date) -> str:
    """date(2026, 11, 1) → "พฤศจิกายน 2569"."""
    return f"{THAI_MONTHS[period.month - 1]} {period.year + BE_OFFSET}"


def period_label(period: dt.date, *, thai: bool = True) -> str:
    """The month in the reader's language: "พฤศจิกายน 2569" or "November 2026"."""
    if thai:
        return thai_period(period)
    return period.strftime("%B %Y")
