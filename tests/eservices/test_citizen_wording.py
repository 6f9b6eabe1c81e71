"""Issue 9 item 12: dropdown errors name their question, phone numbers are grouped, retention reads "5 ปี", and the
tracking page writes every date one way."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from core import thai
from eservices.forms.registry import get as field_type

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("style", ["select", "radios", "checkboxes"])
def test_choice_errors_name_their_question(style):
    spec = {"key": "premises", "label": "ประเภทสถานที่", "style": style, "options": "บ้าน\nร้านค้า"}
    with translation.override("th"):
        field = field_type("choice").formfield(spec, required=True)
        with pytest.raises(Exception) as error:
            field.clean([] if style == "checkboxes" else "")
    assert "ประเภทสถานที่" in str(error.value)


def test_phone_numbers_are_grouped_as_thais_write_them():
    assert thai.format_phone("0812345678") == "081 234 5678"
    assert thai.format_phone("021234567") == "02 123 4567"
    assert thai.format_phone("053123456") == "053 123 456"
    assert thai.format_phone("+66 81 234 5678") == "081 234 5678"
    assert field_type("phone").display("0812345678", {}) == "081 234 5678"


def test_retention_periods_read_in_years():
    with translation.override("th"):
        assert thai.period_text(1825) == "5 ปี"
        assert thai.period_text(90) == "90 วัน"
    with translation.override("en"):
        assert thai.period_text(365) == "1 year"


def test_tracking_page_writes_dates_one_way(client, file_case):
    case = file_case()
    html = client.get(case.get_absolute_url()).content.decode()
    short_months = [month for month in thai.THAI_MONTHS_SHORT if re.search(rf"\d {re.escape(month)} \d{{4}}", html)]
    assert not short_months, short_months
    assert thai.thai_date(case.received_at) in html
