"""Working days, holidays and the legal moment of receipt."""

import datetime as dt
import zoneinfo

import pytest

from organizations import calendar
from organizations.models import Holiday

BKK = zoneinfo.ZoneInfo("Asia/Bangkok")
pytestmark = pytest.mark.django_db


def test_weekends_and_holidays_are_skipped(org_a):
    Holiday.objects.filter(date=dt.date(2026, 12, 7)).delete()
    Holiday.objects.update_or_create(organization=None, date=dt.date(2026, 12, 7), defaults={"name": "ชดเชย"})
    # Fri 4 Dec 2026 + 1 working day: Sat/Sun skipped, Mon 7 Dec is a holiday -> Tue 8 Dec.
    assert calendar.add_working_days(org_a, dt.date(2026, 12, 4), 1) == dt.date(2026, 12, 8)
    assert calendar.working_days_between(org_a, dt.date(2026, 12, 4), dt.date(2026, 12, 8)) == 1


def test_local_holiday_applies_only_to_its_lgo(org_a, org_b):
    Holiday.objects.create(organization=org_a, date=dt.date(2026, 12, 1), name="งานประจำปีเทศบาล")
    assert not calendar.is_working_day(org_a, dt.date(2026, 12, 1))
    assert calendar.is_working_day(org_b, dt.date(2026, 12, 1))


def test_out_of_hours_request_counts_from_next_opening(org_a):
    friday_evening = dt.datetime(2026, 11, 27, 20, 0, tzinfo=BKK)
    assert calendar.received_at(org_a, friday_evening) == dt.datetime(2026, 11, 30, 8, 30, tzinfo=BKK)
    tuesday_noon = dt.datetime(2026, 11, 24, 12, 0, tzinfo=BKK)
    assert calendar.received_at(org_a, tuesday_noon) == tuesday_noon
    early = dt.datetime(2026, 11, 24, 7, 0, tzinfo=BKK)
    assert calendar.received_at(org_a, early) == dt.datetime(2026, 11, 24, 8, 30, tzinfo=BKK)
