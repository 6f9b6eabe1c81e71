"""What citizens read after filing (issue 9): the fee-first confirmation (item 5), the information-request answer
form (item 7), the public verification page (item 8) and links opened on another LGO's host (item 11)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core import thai
from eservices import services
from eservices.constants import DocumentKind, FeePoint
from eservices.constants import SubmissionStatus as S
from organizations.constants import Role

from .test_fees import invoice_of, pay

pytestmark = pytest.mark.django_db


def _visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# --- Item 5: fee first ------------------------------------------------------------------------------------------

def test_fee_first_confirmation_shows_amount_qr_and_pay_link_and_no_decision_date_before_payment(
        make_service, file_case, client, org_a, django_capture_on_commit_callbacks):
    from payments.links import invoice_public_url
    from tests.payments.conftest import BILLER_ID

    org_a.biller_id, org_a.tax_id = BILLER_ID, BILLER_ID[:13]
    org_a.save()

    service = make_service("ขออนุญาตใช้เสียง", fee_point=FeePoint.ON_SUBMIT, fee_amount=Decimal("200.00"))
    case = file_case(service)
    invoice = invoice_of(case)
    page = client.get(reverse("eservices:confirmation", kwargs={"token": case.tracking_token}))
    html = page.content.decode()
    text = _visible_text(html)
    assert "200.00" in text
    assert "data:image/png;base64," in html  # the Thai QR, inline
    assert invoice_public_url(invoice) in html
    assert thai.thai_date(invoice.due_date) in text  # pay by …
    # No decision date is promised while the fee is unpaid: the clock starts when it is paid.
    assert case.due_date is None
    pay(invoice, Decimal("200.00"), "r-first", django_capture_on_commit_callbacks)
    case.refresh_from_db()
    assert case.status == S.SUBMITTED
    from organizations import calendar

    paid_on = timezone.localdate(calendar.received_at(case.organization))
    assert case.due_date == calendar.add_working_days(case.organization, paid_on, case.time_limit_days)
    assert case.due_date > invoice.due_date - dt.timedelta(days=30)


# --- Item 7: the answer form ------------------------------------------------------------------------------------

def _ask(case, org_a, make_officer):
    officer = make_officer(org_a, Role.OFFICER, department="office")
    services.act(submission=case, action="accept", actor=officer)
    services.request_information(submission=case, items="สำเนาโฉนดที่ดิน", actor=officer)


def test_answer_form_marks_no_field_optional_and_thanks_once(file_case, org_a, make_officer, client):
    case = file_case()
    _ask(case, org_a, make_officer)
    html = client.get(case.get_absolute_url()).content.decode()
    form = html[html.index('action="' + reverse("eservices:answer", kwargs={"token": case.tracking_token})):]
    form = form[:form.index("</form>")]
    assert "(ไม่บังคับ)" not in form
    response = client.post(reverse("eservices:answer", kwargs={"token": case.tracking_token}),
                           {"text": "ส่งสำเนาโฉนดแล้ว"}, follow=True)
    assert response.status_code == 200
    assert response.content.decode().count("ขอบคุณ") == 1


# --- Item 8: /verify/ -------------------------------------------------------------------------------------------

def test_verify_page_shows_what_verification_needs_and_not_the_home_address(make_service, file_case, make_officer,
                                                                            org_a, client):
    service = make_service("ขอหนังสือรับรอง", issues_document=DocumentKind.CERTIFICATE, document_validity_days=30)
    officer = make_officer(org_a, Role.OFFICER, department="office")
    case = file_case(service)
    services.act(submission=case, action="accept", actor=officer)
    services.act(submission=case, action="approve", actor=officer)
    document = case.issued_documents.get()
    text = _visible_text(client.get(reverse("eservices:verify", kwargs={"code": document.verification_code}))
                         .content.decode())
    assert "นางสมศรี มีสุข" in text and document.number in text
    assert f"เลขที่ {document.number}" in text
    for private in ("12 หมู่ 3", "ริมกก", "57100", "0812345678", "1101700230708", "ทะเบียนบ้าน.pdf"):
        assert private not in text, private


# --- Item 11: a link of one LGO opened on another LGO's host ------------------------------------------------------

def test_links_of_one_lgo_opened_on_another_lgos_host_redirect_to_the_owner(file_case, org_b, client,
                                                                           make_service, make_officer, org_a):
    from payments.links import invoice_public_url, receipt_public_url

    service = make_service("ขอหนังสือรับรอง", fee_point=FeePoint.ON_SUBMIT, fee_amount=Decimal("20.00"),
                           issues_document=DocumentKind.CERTIFICATE)
    case = file_case(service)
    invoice = invoice_of(case)
    from payments.services import record_payment

    receipt = record_payment(invoice=invoice, amount=Decimal("20.00"), channel="counter_cash", provider="counter",
                             provider_reference="x-host", paid_at=timezone.now()).receipt
    document = services.issue_document(organization=org_a, kind=DocumentKind.CERTIFICATE, title="หนังสือรับรอง",
                                       holder_name="นางสมศรี มีสุข", submission=case)
    urls = [
        case.get_absolute_url(),
        reverse("eservices:receipt", kwargs={"token": case.tracking_token}),
        reverse("eservices:confirmation", kwargs={"token": case.tracking_token}),
        reverse("eservices:verify", kwargs={"code": document.verification_code}),
        invoice_public_url(invoice),
        receipt_public_url(receipt),
        reverse("payments_api:verify_receipt", kwargs={"code": receipt.verification_code}),
    ]
    for url in urls:
        response = client.get(url, HTTP_HOST="b.test")
        assert response.status_code == 302, url
        assert response["Location"] == f"http://testserver{url}", url
        assert client.get(url).status_code == 200, url  # on its own host it opens
