"""The annual fee of food-place certificates (Public Health Act s.65) on a frozen clock: billed before the
anniversary with reminders, +20 % when late (re-issued invoice), paid by a signed gateway notice, and "more than two
consecutive misses" flagged for the officer."""

from __future__ import annotations

import datetime as dt
import json
import time
from decimal import Decimal

import pytest
import time_machine
from django.core import mail

from eservices import annualfees, services
from eservices.constants import AnnualFeeStatus, DocumentKind
from eservices.models import AnnualFee, IssuedDocument
from organizations.constants import Role
from payments.constants import InvoiceStatus
from payments.models import Invoice
from payments.providers.gateway import sign

from .food_support import NOTIFICATION_KEY, at, file_food, premises_answers, publish_food_services

pytestmark = pytest.mark.django_db
ISSUED = dt.date(2026, 11, 2)


@pytest.fixture
def certificate(org_a, make_officer, django_capture_on_commit_callbacks):
    org_a.biller_id = "099400016550100"
    org_a.save(update_fields=["biller_id"])
    pages = publish_food_services(org_a)
    officer = make_officer(org_a, Role.OFFICER, username="a-health", department="health")
    with time_machine.travel(at(ISSUED), tick=False), django_capture_on_commit_callbacks(execute=True):
        case = file_food(pages[NOTIFICATION_KEY], premises_answers(), key="fee")
        services.act(submission=case, action="accept", actor=officer)
        services.act(submission=case, action="approve", actor=officer)
        invoice = Invoice.objects.get(source_id=str(case.pk))
        pay_by_gateway(invoice, "TXN-FIRST")
    return IssuedDocument.objects.get(submission=case, kind=DocumentKind.CERTIFICATE)


def pay_by_gateway(invoice: Invoice, transaction_id: str):
    """The bank's signed payment notice (HMAC, timestamped) through the real webhook view."""
    from django.test import Client

    invoice.refresh_from_db()
    body = json.dumps({"transaction_id": transaction_id, "biller_id": invoice.organization.biller_id,
                       "ref1": invoice.ref1, "ref2": invoice.ref2, "amount": str(invoice.amount_due),
                       "paid_at": dt.datetime.now(dt.UTC).isoformat()}).encode()
    timestamp = int(time.time())
    response = Client().post("/payments/webhook/gateway/", data=body, content_type="application/json",
                             HTTP_X_THONGTHIN_TIMESTAMP=str(timestamp),
                             HTTP_X_THONGTHIN_SIGNATURE=sign(body, timestamp),
                             HTTP_X_THONGTHIN_EVENT_ID=f"evt-{transaction_id}")
    assert response.status_code == 200, response.content
    return response


def run(day: dt.date, capture):
    with time_machine.travel(at(day), tick=False), capture(execute=True):
        return annualfees.run_annual_fees()


def test_first_year_fee_is_paid_with_the_certificate(certificate):
    assert certificate.is_valid and certificate.submission.status == "approved"
    assert not AnnualFee.objects.exists()


def test_billed_30_days_ahead_reminded_surcharged_when_late_and_paid_by_signed_notice(
        certificate, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    mail.outbox.clear()
    assert run(dt.date(2027, 10, 2), capture).billed == 0  # 31 days before the anniversary: not yet
    first = run(dt.date(2027, 10, 3), capture)
    assert first.billed == 1 and first.reminded == 0
    fee = AnnualFee.objects.get()
    assert (fee.year, fee.due_date, fee.amount, fee.status) == (2570, dt.date(2027, 11, 2), Decimal("200.00"),
                                                                AnnualFeeStatus.BILLED)
    invoice = annualfees.live_invoices(fee).get()
    assert invoice.total == Decimal("200.00") and invoice.ref1 == certificate.verification_code
    assert len(mail.outbox) == 1 and "200.00" in mail.outbox[0].body and "/pay/" in mail.outbox[0].body
    assert "ค่าธรรมเนียมรายปี" in mail.outbox[0].subject
    assert run(dt.date(2027, 10, 3), capture) == annualfees.FeeRun(0, 0, 0)  # idempotent
    assert run(dt.date(2027, 10, 26), capture).reminded == 1  # 7 days before the due date
    assert run(dt.date(2027, 10, 27), capture).reminded == 0
    assert run(dt.date(2027, 11, 2), capture).surcharged == 0  # due today: not late yet
    late = run(dt.date(2027, 11, 3), capture)
    assert late.surcharged == 1
    fee.refresh_from_db()
    assert fee.surcharge == Decimal("40.00") and fee.total == Decimal("240.00")
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.CANCELLED
    reissued = annualfees.live_invoices(fee).get()
    assert reissued.total == Decimal("240.00") and [line.amount for line in reissued.lines.all()] == [
        Decimal("200.00"), Decimal("40.00")]
    assert run(dt.date(2027, 11, 4), capture).surcharged == 0  # once
    with time_machine.travel(at(dt.date(2027, 11, 5)), tick=False), capture(execute=True):
        pay_by_gateway(reissued, "TXN-2570")
    fee.refresh_from_db()
    assert fee.status == AnnualFeeStatus.PAID and fee.paid_at is not None


def test_surcharge_rounds_half_up_to_the_satang():
    assert annualfees.surcharge_for(Decimal("333.33")) == Decimal("66.67")
    assert annualfees.surcharge_for(Decimal("0.25")) == Decimal("0.05")


def test_more_than_two_consecutive_misses_are_flagged(certificate, django_capture_on_commit_callbacks, org_a,
                                                      org_b, client):
    from .inbox_support import login

    capture = django_capture_on_commit_callbacks
    for year in (2027, 2028):
        run(dt.date(year, 11, 3), capture)
    from django.contrib.auth import get_user_model

    officer = get_user_model().objects.get(username="a-health")
    case_url = f"/admin/eservices/cases/{certificate.submission_id}/"
    with time_machine.travel(at(dt.date(2028, 11, 3)), tick=False):
        login(client, officer)  # signed in on the day (a session does not last years)
        assert annualfees.consecutive_misses(certificate) == 2  # two misses: not yet "more than two"
        page = client.get(case_url)
        assert page.status_code == 200 and "ค่าธรรมเนียมรายปี (มาตรา 65)" in page.content.decode()
        assert 'data-flag="misses"' not in page.content.decode()
    run(dt.date(2029, 11, 3), capture)
    with time_machine.travel(at(dt.date(2029, 11, 3)), tick=False):
        assert annualfees.consecutive_misses(certificate) == 3
        assert annualfees.flagged(org_a) == [(certificate, 3)]
        assert annualfees.flagged(org_b) == []
        login(client, officer)
        page = client.get(case_url).content.decode()
        assert 'data-flag="misses"' in page and "ค้างชำระค่าธรรมเนียมรายปีติดต่อกัน 3 ปี" in page
    # Paying the latest year breaks the run of misses.
    latest = AnnualFee.objects.get(year=2572)
    with time_machine.travel(at(dt.date(2029, 11, 5)), tick=False):
        with capture(execute=True):
            pay_by_gateway(annualfees.live_invoices(latest).get(), "TXN-2572")
        assert annualfees.consecutive_misses(certificate) == 0
        assert annualfees.flagged(org_a) == []
    with time_machine.travel(at(dt.date(2029, 11, 3)), tick=False):
        assert AnnualFee.objects.filter(surcharge=Decimal("40.00")).count() == 3
