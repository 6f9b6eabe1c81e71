"""Fees: the invoice is raised at the service's fee point, shown on the tracking page, and payment advances the case."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from eservices import services
from eservices.constants import DocumentKind, FeePoint
from eservices.constants import SubmissionStatus as S
from organizations.constants import Role

pytestmark = pytest.mark.django_db


def pay(invoice, amount, reference, capture):
    from payments.services import record_payment

    with capture(execute=True):
        return record_payment(invoice=invoice, amount=amount, channel="counter_cash", provider="counter",
                              provider_reference=reference, paid_at=timezone.now())


def invoice_of(case):
    from payments.selectors import invoices_for_source

    return invoices_for_source("eservices.submission", str(case.pk)).get()


def test_fee_on_submit_waits_for_payment_then_starts(make_service, file_case, client,
                                                    django_capture_on_commit_callbacks):
    service = make_service("ขออนุญาตใช้เสียง", fee_point=FeePoint.ON_SUBMIT, fee_amount=Decimal("200.00"))
    case = file_case(service)
    assert case.status == S.AWAITING_PAYMENT
    invoice = invoice_of(case)
    assert invoice.total == Decimal("200.00") and invoice.ref1 == case.reference.replace("-", "")
    assert invoice.organization_id == case.organization_id and invoice.payer_name == "นางสมศรี มีสุข"
    content = client.get(case.get_absolute_url()).content.decode()
    assert "ต้องชำระเงิน" in content or "200.00" in content
    pay(invoice, Decimal("100.00"), "r1", django_capture_on_commit_callbacks)  # partial: still waiting
    case.refresh_from_db()
    assert case.status == S.AWAITING_PAYMENT
    pay(invoice, Decimal("100.00"), "r2", django_capture_on_commit_callbacks)
    case.refresh_from_db()
    assert case.status == S.SUBMITTED
    assert list(case.status_changes.values_list("action", flat=True)) == ["submit", "payment_received"]


def test_fee_on_approval_then_document_after_payment(make_service, file_case, make_officer, org_a,
                                                    django_capture_on_commit_callbacks):
    service = make_service("ขอใบอนุญาตจำหน่ายสินค้าในที่สาธารณะ", fee_point=FeePoint.ON_APPROVAL,
                           fee_amount=Decimal("50.00"), issues_document=DocumentKind.PERMIT,
                           document_validity_days=365)
    officer = make_officer(org_a, Role.OFFICER, department="office")
    case = file_case(service)
    assert case.status == S.SUBMITTED
    services.act(submission=case, action="accept", actor=officer)
    services.act(submission=case, action="approve", actor=officer)
    assert case.status == S.AWAITING_PAYMENT and case.decided_at is not None
    assert not case.issued_documents.exists()
    invoice = invoice_of(case)
    pay(invoice, Decimal("50.00"), "p1", django_capture_on_commit_callbacks)
    case.refresh_from_db()
    assert case.status == S.APPROVED
    assert case.issued_documents.get().kind == DocumentKind.PERMIT
    # A repeated signal (e.g. a voided receipt paid again) changes nothing.
    from payments.signals import invoice_paid

    invoice_paid.send(sender=type(invoice), invoice=invoice)
    assert case.status_changes.count() == 4 and case.issued_documents.count() == 1


def test_tracking_page_offers_a_part_payment_receipt_at_once(make_service, file_case, client,
                                                             django_capture_on_commit_callbacks):
    """Issue 9 item 15: the receipt of a part-payment is downloadable before the fee is paid in full."""
    import re

    service = make_service("ขออนุญาตใช้เสียง", fee_point=FeePoint.ON_SUBMIT, fee_amount=Decimal("200.00"))
    case = file_case(service)
    payment = pay(invoice_of(case), Decimal("80.00"), "part-1", django_capture_on_commit_callbacks)
    html = client.get(case.get_absolute_url()).content.decode()
    link = re.search(r'href="(/payments/receipt/[^"]+)"[^>]*>[^<]*' + re.escape(payment.receipt.number), html)
    assert link is not None and "120.00" in html
    assert client.get(link.group(1))["Content-Type"] == "application/pdf"
