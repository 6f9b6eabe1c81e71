"""CSV import of accounts: all or nothing, row-level Thai errors, Thai/English headers, BE dates, cp874 files."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wastefees.imports import apply_import, parse_accounts, template_csv
from wastefees.models import ServiceAccount

GOOD_THAI = (
    "เลขที่บัญชี,ประเภทผู้ใช้บริการ,ชื่อเจ้าของ,ที่อยู่,เขต,ประเภทอัตรา,โทรศัพท์,เลขประจำตัว,น้ำเสีย,เริ่มบริการ\r\n"
    "a00010,ครัวเรือน,นายหนึ่ง ใจดี,1 หมู่ 1,m1,h20,081-234-5678,1-1017-00230-70-8,ใช่,01/10/2568\r\n"
    "S00020,สถานประกอบการ,ร้านป้าแดง,2 หมู่ 2,M2,SHOP,,,no,2025-11-01\r\n"
)


def test_a_correct_file_with_thai_headers_imports_every_row(lgo):
    result = parse_accounts(("\ufeff" + GOOD_THAI).encode("utf-8"), organization=lgo["organization"])
    assert result.ok, result.errors
    assert (result.new_count, result.update_count) == (2, 0)
    assert ServiceAccount.objects.count() == 0  # checking writes nothing
    assert apply_import(result) == (2, 0)
    first = ServiceAccount.objects.get(number="A00010")
    assert first.phone == "0812345678" and first.tax_id == "1101700230708" and first.wastewater
    assert first.active_from == dt.date(2025, 10, 1)  # 01/10/2568 is Buddhist Era
    assert first.zone == lgo["zones"][0] and first.tariff_class == lgo["h20"]
    shop = ServiceAccount.objects.get(number="S00020")
    assert shop.kind == "premises" and not shop.wastewater


def test_english_headers_in_any_order_and_a_second_import_updates(lgo, make_account):
    make_account(lgo, number="A00010", owner_name="ชื่อเดิม")
    data = ("owner_name,account_number,zone,tariff_class,kind,address,active_from\n"
            "ชื่อใหม่,A00010,M2,H20,household,9 หมู่ 2,2025-01-01\n").encode()
    result = parse_accounts(data, organization=lgo["organization"])
    assert result.ok and (result.new_count, result.update_count) == (0, 1)
    apply_import(result)
    account = ServiceAccount.objects.get(number="A00010")
    assert account.owner_name == "ชื่อใหม่" and account.zone == lgo["zones"][1]


def test_one_bad_row_imports_nothing_and_every_problem_is_named_in_thai(lgo):
    bad = GOOD_THAI + (
        "A00030,ครัวเรือน,นายสาม,3 หมู่ 1,M9,H20,12345,1101700230709,บางที,31/02/2568\r\n"
        "A00010,ครัวเรือน,,4 หมู่ 1,M1,SHOP,,,,01/01/2568\r\n"
    )
    with translation.override("th"):
        result = parse_accounts(bad.encode("utf-8"), organization=lgo["organization"])
        messages = {(e.row, e.column): e.message for e in result.errors}
    assert not result.ok
    assert messages[(4, "เขต")] == "ไม่มีเขตรหัส “M9”"
    assert messages[(4, "น้ำเสีย")] == "กรุณาระบุ ใช่ หรือ ไม่ใช่ (yes หรือ no)"
    assert messages[(4, "เริ่มบริการ")] == "กรุณาระบุวันที่ในรูปแบบ 15/01/2569 หรือ 2026-01-15"
    assert messages[(5, "ชื่อเจ้าของ")] == "ช่องนี้ต้องไม่ว่าง"
    result_without_date_errors = parse_accounts(bad.replace("31/02/2568", "01/02/2568").replace(
        "บางที", "ไม่ใช่").replace("M9", "M1").encode(), organization=lgo["organization"])
    with translation.override("th"):
        detail = {(e.row, e.column): str(e.message) for e in result_without_date_errors.errors}
    assert "หมายเลขโทรศัพท์ไทย" in detail[(4, "โทรศัพท์")]
    assert "เลขประจำตัวประชาชน" in detail[(4, "เลขประจำตัว")]
    assert ServiceAccount.objects.count() == 0


def test_duplicate_numbers_unknown_and_missing_columns(lgo):
    duplicate = GOOD_THAI + "A00010,ครัวเรือน,นายซ้ำ,5,M1,H20,,,,2025-01-01\r\n"
    result = parse_accounts(duplicate.encode(), organization=lgo["organization"])
    assert [(e.row, e.column) for e in result.errors] == [(4, "เลขที่บัญชี")]
    headers = parse_accounts("เลขที่บัญชี,สีบ้าน\nA1,แดง\n".encode(), organization=lgo["organization"])
    assert {e.column for e in headers.errors} >= {"สีบ้าน", "ชื่อเจ้าของ", "เขต"}
    assert all(e.row == 1 for e in headers.errors)


def test_thai_windows_code_page_and_the_example_file(lgo):
    result = parse_accounts(GOOD_THAI.encode("cp874"), organization=lgo["organization"])
    assert result.ok and result.new_count == 2
    example = parse_accounts(template_csv().encode("utf-8"), organization=lgo["organization"])
    assert example.ok, example.errors


def _file(count: int, *, start: int = 1) -> bytes:
    rows = "".join(f"A{n:05d},ครัวเรือน,นาย{n},{n} หมู่ 1,M{1 + n % 2},H20,08{n:08d},,ไม่ใช่,01/10/2568\r\n"
                   for n in range(start, start + count))
    return ("account_number,kind,owner_name,address,zone,tariff_class,phone,national_id,wastewater,active_from\r\n"
            + rows).encode()


def test_checking_a_file_costs_the_same_few_queries_for_5_or_100_rows(lgo, make_account):
    organization = lgo["organization"]
    for n in range(1, 101, 2):  # half the rows update existing accounts
        make_account(lgo, number=f"A{n:05d}")
    make_account(lgo, number="Z99999")  # not in the file: not read
    counts = {}
    for size in (5, 100):
        with CaptureQueriesContext(connection) as queries:
            result = parse_accounts(_file(size), organization=organization)
        assert result.ok, result.errors[:3]
        assert result.update_count == (size + 1) // 2
        counts[size] = len(queries)
    assert counts[5] == counts[100] <= 3  # zones, classes, the accounts the file names
    with CaptureQueriesContext(connection) as queries:
        apply_import(result)
    assert len(queries) <= 6  # one transaction: insert the new, update the changed
    assert ServiceAccount.objects.filter(organization=organization).count() == 101
