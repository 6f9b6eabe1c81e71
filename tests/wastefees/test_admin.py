"""Officer pages: tenancy in lists and exports, bounded queries, dashboard figures, runs, import, audit log."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from core.models import AuditAction, AuditLog
from organizations.constants import Role
from payments.constants import PaymentChannel
from payments.services import record_payment
from tests.wastefees.conftest import setup_lgo
from wastefees.admin_views import recent_periods
from wastefees.billing import run_billing
from wastefees.models import Bill, BillingRun, ServiceAccount
from wastefees.selectors import accounts_for_list, dashboard

ACCOUNTS = "/admin/waste-fees/accounts/"


@pytest.fixture
def two_lgos(lgo, org_b, make_account):
    other = {"organization": org_b, **setup_lgo(org_b, prefix="บี ")}
    mine = [make_account(lgo, number=f"A{n:05d}", zone=n % 2) for n in range(1, 4)]
    theirs = make_account(other, number="B00001", owner_name="คนของบี")
    return {"mine": mine, "theirs": theirs, "other": other}


def test_an_officer_sees_searches_and_exports_only_their_own_lgo(client, clerk, two_lgos):
    client.force_login(clerk)
    html = client.get(ACCOUNTS).content.decode()
    assert "A00001" in html and "B00001" not in html and "คนของบี" not in html
    assert "คนของบี" not in client.get(ACCOUNTS, {"q": "B00001"}).content.decode()
    assert client.get(reverse("wastefees_admin:account", args=[two_lgos["theirs"].pk])).status_code == 404
    assert client.get(reverse("wastefees_admin:account_edit", args=[two_lgos["theirs"].pk])).status_code == 404
    response = client.get(ACCOUNTS, {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # BOM, so Excel reads the Thai
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert [row[0] for row in rows[1:]] == ["A00001", "A00002", "A00003"]
    xlsx = client.get(ACCOUNTS, {"export": "xlsx", "zone": two_lgos["mine"][1].zone_id})
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["A00002"]
    assert AuditLog.objects.filter(actor=clerk, action=AuditAction.EXPORT).count() == 2
    assert AuditLog.objects.filter(actor=clerk, action=AuditAction.SEARCH, detail="B00001").exists()


def test_people_outside_the_fee_divisions_are_refused(client, org_a, make_officer, two_lgos):
    engineer = make_officer(org_a, Role.OFFICER, username="engineer", department="engineering")
    client.force_login(engineer)
    refused = client.get(ACCOUNTS)
    assert refused.status_code in (302, 403) and b"A00001" not in refused.content  # Wagtail redirects with a message
    executive = make_officer(org_a, Role.EXECUTIVE, username="mayor")
    client.force_login(executive)
    assert client.get(ACCOUNTS).status_code == 200
    assert client.get(reverse("wastefees_admin:account_new")).status_code in (302, 403)  # they look, not change


def test_the_account_list_runs_a_bounded_number_of_queries(client, clerk, lgo, make_account,
                                                          django_assert_max_num_queries):
    for n in range(60):
        make_account(lgo, number=f"Q{n:04d}", zone=n % 2)
    run_billing(organization=lgo["organization"], period=dt.date(2026, 9, 1))
    client.force_login(clerk)
    client.get(ACCOUNTS)  # warm the session and menu caches
    with django_assert_max_num_queries(30):  # the same with 5 or 50 rows: Wagtail's chrome + count + page + arrears
        response = client.get(ACCOUNTS, {"arrears": "on"})
    assert response.status_code == 200 and response.content.decode().count("Q00") == 50
    with django_assert_max_num_queries(25):
        assert client.get(reverse("wastefees_admin:runs")).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(reverse("wastefees_admin:dashboard")).status_code == 200


def test_account_list_filters_and_the_arrears_flag_of_exports(client, clerk, lgo, make_account):
    organization = lgo["organization"]
    late = make_account(lgo, number="A1")
    make_account(lgo, number="A2", active_to=dt.date(2026, 11, 30))  # ends today
    make_account(lgo, number="A3", active_to=dt.date(2026, 11, 24))  # ended yesterday
    make_account(lgo, number="A4", active_from=dt.date(2026, 11, 26))  # starts tomorrow
    run_billing(organization=organization, period=dt.date(2026, 9, 1))
    for bill in Bill.objects.exclude(account=late):
        record_payment(invoice=bill.invoice, amount=bill.invoice.total, channel=PaymentChannel.COUNTER_CASH,
                       provider="counter", provider_reference=f"P{bill.pk}", paid_at=bill.created_at)
    today = dt.date(2026, 11, 25)

    def numbers(**filters):
        return [a.number for a in accounts_for_list(organization, today=today, **filters)]

    assert numbers(status="active") == ["A1", "A2"]
    assert numbers(status="ended") == ["A3"] and numbers(status="future") == ["A4"]
    assert numbers(arrears=True) == ["A1"]
    assert "in_arrears" not in accounts_for_list(organization, today=today).query.annotations  # pages: no subquery
    flagged = accounts_for_list(organization, today=today, flag_arrears=True)
    assert [(a.number, a.in_arrears) for a in flagged] == [("A1", True), ("A2", False), ("A3", False),
                                                           ("A4", False)]
    client.force_login(clerk)
    with time_machine.travel(dt.datetime(2026, 11, 25, 5, tzinfo=dt.UTC)):
        text = b"".join(client.get(ACCOUNTS, {"export": "csv"}).streaming_content).decode("utf-8-sig")
    assert [(row[0], row[-1]) for row in csv.reader(io.StringIO(text))][1:] == [
        ("A1", "✓"), ("A2", ""), ("A3", ""), ("A4", "")]


def test_dashboard_sums_billed_paid_and_unpaid_by_zone_and_month(lgo, make_account):
    organization = lgo["organization"]
    a = make_account(lgo, number="A1", zone=0)
    b = make_account(lgo, number="B1", zone=0, shop=True)
    c = make_account(lgo, number="C1", zone=1, wastewater=True)
    for period in (dt.date(2026, 10, 1), dt.date(2026, 11, 1)):
        run_billing(organization=organization, period=period)
    paid_at = dt.datetime(2026, 11, 20, 3, tzinfo=dt.UTC)

    def pay(account, period, amount, ref):
        invoice = Bill.objects.get(account=account, period=period).invoice
        record_payment(invoice=invoice, amount=Decimal(amount), channel=PaymentChannel.COUNTER_CASH,
                       provider="counter", provider_reference=ref, paid_at=paid_at)

    pay(a, dt.date(2026, 10, 1), "40.00", "R1")
    pay(b, dt.date(2026, 10, 1), "100.00", "R2")  # part of 160
    pay(c, dt.date(2026, 11, 1), "60.00", "R3")  # 10 more than the 50 billed: counts as 50
    with time_machine.travel(dt.datetime(2026, 11, 25, 5, tzinfo=dt.UTC)):
        periods = recent_periods(2)
    assert periods == [dt.date(2026, 10, 1), dt.date(2026, 11, 1)]
    board = dashboard(organization, periods=periods)
    zone1, zone2 = lgo["zones"]
    october = board.cell(zone1.pk, periods[0])
    assert (october.billed, october.paid, october.unpaid, october.bills, october.paid_bills) == (
        Decimal("200.00"), Decimal("140.00"), Decimal("60.00"), 2, 1)
    november2 = board.cell(zone2.pk, periods[1])
    assert (november2.billed, november2.paid, november2.unpaid) == (Decimal("50.00"), Decimal("50.00"), 0)
    assert board.by_period[periods[1]].billed == Decimal("250.00")
    assert board.by_zone[zone2.pk].billed == Decimal("100.00")
    assert (board.total.billed, board.total.paid, board.total.unpaid) == (
        Decimal("500.00"), Decimal("190.00"), Decimal("310.00"))


def test_the_dashboard_page_shows_the_figures_and_a_chart(client, clerk, lgo, make_account):
    make_account(lgo, number="A1")
    with time_machine.travel(dt.datetime(2026, 11, 25, 5, tzinfo=dt.UTC)):
        run_billing(organization=lgo["organization"], period=dt.date(2026, 11, 1))
        client.force_login(clerk)
        html = client.get(reverse("wastefees_admin:dashboard")).content.decode()
    assert "พฤศจิกายน 2569" in html and "40.00" in html
    assert 'class="wf-bar__billed" style="width:100%"' in html


def test_a_billing_run_is_confirmed_before_it_starts_and_records_who(client, clerk, lgo, make_account):
    make_account(lgo, number="A1")
    client.force_login(clerk)
    url = reverse("wastefees_admin:runs")
    confirm = client.post(url, {"period": "2569-11"})
    assert "ออกใบแจ้งหนี้ประจำเดือนพฤศจิกายน 2569 ใช่หรือไม่" in confirm.content.decode()
    assert not BillingRun.objects.exists()
    response = client.post(url, {"period": "2026-11", "confirm": "1"})
    assert response.status_code == 302
    run = BillingRun.objects.get()
    assert (run.period, run.bills_created, run.started_by) == (dt.date(2026, 11, 1), 1, clerk)
    client.post(url, {"period": "2026-11", "confirm": "1"})
    assert Bill.objects.count() == 1 and BillingRun.objects.count() == 2


def test_import_previews_then_writes_on_confirm(client, clerk, lgo):
    client.force_login(clerk)
    url = reverse("wastefees_admin:import")
    data = ("account_number,kind,owner_name,address,zone,tariff_class,active_from\n"
            "A9,household,นายเก้า,9,M1,H20,2025-01-01\n")
    upload = io.BytesIO(data.encode())
    upload.name = "accounts.csv"
    preview = client.post(url, {"file": upload})
    assert "ยืนยันการนำเข้า" in preview.content.decode() and not ServiceAccount.objects.exists()
    client.post(url, {"confirm": "1"})
    assert ServiceAccount.objects.get().number == "A9"
    bad = io.BytesIO(data.replace("M1", "XX").encode())
    bad.name = "bad.csv"
    html = client.post(url, {"file": bad}).content.decode()
    assert "ไม่มีเขตรหัส “XX”" in html and ServiceAccount.objects.count() == 1


def test_opening_and_editing_an_account_is_audit_logged(client, clerk, lgo, make_account):
    account = make_account(lgo, number="A1")
    client.force_login(clerk)
    assert client.get(reverse("wastefees_admin:account", args=[account.pk])).status_code == 200
    assert AuditLog.objects.filter(actor=clerk, action=AuditAction.VIEW, object_id=str(account.pk)).exists()
    form = {"number": "a1", "kind": "household", "owner_name": "นายใหม่", "address": "1", "zone": lgo["zones"][0].pk,
            "phone": "081-234-5678", "tax_id": "1-1017-00230-70-9", "tariff_class": lgo["h20"].pk,
            "active_from": "2024-10-01"}
    html = client.post(reverse("wastefees_admin:account_edit", args=[account.pk]), form).content.decode()
    assert "เลขนี้ไม่ใช่เลขประจำตัวประชาชน" in html
    form["tax_id"] = "1-1017-00230-70-8"
    assert client.post(reverse("wastefees_admin:account_edit", args=[account.pk]), form).status_code == 302
    account.refresh_from_db()
    assert (account.phone, account.tax_id, account.owner_name) == ("0812345678", "1101700230708", "นายใหม่")
    assert AuditLog.objects.filter(actor=clerk, action=AuditAction.CHANGE, object_id=str(account.pk)).exists()


def test_tariff_zone_class_pickup_and_reminder_pages_work(client, clerk, lgo, make_account):
    account = make_account(lgo, number="A1", email="a1@example.com")
    client.force_login(clerk)
    for name in ("tariffs", "tariff_new", "zone_new", "class_new", "pickups", "reminders", "import"):
        assert client.get(reverse(f"wastefees_admin:{name}")).status_code == 200, name
    assert client.get(reverse("wastefees_admin:zone_edit", args=[lgo["zones"][0].pk])).status_code == 200
    overlapping = client.post(reverse("wastefees_admin:tariff_new"), {
        "ordinance_name": "เทศบัญญัติใหม่", "ordinance_date": "2026-01-01", "effective_from": "2026-01-01",
        f"rate-{lgo['h20'].pk}-collection_fee": "30", f"rate-{lgo['h20'].pk}-disposal_fee": "25"})
    assert "มีอัตราค่าธรรมเนียมอื่นของหน่วยงานใช้บังคับในช่วงวันที่นี้" in overlapping.content.decode()
    lgo["tariff"].effective_to = dt.date(2025, 12, 31)
    lgo["tariff"].save()
    created = client.post(reverse("wastefees_admin:tariff_new"), {
        "ordinance_name": "เทศบัญญัติใหม่", "ordinance_date": "2026-01-01", "effective_from": "2026-01-01",
        f"rate-{lgo['h20'].pk}-collection_fee": "30", f"rate-{lgo['h20'].pk}-disposal_fee": "25.5"})
    assert created.status_code == 302
    new_rate = lgo["h20"].rates.get(tariff__ordinance_name="เทศบัญญัติใหม่")
    assert (new_rate.collection_fee, new_rate.disposal_fee, new_rate.wastewater_fee) == (
        Decimal("30.00"), Decimal("25.50"), Decimal("0.00"))
    zone = client.post(reverse("wastefees_admin:zone_new"), {"code": "m9", "name": "หมู่ 9", "sort_order": 9})
    assert zone.status_code == 302 and lgo["organization"].waste_zones.filter(code="M9").exists()
    pickup = client.post(reverse("wastefees_admin:pickups"), {
        "account_number": "a1", "picked_up_on": "2026-11-20", "description": "กิ่งไม้", "amount": "150.00",
        "billing": "immediate"})
    assert pickup.status_code == 302 and account.pickups.get().invoice.total == Decimal("150.00")
    unknown = client.post(reverse("wastefees_admin:pickups"), {
        "account_number": "ZZ", "picked_up_on": "2026-11-20", "description": "x", "amount": "1",
        "billing": "next_bill"})
    assert "ไม่พบบัญชีของหน่วยงานที่มีเลขที่นี้" in unknown.content.decode()
    assert client.post(reverse("wastefees_admin:reminders"), {"older_than_days": "0"}).status_code == 302
