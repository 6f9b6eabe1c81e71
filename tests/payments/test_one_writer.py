"""Issue 15 item 3 and issue 9 item 17: one writer of payments, and money received online is never recorded twice.

Run on PostgreSQL too: there the bulk path writes with COPY and the database builds the receipt's JSON lines.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from payments.constants import (
    STATEMENT_PROVIDER,
    InvoiceStatus,
    PaymentChannel,
    ReconciliationReason,
    ReconciliationStatus,
    StatementLineOutcome,
)
from payments.models import Payment, Receipt, ReconciliationItem, StatementLine
from payments.reconciliation import import_statement, match_item
from payments.services import InvoiceLineData, record_payment

from .test_admin import login
from .test_reconciliation import csv

pytestmark = pytest.mark.django_db

LINES = [InvoiceLineData(description="ค่าธรรมเนียมใบอนุญาต", amount=Decimal("100.25"), quantity=2),
         InvoiceLineData(description="ค่าคำขอ (ตำบลหนองแก้ว)", amount=Decimal("25.00"))]


def _comparable(receipt: Receipt) -> dict:
    """A receipt without what must differ between two payments (its number, code, payment, invoice and refs)."""
    details = {key: value for key, value in receipt.details.items()
               if key not in {"invoice_number", "ref1", "provider_reference"}}
    return {"payer_name": receipt.payer_name, "payer_id": receipt.payer_id, "issuer": receipt.issuer,
            "lines": receipt.lines, "details": details, "amount": receipt.amount, "fiscal_year": receipt.fiscal_year,
            "voided": receipt.voided, "pdf": receipt.pdf.name}


def test_single_and_bulk_paths_issue_identical_receipts(lgo, make_invoice, cashier):
    single = make_invoice(lines=LINES, ref1="ONE", payer_id="1101700230708")
    bulk = make_invoice(lines=LINES, ref1="TWO", payer_id="1101700230708")
    paid_at = timezone.make_aware(timezone.datetime(2026, 11, 25, 10, 15))
    record_payment(invoice=single, amount=Decimal("225.50"), channel=PaymentChannel.BANK_STATEMENT,
                   provider=STATEMENT_PROVIDER, provider_reference="BK-ONE", paid_at=paid_at)
    result = import_statement(organization=lgo, content=csv("25/11/2569,10:15,TWO,,225.50,BK-TWO"),
                              file_name="s.csv", actor=cashier)
    assert result.statement.matched_count == 1
    first, second = Receipt.objects.order_by("sequence")
    assert _comparable(first) == _comparable(second)
    assert first.lines == [
        {"description": "ค่าธรรมเนียมใบอนุญาต", "quantity": 2, "unit_amount": "100.25", "amount": "200.50"},
        {"description": "ค่าคำขอ (ตำบลหนองแก้ว)", "quantity": 1, "unit_amount": "25.00", "amount": "25.00"}]
    assert (first.sequence + 1, first.details["balance_after"]) == (second.sequence, "0.00")
    for invoice in (single, bulk):
        invoice.refresh_from_db()
        assert (invoice.status, invoice.amount_paid, invoice.refund_pending) == (InvoiceStatus.PAID,
                                                                                  Decimal("225.50"), False)
    one, two = Payment.objects.order_by("pk")
    assert (one.channel, one.provider, one.amount) == (two.channel, two.provider, two.amount)


def test_part_payment_received_online_is_confirmed_by_the_statement_not_recorded_again(lgo, make_invoice, cashier):
    """The issue's case: 74.50 paid online on a 125.50 bill; the bank's line for it must not add another 74.50."""
    invoice = make_invoice("125.50", ref1="WF1", ref2="256911")
    online = record_payment(invoice=invoice, amount=Decimal("74.50"), channel=PaymentChannel.GATEWAY,
                            provider="gateway", provider_reference="TXN-WF1", paid_at=timezone.now())
    result = import_statement(organization=lgo, content=csv("25/11/2569,10:00,WF1,256911,74.50,BK-WF1"),
                              file_name="wf.csv", actor=cashier)
    assert (result.statement.confirmed_count, result.statement.queued_count) == (1, 0)
    line = StatementLine.objects.get()
    assert (line.outcome, line.payment) == (StatementLineOutcome.CONFIRMED, online)
    invoice.refresh_from_db()
    assert (invoice.status, invoice.amount_paid) == (InvoiceStatus.PARTIALLY_PAID, Decimal("74.50"))
    assert Payment.objects.count() == 1


def test_online_part_payment_equal_to_the_rest_due_is_confirmed_not_paid_again(lgo, make_invoice, cashier):
    invoice = make_invoice("100.00", ref1="HALF")
    record_payment(invoice=invoice, amount=Decimal("50.00"), channel=PaymentChannel.GATEWAY, provider="gateway",
                   provider_reference="TXN-HALF", paid_at=timezone.now())
    import_statement(organization=lgo, content=csv("25/11/2569,10:00,HALF,,50.00,BK-HALF-1"), file_name="h.csv",
                     actor=cashier)
    invoice.refresh_from_db()
    assert (invoice.status, invoice.amount_paid) == (InvoiceStatus.PARTIALLY_PAID, Decimal("50.00"))
    # The other half paid at a bank branch (only in the statement) is then a real payment.
    import_statement(organization=lgo, content=csv("26/11/2569,09:00,HALF,,50.00,BK-HALF-2"), file_name="h2.csv",
                     actor=cashier)
    invoice.refresh_from_db()
    assert (invoice.status, invoice.amount_paid) == (InvoiceStatus.PAID, Decimal("100.00"))


def test_queue_shows_money_received_and_confirms_the_online_payment(client, lgo, make_invoice, cashier):
    """A line queued before the gateway's notice arrived: matching it confirms the online payment, no double pay."""
    invoice = make_invoice("125.50", ref1="LATE1")
    import_statement(organization=lgo, content=csv("25/11/2569,10:00,LATE1,,74.50,BK-LATE1"), file_name="l.csv",
                     actor=cashier)
    item = ReconciliationItem.objects.get()
    assert item.reason == ReconciliationReason.AMOUNT_MISMATCH
    online = record_payment(invoice=invoice, amount=Decimal("74.50"), channel=PaymentChannel.GATEWAY,
                            provider="gateway", provider_reference="TXN-LATE1", paid_at=timezone.now())
    login(client, cashier)
    html = client.get(f"/admin/payments/queue/{item.pk}/").content.decode()
    assert "TXN-LATE1" in html and online.receipt.number in html  # what the invoice already received
    assert "ยืนยันการชำระเงินออนไลน์" in html  # the button confirms, it does not record
    response = client.post(f"/admin/payments/queue/{item.pk}/", {"action": "match", "invoice": invoice.number})
    assert response.status_code == 302
    item.refresh_from_db()
    invoice.refresh_from_db()
    assert (item.status, item.payment) == (ReconciliationStatus.MATCHED, online)
    assert (invoice.amount_paid, Payment.objects.count()) == (Decimal("74.50"), 1)
    assert StatementLine.objects.get().outcome == StatementLineOutcome.CONFIRMED


def test_queue_records_money_the_gateway_never_reported(lgo, make_invoice, cashier):
    invoice = make_invoice("125.50", ref1="REAL1")
    import_statement(organization=lgo, content=csv("25/11/2569,10:00,REAL1,,74.50,BK-REAL1"), file_name="r.csv",
                     actor=cashier)
    payment = match_item(item=ReconciliationItem.objects.get(), invoice=invoice, actor=cashier)
    assert payment.channel == PaymentChannel.BANK_STATEMENT and payment.receipt.amount == Decimal("74.50")
