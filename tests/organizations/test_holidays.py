"""Thai national public holidays are seeded as data, idempotently, and corrections by an admin are kept."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from organizations import calendar
from organizations.holidays import NATIONAL_HOLIDAYS, VERIFY_NOTE
from organizations.models import Holiday

pytestmark = pytest.mark.django_db


def test_migration_seeded_both_years():
    national = Holiday.objects.filter(organization__isnull=True)
    for year in (2026, 2027):
        days = set(national.filter(date__year=year).values_list("date", flat=True))
        assert dt.date(year, 1, 1) in days
        assert dt.date(year, 4, 13) in days and dt.date(year, 4, 15) in days  # Songkran
        assert dt.date(year, 12, 10) in days
        assert len(days) >= 18
    makha = national.get(date=dt.date(2026, 3, 3))
    assert makha.name == "วันมาฆบูชา" and makha.note == VERIFY_NOTE


def test_seed_command_is_idempotent_and_keeps_corrections():
    moved = Holiday.objects.get(organization=None, date=dt.date(2027, 2, 20))
    moved.date, moved.name = dt.date(2027, 2, 21), "วันมาฆบูชา (แก้ไขตามประกาศ)"
    moved.save()
    Holiday.objects.filter(organization=None, date=dt.date(2026, 12, 31)).delete()
    count = Holiday.objects.count()
    out = StringIO()
    call_command("seed_holidays", stdout=out)
    assert "0 " in out.getvalue()
    assert Holiday.objects.count() == count  # neither the old Makha Bucha date nor the deleted day come back
    assert not Holiday.objects.filter(organization=None, date=dt.date(2027, 2, 20)).exists()
    assert not Holiday.objects.filter(organization=None, date=dt.date(2026, 12, 31)).exists()

    Holiday.objects.filter(organization=None, date__year=2027).delete()  # a year without any: seeded again
    call_command("seed_holidays", stdout=StringIO())
    assert Holiday.objects.filter(organization=None, date__year=2027).count() == sum(
        1 for iso, _name, _verify in NATIONAL_HOLIDAYS if iso.startswith("2027"))


def test_seeded_list_has_no_duplicate_dates_and_substitutes_fall_on_weekdays():
    dates = [dt.date.fromisoformat(iso) for iso, _name, _verify in NATIONAL_HOLIDAYS]
    assert len(dates) == len(set(dates))
    for iso, name, _verify in NATIONAL_HOLIDAYS:
        if name.startswith("วันหยุดชดเชย"):
            assert dt.date.fromisoformat(iso).weekday() < 5, name


def test_songkran_counts_as_closed_for_deadlines(org_a):
    # Thu 9 Apr 2026 + 3 working days: Fri 10, (weekend), Mon 13–Wed 15 Songkran → Thu 16, Fri 17.
    assert calendar.add_working_days(org_a, dt.date(2026, 4, 9), 3) == dt.date(2026, 4, 17)
