"""The monthly billing run: idempotent per period, tariffs by date and class, pickups, reminders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import translation

from payments.constants import InvoiceStatus, PaymentChannel
from payments.exceptions import ReferenceInUse
from payments.models import Invoice, InvoiceLine
from payments.services import record_payment
from wastefees import billing
from wastefees.billing import BillingError, run_billing
from wastefees.constants import BILL_SOURCE_TYPE, BillingRunStatus, PickupBilling
from wastefees.models import Bill, BillingRun, Reminder, Tariff, TariffRate
from wastefees.selectors import tariff_in_force
from wastefees.services import record_pickup, send_reminders

NOV = dt.date(2026, 11, 1)


def test_run_bills_each_active_account_once_and_a_rerun_adds_nothing(lgo, make_account):
    house = make_account(lgo, number="H1")
    ww = make_account(lgo, number="H2", wastewater=True, zone=1)
    shop = make_account(lgo, number="S1", shop=True, wastewater=True)
    make_account(lgo, number="OLD", active_to=dt.date(2026, 10, 31))  # ended before November
    make_account(lgo, number="NEW", active_from=dt.date(2026, 12, 1))  # starts after November

    run = run_billing(organization=lgo["organization"], period=NOV)

    assert run.status == BillingRunStatus.FINISHED
    assert (run.accounts_considered, run.bills_created, run.bills_existing) == (3, 3, 0)
    assert run.total_billed == Decimal("40.00") + Decimal("50.00") + Decimal("190.00")
    invoices = {i.ref1: i for i in Invoice.objects.filter(source_type=BILL_SOURCE_TYPE)}
    assert set(invoices) == {"H1", "H2", "S1"}
    assert invoices["H2"].ref2 == "256911"  # Buddhist Era year + month
    assert invoices["H2"].source_id == f"{ww.pk}:2026-11"
    assert invoices["H2"].due_date == dt.date(2026, 11, 30)
    assert invoices["S1"].total == Decimal("190.00")
    assert [line.description for line in invoices["H2"].lines.all()] == [
        "ค่าเก็บและขนขยะมูลฝอย ประจำเดือนพฤศจิกายน 2569",
        "ค่ากำจัดขยะมูลฝอย ประจำเดือนพฤศจิกายน 2569",
        "ค่าบำบัดน้ำเสีย ประจำเดือนพฤศจิกายน 2569",
    ]
    assert Bill.objects.get(account=house).invoice == invoices["H1"]
    assert Bill.objects.get(account=shop).zone == lgo["zones"][0]
    lines_before = InvoiceLine.objects.count()

    rerun = run_billing(organization=lgo["organization"], period=NOV)

    assert (rerun.accounts_considered, rerun.bills_created, rerun.bills_existing) == (3, 0, 3)
    assert Invoice.objects.count() == 3 and Bill.objects.count() == 3
    assert InvoiceLine.objects.count() == lines_before
    assert BillingRun.objects.count() == 2


def test_a_rerun_bills_accounts_added_since(lgo, make_account):
    make_account(lgo, number="H1")
    run_billing(organization=lgo["organization"], period=NOV)
    make_account(lgo, number="H2")
    rerun = run_billing(organization=lgo["organization"], period=NOV)
    assert (rerun.bills_created, rerun.bills_existing) == (1, 1)
    assert Bill.objects.filter(period=NOV).count() == 2


def test_tariff_is_chosen_by_effective_date_and_class(lgo, make_account):
    organization = lgo["organization"]
    old = lgo["tariff"]
    old.effective_to = dt.date(2026, 6, 30)
    old.save()
    new = Tariff.objects.create(organization=organization, ordinance_name="เทศบัญญัติ พ.ศ. 2569",
                                ordinance_date=dt.date(2026, 5, 1), effective_from=dt.date(2026, 7, 1))
    TariffRate.objects.create(tariff=new, tariff_class=lgo["h20"], collection_fee=Decimal("25.00"),
                              disposal_fee=Decimal("25.50"), wastewater_fee=Decimal("0"))
    TariffRate.objects.create(tariff=new, tariff_class=lgo["shop"], collection_fee=Decimal("150.00"),
                              disposal_fee=Decimal("80.00"))
    assert tariff_in_force(organization, dt.date(2026, 6, 30)) == old
    assert tariff_in_force(organization, dt.date(2026, 7, 1)) == new
    assert tariff_in_force(organization, dt.date(2024, 9, 30)) is None
    house = make_account(lgo, number="H1", wastewater=True)
    shop = make_account(lgo, number="S1", shop=True)

    run_billing(organization=organization, period=dt.date(2026, 6, 1))
    run_billing(organization=organization, period=dt.date(2026, 7, 1))

    totals = {(b.account_id, b.period.month): b.total for b in Bill.objects.all()}
    assert totals[(house.pk, 6)] == Decimal("50.00")  # old: 20 + 20 + wastewater 10
    assert totals[(house.pk, 7)] == Decimal("50.50")  # new: 25 + 25.50, no wastewater fee (0 lines dropped)
    assert totals[(shop.pk, 6)] == Decimal("160.00")
    assert totals[(shop.pk, 7)] == Decimal("230.00")
    july = Bill.objects.get(account=house, period=dt.date(2026, 7, 1)).invoice
    assert july.lines.count() == 2


def test_a_class_without_a_rate_is_skipped_and_reported(lgo, make_account):
    TariffRate.objects.filter(tariff_class=lgo["shop"]).delete()
    make_account(lgo, number="S1", shop=True)
    make_account(lgo, number="H1")
    run = run_billing(organization=lgo["organization"], period=NOV)
    assert (run.bills_created, run.accounts_skipped) == (1, 1)


def test_no_tariff_in_force_fails_the_run_and_writes_no_bill(lgo, make_account):
    make_account(lgo, number="H1")
    with pytest.raises(BillingError):
        run_billing(organization=lgo["organization"], period=dt.date(2024, 1, 1))
    run = BillingRun.objects.get()
    assert run.status == BillingRunStatus.FAILED and "2567" in run.error
    assert not Bill.objects.exists() and not Invoice.objects.exists()


def test_a_failed_run_tells_officers_in_thai_and_logs_the_details(lgo, make_account, monkeypatch):
    make_account(lgo, number="H1")
    logged = []
    monkeypatch.setattr(billing.logger, "exception", lambda *args: logged.append(args))

    def broken_insert(*args, **kwargs):
        raise IntegrityError("UNIQUE constraint failed: wastefees_bill.account_id, wastefees_bill.period")

    monkeypatch.setattr(billing, "insert_rows", broken_insert)
    with translation.override("th"), pytest.raises(IntegrityError):
        run_billing(organization=lgo["organization"], period=NOV)
    run = BillingRun.objects.get()
    assert run.status == BillingRunStatus.FAILED
    assert run.error == "การออกใบแจ้งหนี้ล้มเหลว ไม่มีรายการใดถูกบันทึก กรุณาติดต่อผู้ดูแลระบบ"
    assert logged and not Bill.objects.exists() and not Invoice.objects.exists()

    def refused(**kwargs):
        raise ReferenceInUse("ใบแจ้งหนี้สองใบในชุดนี้ใช้ Ref1 H1 และ Ref2 256911 ซ้ำกัน")

    monkeypatch.setattr(billing, "create_invoice_refs", refused)
    with pytest.raises(ReferenceInUse):
        run_billing(organization=lgo["organization"], period=NOV)
    assert BillingRun.objects.latest("pk").error == "ใบแจ้งหนี้สองใบในชุดนี้ใช้ Ref1 H1 และ Ref2 256911 ซ้ำกัน"


def test_pickups_go_on_the_next_bill_or_are_billed_at_once(lgo, make_account):
    account = make_account(lgo, number="H1")
    later = record_pickup(account=account, picked_up_on=dt.date(2026, 11, 5), description="กิ่งไม้ 1 เที่ยว",
                          amount=Decimal("150.00"), billing=PickupBilling.NEXT_BILL)
    now = record_pickup(account=account, picked_up_on=dt.date(2026, 11, 6), description="เศษวัสดุก่อสร้าง",
                        amount=Decimal("300.00"), billing=PickupBilling.IMMEDIATE)
    assert later.invoice is None
    assert now.invoice.total == Decimal("300.00") and now.invoice.ref2 == f"P{now.pk}"

    run_billing(organization=lgo["organization"], period=NOV)

    later.refresh_from_db()
    bill = Bill.objects.get(account=account)
    assert later.bill == bill and later.invoice == bill.invoice
    assert bill.total == Decimal("190.00")  # 20 + 20 + the 150 pickup
    assert "กิ่งไม้ 1 เที่ยว" in bill.invoice.lines.last().description
    run_billing(organization=lgo["organization"], period=dt.date(2026, 12, 1))
    assert Bill.objects.get(account=account, period=dt.date(2026, 12, 1)).total == Decimal("40.00")


def test_reminders_go_once_per_account_and_month(lgo, make_account, django_capture_on_commit_callbacks):
    organization = lgo["organization"]
    late = make_account(lgo, number="H1", email="late@example.com")
    payer = make_account(lgo, number="H2", email="payer@example.com")
    no_mail = make_account(lgo, number="H3")
    run_billing(organization=organization, period=dt.date(2026, 9, 1))
    run_billing(organization=organization, period=dt.date(2026, 10, 1))
    for bill in Bill.objects.filter(account=payer):
        record_payment(invoice=bill.invoice, amount=bill.invoice.total, channel=PaymentChannel.COUNTER_CASH,
                       provider="counter", provider_reference=f"T-{bill.pk}",
                       paid_at=dt.datetime(2026, 11, 1, 10, tzinfo=dt.UTC))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        result = send_reminders(organization=organization, older_than_days=30, today=dt.date(2026, 11, 25))

    assert (result.created, result.emailed) == (2, 1)  # Sept bills are 56 days overdue; Oct only 25 days
    reminder = Reminder.objects.get(account=late)
    assert reminder.unpaid_bills == 1 and reminder.amount_due == Decimal("40.00")
    assert Reminder.objects.filter(account=no_mail, email="").exists()
    assert [m.to for m in mail.outbox] == [["late@example.com"]]
    assert "H1" in mail.outbox[0].subject and "40.00" in mail.outbox[0].body

    with django_capture_on_commit_callbacks(execute=True):
        again = send_reminders(organization=organization, older_than_days=30, today=dt.date(2026, 11, 28))

    assert (again.created, again.already_sent) == (0, 2)
    assert len(mail.outbox) == 1
    december = send_reminders(organization=organization, older_than_days=30, today=dt.date(2026, 12, 5))
    assert december.created == 2  # a new month: reminded again (now two overdue bills each)
    assert Reminder.objects.get(account=late, period=dt.date(2026, 12, 1)).unpaid_bills == 2
    assert Invoice.objects.filter(status=InvoiceStatus.PAID).count() == 2
