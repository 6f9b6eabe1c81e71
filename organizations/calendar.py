"""Working days and office hours of an LGO.

Legal time limits (Licensing Facilitation Act 2558) count working days; a request filed electronically outside
office hours counts as received at the next working moment (Electronic Administration Act 2565). Holidays are data
(`Holiday`), so an LGO can add a local closure without a code change.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.core.cache import cache
from django.utils import timezone

from core import cacheversion, requestmemo

from .models import Holiday, Organization

# Holidays are read on every filing and every deadline check but change a few times a year: each LGO's year is
# cached under a version that any change to a holiday bumps (see `forget_holidays`). The timeout bounds how stale
# another process's in-memory cache can be when no shared cache (Redis) is configured.
_VERSION_KEY = "cal:v"
_YEAR_KEY = "cal:h:{version}:{organization}:{year}"
_TIMEOUT = 600


def holidays_between(organization: Organization | None, start: dt.date, end: dt.date) -> set[dt.date]:
    """All holiday dates in [start, end] that apply to `organization` (national + its own)."""
    if end < start:
        return set()
    result: set[dt.date] = set()
    for year in range(start.year, end.year + 1):
        result.update(day for day in _holidays_in_year(organization, year) if start <= day <= end)
    return result


def _holidays_in_year(organization: Organization | None, year: int) -> frozenset[dt.date]:
    version = cacheversion.current(_VERSION_KEY)
    key = _YEAR_KEY.format(version=version, organization=getattr(organization, "pk", None) or 0, year=year)
    return requestmemo.memoized(key, lambda: _load_year(key, organization, year))


def _load_year(key: str, organization: Organization | None, year: int) -> frozenset[dt.date]:
    days = cache.get(key)
    if days is None:
        days = frozenset(
            Holiday.objects.for_organization(organization).filter(date__year=year).values_list("date", flat=True)
        )
        cache.set(key, days, _TIMEOUT)
    return days


def forget_holidays() -> None:
    """Drop every cached holiday year (model signals call it; call it after bulk changes)."""
    cacheversion.bump_now_and_on_commit(_VERSION_KEY)


def is_working_day(organization: Organization | None, day: dt.date, *, holidays: set[dt.date] | None = None) -> bool:
    """Monday to Friday and not a holiday."""
    if day.weekday() >= 5:
        return False
    if holidays is None:
        holidays = holidays_between(organization, day, day)
    return day not in holidays


def add_working_days(organization: Organization | None, start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (start itself not counted); `start` when days is 0."""
    if days <= 0:
        return start
    # Enough calendar days for any realistic run of holidays (Songkran + weekends), fetched in one query.
    span_end = start + dt.timedelta(days=days * 2 + 30)
    holidays = holidays_between(organization, start, span_end)
    current, counted = start, 0
    while counted < days:
        current += dt.timedelta(days=1)
        if current > span_end:
            span_end = current + dt.timedelta(days=days * 2 + 30)
            holidays |= holidays_between(organization, current, span_end)
        if is_working_day(organization, current, holidays=holidays):
            counted += 1
    return current


def working_days_between(organization: Organization | None, start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    holidays = holidays_between(organization, start, end)
    count, current = 0, start
    while current < end:
        current += dt.timedelta(days=1)
        if is_working_day(organization, current, holidays=holidays):
            count += 1
    return count


def received_at(organization: Organization, moment: dt.datetime | None = None) -> dt.datetime:
    """When an electronic request legally counts as received: now if the office is open, else the next opening."""
    local = timezone.localtime(moment or timezone.now())
    holidays = holidays_between(organization, local.date(), local.date() + dt.timedelta(days=40))
    day = local.date()
    if is_working_day(organization, day, holidays=holidays):
        if local.time() < organization.office_opens:
            return _at(day, organization.office_opens)
        if local.time() < organization.office_closes:
            return local
    day += dt.timedelta(days=1)
    while not is_working_day(organization, day, holidays=holidays):
        day += dt.timedelta(days=1)
    return _at(day, organization.office_opens)


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time), _bangkok())


@lru_cache(maxsize=1)
def _bangkok() -> dt.tzinfo:
    import zoneinfo

    return zoneinfo.ZoneInfo("Asia/Bangkok")
