"""The file parsing payments and wastefees share (core.thai) and the statement's row messages built on it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from core.thai import ce_year, decode_thai_text, parse_thai_date
from payments.reconciliation import BANGKOK, StatementFormatError, parse_statement

HEADER = "date,time,ref1,amount,bank reference\n"


@pytest.mark.parametrize(("text", "day"), [
    ("2026-01-15", dt.date(2026, 1, 15)), ("15/01/2026", dt.date(2026, 1, 15)), ("15/1/2569", dt.date(2026, 1, 15)),
    (" 2569-11-25 ", dt.date(2026, 11, 25)), ("29/02/2567", dt.date(2024, 2, 29)),
])
def test_thai_dates_christian_or_buddhist_era(text, day):
    assert parse_thai_date(text) == day


@pytest.mark.parametrize("text", ["", "15-01-2026", "2026/01/15", "31/02/2569", "15/13/2569", "15/01/69"])
def test_other_forms_and_missing_days_are_refused(text):
    with pytest.raises(ValueError):
        parse_thai_date(text)


def test_buddhist_era_years_above_2400():
    assert (ce_year(2569), ce_year(2026), ce_year(2400)) == (2026, 2026, 2400)


def test_utf8_with_or_without_bom_else_windows_874():
    assert decode_thai_text("\ufeffวันที่".encode()) == "วันที่"
    assert decode_thai_text("วันที่".encode("cp874")) == "วันที่"
    with pytest.raises(UnicodeDecodeError):
        decode_thai_text(b"\x81\xff\xfe")


def test_statement_rows_read_dates_times_and_amounts():
    rows = parse_statement((HEADER + "25/11/2569,14:05,a1,\"1,234.50\",BK1\n2026-11-24 09:30:15,,B2,฿7,BK2\n")
                           .encode())
    assert [(r.paid_at, r.ref1, r.amount) for r in rows] == [
        (dt.datetime(2026, 11, 25, 14, 5, tzinfo=BANGKOK), "A1", Decimal("1234.50")),
        (dt.datetime(2026, 11, 24, 9, 30, 15, tzinfo=BANGKOK), "B2", Decimal("7.00")),
    ]


def test_statement_row_messages_stay_the_same():
    bad = ["31/02/2569,10:00,A,1.00,BK1", "25/11/2569,25:00,A,1.00,BK2", "25-11-2569,10:00,A,1.00,BK3",
           "25/11/2569,10h,A,1.00,BK4", "25/11/2569,10:00,A,abc,BK5", "25/11/2569,10:00,A,0,BK6",
           "25/11/2569,10:00,A,1.001,BK7", "25/11/2569,10:00,A,1E+30,BK8", "25/11/2569,10:00,A,NaN,BK9"]
    with translation.override("en"), pytest.raises(StatementFormatError) as caught:
        parse_statement((HEADER + "\n".join(bad) + "\n").encode())
    assert [error.message for error in caught.value.errors] == [
        "Date “31/02/2569” does not exist.", "Date “25/11/2569” does not exist.",
        "Date “25-11-2569” is not dd/mm/yyyy or yyyy-mm-dd.", "Time “10h” is not HH:MM.",
        "Amount “abc” is not a number.", "Amount “0” must be more than 0 with at most 2 decimals.",
        "Amount “1.001” must be more than 0 with at most 2 decimals.",
        "Amount “1E+30” must be more than 0 with at most 2 decimals.",
        "Amount “NaN” must be more than 0 with at most 2 decimals.",
    ]


def test_a_file_in_neither_encoding_is_refused():
    with translation.override("en"), pytest.raises(StatementFormatError) as caught:
        parse_statement(b"\x81\xff\xfe")
    assert caught.value.errors[0].message == "The file is not UTF-8 or Thai Windows-874 text."
