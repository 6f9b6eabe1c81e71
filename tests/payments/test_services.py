"""Invoices and payments through the service layer: idempotency, partial and over-payment, receipts, floats."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from payments.constants import InvoiceStatus, PaymentChannel
from payments.exceptions import InvoiceHasPayments, InvoiceNotPayable, ReferenceInUse
from payments.models import Invoice, InvoiceLine, Payment, Receipt
from payments.selectors import invoices_for_source
from payments.services import (
    InvoiceDraft,
    InvoiceLineData,
    cancel_invoice,
    create_invoice,
    create_invoice_refs,
    create_invoices,
    record_payment,
    void_receipt,
)
from payments.signals import invoice_paid
from payments.thaiqr import parse_payload

pytestmark = pytest.mark.django_db


def pay(invoice, amount, ref, now, channel=PaymentChannel.COUNTER_CASH):
    return record_payment(invoice=invoice, amount=Decimal(amount), channel=channel, provider="counter",
                          provider_reference=ref, paid_at=now)


def test_create_invoice_totals_lines_and_is_idempotent_per_source(lgo, make_invoice):
    lines = [InvoiceLineData(description="ค่าเก็บขน", amount=Decimal("20.00"), quantity=3),
             InvoiceLineData(description="ค่ากำจัด", amount=Decimal("10.50"))]
    first = make_invoice(lines=lines, source_id="A1", ref1="acc001")
    again = make_invoice(lines=lines, source_id="A1", ref1="ACC001")
    assert first.pk == again.pk
    assert first.total == Decimal("70.50")
    assert first.ref1 == "ACC001"
    assert first.number.startswith("INV-25")
    assert [line.amount for line in first.lines.all()] == [Decimal("60.00"), Decimal("10.50")]
    assert list(invoices_for_source("tests.thing", "A1")) == [first]


def test_qr_payload_carries_biller_refs_and_amount_due(make_invoice, now):
    invoice = make_invoice("250.00", ref1="ABC123", ref2="2569")
    pay(invoice, "50.00", "c1", now)
    parsed = parse_payload(invoice.qr_payload())
    assert (parsed.biller_id, parsed.ref1, parsed.ref2, parsed.amount) == (
        lgo_biller(invoice), "ABC123", "2569", Decimal("200.00"))


def lgo_biller(invoice):
    return invoice.organization.biller_id


def test_refs_must_be_unique_among_payable_invoices(make_invoice, now):
    invoice = make_invoice(ref1="DUP1", ref2="X")
    with pytest.raises(ReferenceInUse):
        make_invoice(ref1="DUP1", ref2="X")
    pay(invoice, "100.00", "c-dup", now)
    assert make_invoice(ref1="DUP1", ref2="X").status == InvoiceStatus.OPEN  # once paid, the refs may be reused


def test_bad_references_and_floats_are_refused(make_invoice, lgo):
    with pytest.raises(ValueError):
        make_invoice(ref1="ไทย")
    with pytest.raises(ValueError):
        make_invoice(ref1="A" * 21)
    with pytest.raises(TypeError):
        make_invoice(lines=[InvoiceLineData(description="x", amount=10.5)])
    invoice = make_invoice()
    with pytest.raises(TypeError):
        record_payment(invoice=invoice, amount=100.0, channel=PaymentChannel.COUNTER_CASH, provider="counter",
                       provider_reference="f", paid_at=invoice.created_at)


def test_partial_then_full_then_overpayment(make_invoice, now, django_capture_on_commit_callbacks):
    sent = []
    invoice_paid.connect(lambda sender, invoice, **kw: sent.append(invoice.pk), weak=False, dispatch_uid="t1")
    try:
        invoice = make_invoice("100.00")
        with django_capture_on_commit_callbacks(execute=True):
            pay(invoice, "30.00", "p1", now)
        assert (invoice.status, invoice.amount_paid, invoice.amount_due) == (
            InvoiceStatus.PARTIALLY_PAID, Decimal("30.00"), Decimal("70.00"))
        assert sent == []
        with django_capture_on_commit_callbacks(execute=True):
            pay(invoice, "70.00", "p2", now)
        assert invoice.status == InvoiceStatus.PAID and invoice.is_settled
        assert sent == [invoice.pk]
        with django_capture_on_commit_callbacks(execute=True):
            pay(invoice, "5.25", "p3", now)
        invoice.refresh_from_db()
        assert invoice.status == InvoiceStatus.OVERPAID
        assert invoice.refund_pending and invoice.overpaid_amount == Decimal("5.25")
        assert sent == [invoice.pk]  # settled once
        assert invoice.qr_payload() is None
    finally:
        invoice_paid.disconnect(dispatch_uid="t1")


def test_same_provider_reference_records_once(make_invoice, now):
    invoice = make_invoice("100.00")
    first = pay(invoice, "100.00", "same", now)
    second = pay(invoice, "100.00", "same", now)
    assert first.pk == second.pk
    invoice.refresh_from_db()
    assert invoice.amount_paid == Decimal("100.00")
    assert Payment.objects.count() == 1 and Receipt.objects.count() == 1


def test_every_payment_gets_a_numbered_receipt(make_invoice, now):
    a, b = make_invoice("10.00"), make_invoice("20.00")
    pay(a, "10.00", "r1", now)
    pay(b, "5.00", "r2", now)
    numbers = list(Receipt.objects.order_by("sequence").values_list("number", flat=True))
    fy = Receipt.objects.first().fiscal_year
    assert numbers == [f"{fy}/000001", f"{fy}/000002"]
    receipt = Receipt.objects.get(payment__provider_reference="r2")
    assert receipt.details["balance_after"] == "15.00"
    assert receipt.lines[0]["description"] == "ค่าธรรมเนียมใบอนุญาต"
    with pytest.raises(PermissionError):
        receipt.delete()
    with pytest.raises(PermissionError):
        Receipt.objects.all().delete()


def test_cancel_and_pay_cancelled(make_invoice, now, cashier):
    invoice = make_invoice()
    cancel_invoice(invoice=invoice, reason="ออกซ้ำ", actor=cashier)
    assert invoice.status == InvoiceStatus.CANCELLED and invoice.amount_due == 0
    with pytest.raises(InvoiceNotPayable):
        pay(invoice, "100.00", "x", now)
    paid = make_invoice()
    pay(paid, "1.00", "y", now)
    with pytest.raises(InvoiceHasPayments):
        cancel_invoice(invoice=paid, reason="x", actor=cashier)


def test_void_reverses_payment_and_needs_a_supervisor(make_invoice, now, cashier, supervisor):
    invoice = make_invoice("100.00")
    payment = pay(invoice, "100.00", "v1", now)
    receipt = payment.receipt
    with pytest.raises(PermissionDenied):
        void_receipt(receipt=receipt, reason="รับเงินผิด", actor=cashier)
    void_receipt(receipt=receipt, reason="รับเงินผิด", actor=supervisor)
    receipt.refresh_from_db()
    invoice.refresh_from_db()
    assert receipt.voided and receipt.void_reason == "รับเงินผิด" and receipt.voided_by == supervisor
    assert invoice.status == InvoiceStatus.OPEN and invoice.amount_paid == 0


def test_bulk_create_invoices_is_idempotent(lgo):
    drafts = [
        InvoiceDraft(payer_name=f"บ้าน {n}", lines=[InvoiceLineData(description="ขยะ", amount=Decimal("40"))],
                     ref1=f"ACC{n:04d}", ref2="256911", source_type="wastefees.bill", source_id=f"{n}:2569-11")
        for n in range(50)
    ]
    first = create_invoices(organization=lgo, drafts=drafts)
    again = create_invoices(organization=lgo, drafts=drafts)
    assert [i.pk for i in first] == [i.pk for i in again]
    assert len({i.number for i in first}) == 50
    assert create_invoice(organization=lgo, payer_name="x", lines=drafts[0].lines, ref1="ZZZ", due_date=None,
                          source_type="wastefees.bill", source_id="0:2569-11").pk == first[0].pk


def test_invoice_refs_share_lines_stay_idempotent_and_match_the_rows(lgo):
    """The billing path: drafts sharing one list of lines, refs instead of models; a re-run with half the drafts
    new raises only those, and every ref's total is the invoice's."""
    shared = [InvoiceLineData(description="ค่าเก็บขยะ", amount=Decimal("20")),
              InvoiceLineData(description="ค่ากำจัดขยะ", amount=Decimal("20.50"))]

    def drafts(numbers):
        return [InvoiceDraft(payer_name=f"บ้าน {n}", lines=shared, ref1=f"H{n:04d}", ref2="256912",
                             source_type="wastefees.bill", source_id=f"{n}:2569-12") for n in numbers]

    first = create_invoice_refs(organization=lgo, drafts=drafts(range(10)))
    again = create_invoice_refs(organization=lgo, drafts=drafts(range(5, 15)))
    assert [r.pk for r in again[:5]] == [r.pk for r in first[5:]]
    assert Invoice.objects.count() == 15 and InvoiceLine.objects.count() == 30
    stored = dict(Invoice.objects.values_list("pk", "total"))
    assert all(stored[r.pk] == r.total == Decimal("40.50") for r in first + again)
    with pytest.raises(ReferenceInUse):  # H0001/256912 is unpaid already: the bank could not tell them apart
        create_invoice_refs(organization=lgo, drafts=[InvoiceDraft(
            payer_name="อื่น", lines=shared, ref1="H0001", ref2="256912", source_type="other", source_id="1")])
    assert Invoice.objects.count() == 15
