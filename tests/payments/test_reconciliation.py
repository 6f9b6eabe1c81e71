"""Bank statement import: matching, the officer queue, all-or-nothing files and idempotent re-imports."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from payments.constants import (
    InvoiceStatus,
    PaymentChannel,
    ReconciliationReason,
    ReconciliationStatus,
    StatementLineOutcome,
)
from payments.models import Payment, Receipt, ReconciliationItem, StatementLine
from payments.reconciliation import StatementFormatError, dismiss_item, import_statement, match_item
from payments.services import record_payment

pytestmark = pytest.mark.django_db

THAI_HEADER = "วันที่,เวลา,เลขอ้างอิง 1,เลขอ้างอิง 2,จำนวนเงิน,เลขที่อ้างอิงธนาคาร\n"


def csv(*rows: str, header: str = THAI_HEADER) -> bytes:
    return (header + "\n".join(rows) + "\n").encode("utf-8-sig")


def test_statement_matches_queues_and_reimport_changes_nothing(lgo, make_invoice, cashier):
    exact = make_invoice("100.00", ref1="ACC001", ref2="256911")
    short = make_invoice("100.00", ref1="ACC002", ref2="256911")
    content = csv(
        "25/11/2569,10:15,ACC001,256911,100.00,BK001",
        "25/11/2569,10:16,acc002,256911,90.00,BK002",
        "25/11/2569,10:17,NOPE99,256911,1,234.00,BK003".replace("1,234.00", '"1,234.00"'),
    )
    result = import_statement(organization=lgo, content=content, file_name="nov.csv", actor=cashier)
    assert result.created
    statement = result.statement
    assert (statement.line_count, statement.matched_count, statement.queued_count) == (3, 1, 2)
    exact.refresh_from_db()
    short.refresh_from_db()
    assert exact.status == InvoiceStatus.PAID and short.status == InvoiceStatus.OPEN
    payment = Payment.objects.get()
    assert payment.channel == PaymentChannel.BANK_STATEMENT and payment.provider_reference == "BK001"
    assert timezone.localtime(payment.paid_at).strftime("%Y-%m-%d %H:%M") == "2026-11-25 10:15"
    receipt = Receipt.objects.get()
    assert receipt.details["balance_after"] == "0.00"
    assert receipt.lines == [{"description": "ค่าธรรมเนียมใบอนุญาต", "quantity": 1, "unit_amount": "100.00",
                              "amount": "100.00"}]
    reasons = dict(ReconciliationItem.objects.values_list("provider_reference", "reason"))
    assert reasons == {"BK002": ReconciliationReason.AMOUNT_MISMATCH, "BK003": ReconciliationReason.UNKNOWN_REFERENCE}
    assert ReconciliationItem.objects.get(provider_reference="BK003").amount == Decimal("1234.00")

    counts = (Payment.objects.count(), Receipt.objects.count(), StatementLine.objects.count(),
              ReconciliationItem.objects.count())
    again = import_statement(organization=lgo, content=content, file_name="nov.csv", actor=cashier)
    assert not again.created and again.statement.pk == statement.pk
    # The same lines in another file (new hash, same bank references) change nothing either.
    reordered = csv("25/11/2026 10:16,,ACC002,256911,90.00,BK002", "25/11/2026 10:15,,ACC001,256911,100.00,BK001")
    third = import_statement(organization=lgo, content=reordered, file_name="nov-again.csv", actor=cashier)
    assert third.created and third.statement.duplicate_count == 2 and third.statement.matched_count == 0
    assert counts == (Payment.objects.count(), Receipt.objects.count(), StatementLine.objects.count(),
                      ReconciliationItem.objects.count())


def test_malformed_rows_reject_the_whole_file(lgo, make_invoice, cashier):
    make_invoice("100.00", ref1="ACC001", ref2="256911")
    content = csv(
        "25/11/2569,10:15,ACC001,256911,100.00,BK001",
        "31/02/2569,10:15,ACC002,256911,100.00,BK002",
        "25/11/2569,10:15,ACC003,256911,abc,BK003",
        "25/11/2569,10:15,,256911,10.00,BK004",
        "25/11/2569,10:15,ACC005,256911,10.00,BK001",
    )
    with pytest.raises(StatementFormatError) as caught:
        import_statement(organization=lgo, content=content, file_name="bad.csv", actor=cashier)
    assert [error.row_number for error in caught.value.errors] == [3, 4, 5, 6]
    assert not Payment.objects.exists() and not StatementLine.objects.exists()
    with pytest.raises(StatementFormatError):
        import_statement(organization=lgo, content=b"date,amount\n1/1/2569,5\n", file_name="x.csv", actor=cashier)


def test_english_headers_ce_dates_and_windows_874(lgo, make_invoice, cashier):
    invoice = make_invoice("55.50", ref1="E1", ref2="")
    content = (b"Transaction Date,Ref1,Ref2,Amount,Bank Reference\n2026-11-24 09:30,E1,,55.50,BKE1\n"
)
    import_statement(organization=lgo, content=content, file_name="en.csv", actor=cashier)
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID
    other = make_invoice("10.00", ref1="T1", ref2="")
    thai = "วันที่,เลขอ้างอิง 1,จำนวนเงิน,เลขอ้างอิงธนาคาร\n24/11/2569,T1,10.00,BKT1\n".encode("cp874")
    import_statement(organization=lgo, content=thai, file_name="th.csv", actor=cashier)
    other.refresh_from_db()
    assert other.status == InvoiceStatus.PAID


def test_statement_confirms_online_payment_instead_of_paying_twice(lgo, make_invoice, cashier):
    invoice = make_invoice("80.00", ref1="G1", ref2="X")
    record_payment(invoice=invoice, amount=Decimal("80.00"), channel=PaymentChannel.GATEWAY, provider="gateway",
                   provider_reference="TXN1", paid_at=timezone.now())
    result = import_statement(organization=lgo, content=csv("25/11/2569,10:00,G1,X,80.00,BKG1"), file_name="g.csv",
                              actor=cashier)
    assert result.statement.confirmed_count == 1
    assert Payment.objects.count() == 1
    assert StatementLine.objects.get().outcome == StatementLineOutcome.CONFIRMED


def test_officer_matches_or_dismisses_queue_items(lgo, make_invoice, cashier, django_capture_on_commit_callbacks):
    invoice = make_invoice("100.00", ref1="Q1", ref2="")
    import_statement(organization=lgo, content=csv("25/11/2569,10:00,Q1,,60.00,BKQ1", "25/11/2569,10:00,ZZ,,5,BKQ2"),
                     file_name="q.csv", actor=cashier)
    mismatch = ReconciliationItem.objects.get(provider_reference="BKQ1")
    payment = match_item(item=mismatch, invoice=invoice, actor=cashier, note="ชำระบางส่วน")
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PARTIALLY_PAID and payment.receipt.amount == Decimal("60.00")
    assert StatementLine.objects.get(bank_reference="BKQ1").payment == payment
    unknown = ReconciliationItem.objects.get(provider_reference="BKQ2")
    dismiss_item(item=unknown, actor=cashier, note="เงินโอนทดสอบ ธนาคารคืนแล้ว")
    statuses = dict(ReconciliationItem.objects.values_list("provider_reference", "status"))
    assert statuses == {"BKQ1": ReconciliationStatus.MATCHED, "BKQ2": ReconciliationStatus.DISMISSED}
