"""Thai formats: national ID checksums, phone numbers, Buddhist Era dates and baht in words."""

import datetime as dt
from decimal import Decimal

import pytest

from core import thai


@pytest.mark.parametrize("value", ["1101700230708", "3100600445163", "1234567890121"])
def test_valid_national_ids(value):
    assert thai.national_id_checksum_ok(value)


@pytest.mark.parametrize(
    "value", ["1101700230705", "3100600445164", "123456789012", "12345678901234", "110170023070a", ""]
)
def test_invalid_national_ids(value):
    assert not thai.national_id_checksum_ok(value)


@pytest.mark.parametrize(("raw", "ok"), [
    ("081-234-5678", True), ("+66 81 234 5678", True), ("02 123 4567", True), ("053-123456", True),
    ("0112345678", False), ("08123", False), ("abc", False),
])
def test_phone_numbers(raw, ok):
    assert thai.is_thai_phone(raw) is ok


def test_buddhist_era_dates():
    assert thai.thai_date(dt.date(2026, 11, 25)) == "25 พฤศจิกายน 2569"
    assert thai.thai_date(dt.date(2027, 1, 1), short=True) == "1 ม.ค. 2570"
    assert thai.be_year(dt.date(2026, 12, 31)) == 2569


def test_fiscal_year_starts_in_october():
    assert thai.fiscal_year(dt.date(2026, 9, 30)) == 2569
    assert thai.fiscal_year(dt.date(2026, 10, 1)) == 2570


@pytest.mark.parametrize(("amount", "words"), [
    ("0", "ศูนย์บาทถ้วน"),
    ("1", "หนึ่งบาทถ้วน"),
    ("11", "สิบเอ็ดบาทถ้วน"),
    ("21", "ยี่สิบเอ็ดบาทถ้วน"),
    ("100", "หนึ่งร้อยบาทถ้วน"),
    ("101", "หนึ่งร้อยเอ็ดบาทถ้วน"),
    ("1.50", "หนึ่งบาทห้าสิบสตางค์"),
    ("0.25", "ยี่สิบห้าสตางค์"),
    ("1234567.89", "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทแปดสิบเก้าสตางค์"),
    ("1000001", "หนึ่งล้านเอ็ดบาทถ้วน"),
    ("21000000", "ยี่สิบเอ็ดล้านบาทถ้วน"),
])
def test_baht_text(amount, words):
    assert thai.baht_text(Decimal(amount)) == words


def test_money_refuses_floats():
    with pytest.raises(TypeError):
        thai.baht_text(1.5)
    with pytest.raises(TypeError):
        thai.format_baht(1.5)
    assert thai.format_baht(Decimal("1234.5")) == "1,234.50"
