"""Working days and office hours of an LGO.

Legal time limits (Licensing Facilitation Act 2558) count working days; a request filed electronically outside
office hours counts as received at the next working moment (Electronic Administration Act 2565). Holidays are data
(`Holiday`), so an LGO can add a local closure without a code change.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.utils import timezone

from .models import Holiday, Organization


def holidays_between(organization: Organization | None, start: dt.date, end: dt.date) -> set[dt.date]:
    """All holiday dates in [start, end] that apply to `organization` (national + its own)."""
    return set(
        Holiday.objects.for_organization(organization)
        .filter(date__gte=start, date__lte=end)
        .values_list("date", flat=True)
    )


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
