"""Food places (Public Health Act B.E. 2535 as amended): notification ≤ 200 m² with its receipt at once (s.48),
certificate or one defect notice within 7 working days, lapse after 7 more working days, the licence kind (30 days,
two 15-day extensions only before the deadline), and a holder's follow-up requests. Clocks run frozen."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from core.pdf import extract_text
from eservices import services
from eservices.constants import DocumentKind, SubmissionStatus
from eservices.deadlines import lapse_unanswered
from eservices.kinds import food
from eservices.models import IssuedDocument, StatusChange
from organizations.constants import Role

from .food_support import (
    FOLLOWUP_KEY,
    LICENCE_KEY,
    NOTIFICATION_KEY,
    OPERATOR_ID,
    at,
    file_food,
    premises_answers,
    publish_food_services,
)

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2026, 11, 2)  # no holidays in the next three weeks in the test calendar


@pytest.fixture
def pages(org_a):
    return publish_food_services(org_a)


@pytest.fixture
def officer(org_a, make_officer):
    return make_officer(org_a, Role.OFFICER, username="a-health", department="health")


def test_filing_a_notification_issues_the_receipt_of_notification_at_once(client, pages):
    with time_machine.travel(at(MONDAY), tick=False):
        case = file_food(pages[NOTIFICATION_KEY], premises_answers(), key="1")
    assert case.status == SubmissionStatus.SUBMITTED
    assert case.due_date == dt.date(2026, 11, 11)  # the certificate within 7 working days
    receipt = case.issued_documents.get()
    assert receipt.kind == DocumentKind.RECEIPT_OF_NOTICE and receipt.is_valid
    assert receipt.holder_name == "นางสำราญ ใจงาม"
    text = extract_text(receipt.pdf.read())
    assert "ใบรับแจ้งการจัดตั้งสถานที่จำหน่ายอาหารหรือสะสมอาหาร" in text
    assert "ร้านข้าวแกงป้าสำราญ" in text and "ชั่วคราว" in text
    page = client.get(reverse("eservices:verify", kwargs={"code": receipt.verification_code})).content.decode()
    assert "ร้านข้าวแกงป้าสำราญ" in page and OPERATOR_ID not in page and "0812345678" not in page


def test_premises_over_200_m2_are_sent_to_the_licence_service(pages):
    from eservices.forms.builder import build_step_form

    definition = pages[NOTIFICATION_KEY].form_definition()
    step = definition["steps"][0]
    licence_url = "http://testserver" + pages[LICENCE_KEY].url
    area = next(spec for spec in step["fields"] if spec["key"] == "area")
    assert licence_url in area["help_text"]
    form = build_step_form(step, definition, {}, data={**{"area": "200.5"}})
    assert not form.is_valid()
    assert "ต้องขอใบอนุญาต" in form.errors["area"][0] and licence_url in form.errors["area"][0]
    form = build_step_form(step, definition, {}, data={"area": "200"})
    form.is_valid()
    assert "area" not in form.errors
    # And the licence form refuses small premises, pointing back to the notification.
    licence = pages[LICENCE_KEY].form_definition()
    form = build_step_form(licence["steps"][0], licence, {}, data={"area": "150"})
    assert not form.is_valid() and "มาตรา 48" in form.errors["area"][0]


def test_certificate_on_approval_and_payment_supersedes_the_receipt(pages, officer, pay):
    with time_machine.travel(at(MONDAY), tick=False):
        case = file_food(pages[NOTIFICATION_KEY], premises_answers(), key="2")
        services.act(submission=case, action="accept", actor=officer)
        services.act(submission=case, action="approve", actor=officer)
    case.refresh_from_db()
    assert case.status == SubmissionStatus.AWAITING_PAYMENT and case.fee_amount == Decimal("200.00")
    pay(case)
    assert case.status == SubmissionStatus.APPROVED
    certificate = case.issued_documents.get(kind=DocumentKind.CERTIFICATE)
    assert certificate.valid_until is None and certificate.is_valid
    assert "หนังสือรับรองการแจ้ง" in extract_text(certificate.pdf.read())
    receipt = case.issued_documents.get(kind=DocumentKind.RECEIPT_OF_NOTICE)
    assert receipt.revoked and certificate.number in receipt.revoked_reason


def test_defect_notice_only_within_7_working_days(pages, officer):
    with time_machine.travel(at(MONDAY), tick=False):
        late = file_food(pages[NOTIFICATION_KEY], premises_answers(), key="3")
        on_time = file_food(pages[NOTIFICATION_KEY], premises_answers(premises_name="ร้านสอง"), key="4")
    with time_machine.travel(at(dt.date(2026, 11, 11)), tick=False):  # the 7th working day: still allowed
        services.request_information(submission=on_time, items="ไม่มีอ่างล้างมือแยกจากอ่างล้างภาชนะ", actor=officer)
    on_time.refresh_from_db()
    assert on_time.info_request.reply_by == dt.date(2026, 11, 20)  # 7 working days to fix
    with time_machine.travel(at(dt.date(2026, 11, 12)), tick=False), pytest.raises(ValidationError):
        services.request_information(submission=late, items="ขาดเอกสาร", actor=officer)


def test_notification_lapses_after_7_working_days_without_a_fix(pages, officer, django_capture_on_commit_callbacks):
    with time_machine.travel(at(MONDAY), tick=False):
        case = file_food(pages[NOTIFICATION_KEY], premises_answers(), key="5")
        fixed = file_food(pages[NOTIFICATION_KEY], premises_answers(premises_name="ร้านแก้แล้ว"), key="6")
        services.request_information(submission=case, items="ไม่มีที่ล้างมือ", actor=officer)
        services.request_information(submission=fixed, items="ไม่มีที่ล้างมือ", actor=officer)
        services.answer_information_request(submission=fixed, text="ติดตั้งอ่างล้างมือแล้ว")
    assert case.info_request.reply_by == dt.date(2026, 11, 11)
    mail.outbox.clear()
    with time_machine.travel(at(dt.date(2026, 11, 11)), tick=False):  # the last day to fix: nothing lapses
        assert lapse_unanswered() == 0
    with time_machine.travel(at(dt.date(2026, 11, 12)), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        call_command("lapse_unanswered_requests")
        assert lapse_unanswered() == 0  # idempotent
    case.refresh_from_db()
    fixed.refresh_from_db()
    assert case.status == SubmissionStatus.CANCELLED and fixed.status == SubmissionStatus.IN_REVIEW
    change = StatusChange.objects.get(submission=case, action="lapse")
    assert change.is_public and "ไม่ได้แก้ไข" in change.note and "11 พฤศจิกายน 2569" in change.note
    assert case.issued_documents.get(kind=DocumentKind.RECEIPT_OF_NOTICE).revoked
    assert [m.to for m in mail.outbox] == [["samran@example.com"]]


def test_licence_30_days_and_two_15_day_extensions_only_before_the_deadline(pages, officer, org_a, make_officer):
    head = make_officer(org_a, Role.DEPARTMENT_HEAD, username="a-head", department="health")
    with time_machine.travel(at(MONDAY), tick=False):
        case = file_food(pages[LICENCE_KEY], premises_answers(area="350"), key="7")
        assert not case.issued_documents.exists()  # no receipt: a licence must be granted before operating
        assert case.due_date == MONDAY + dt.timedelta(days=30)
        services.act(submission=case, action="accept", actor=officer)
    with pytest.raises(ValidationError):
        services.extend_deadline(submission=case, reason="", actor=head)
    with time_machine.travel(at(case.due_date), tick=False):  # on the last day: allowed
        services.extend_deadline(submission=case, reason="รอผลตรวจตัวอย่างน้ำจากศูนย์อนามัย", actor=head)
    assert case.due_date == dt.date(2026, 12, 17)
    with time_machine.travel(at(dt.date(2026, 12, 10)), tick=False):
        services.act(submission=case, action="extend", actor=head, note="ผู้ขอแก้ไขแบบแปลนครัว")
    assert case.due_date == dt.date(2027, 1, 1)
    with time_machine.travel(at(dt.date(2026, 12, 20)), tick=False), pytest.raises(ValidationError):
        services.extend_deadline(submission=case, reason="ครั้งที่สาม", actor=head)
    assert StatusChange.objects.filter(submission=case, action="extend", is_public=True).count() == 2


def test_extension_refused_after_the_deadline(pages, org_a, make_officer):
    head = make_officer(org_a, Role.DEPARTMENT_HEAD, username="a-head", department="health")
    with time_machine.travel(at(MONDAY), tick=False):
        case = file_food(pages[LICENCE_KEY], premises_answers(area="350"), key="8")
    with time_machine.travel(at(case.due_date + dt.timedelta(days=1)), tick=False):
        with pytest.raises(ValidationError, match=r"ก่อน|before"):
            services.extend_deadline(submission=case, reason="ล่าช้า", actor=head)
        from eservices import selectors

        assert "extend" not in [t.action for t in selectors.available_transitions(case, head)]


def test_licence_is_valid_one_year_and_renewed_before_expiry_by_its_holder(pages, officer, org_a, pay):
    with time_machine.travel(at(MONDAY), tick=False):
        case = file_food(pages[LICENCE_KEY], premises_answers(area="350"), key="9")
        services.act(submission=case, action="accept", actor=officer)
        services.act(submission=case, action="approve", actor=officer)
        pay(case)
    licence = IssuedDocument.objects.get(submission=case, kind=DocumentKind.LICENCE)
    assert licence.valid_until == MONDAY + dt.timedelta(days=365)
    renewal_answers = {"request": food.FOLLOWUP_RENEWAL, "document_code": licence.number,
                       "applicant_name": "นางสำราญ ใจงาม", "national_id": OPERATOR_ID, "phone": "0812345678",
                       "email": "", "truthful": True}
    with time_machine.travel(at(dt.date(2027, 10, 1)), tick=False):
        with pytest.raises(ValidationError):  # another person's ID number: not the holder
            file_food(pages[FOLLOWUP_KEY], {**renewal_answers, "national_id": "3570100234561"}, key="10", files=())
        renewal = file_food(pages[FOLLOWUP_KEY], renewal_answers, key="11", files=())
        services.act(submission=renewal, action="accept", actor=officer)
        services.act(submission=renewal, action="approve", actor=officer)
        pay(renewal)
    licence.refresh_from_db()
    renewed = IssuedDocument.objects.get(submission=renewal)
    assert renewed.valid_until == MONDAY + dt.timedelta(days=730) and licence.revoked
    with time_machine.travel(at(dt.date(2029, 1, 5)), tick=False), pytest.raises(ValidationError):
        file_food(pages[FOLLOWUP_KEY], {**renewal_answers, "document_code": renewed.verification_code}, key="12",
                  files=())  # expired: renewal must come before expiry


def test_replacement_transfer_and_closure_of_a_certificate(pages, officer, org_b, pay):
    case = file_food(pages[NOTIFICATION_KEY], premises_answers(), key="13")
    services.act(submission=case, action="accept", actor=officer)
    services.act(submission=case, action="approve", actor=officer)
    pay(case)
    certificate = IssuedDocument.objects.get(submission=case, kind=DocumentKind.CERTIFICATE)
    base = {"document_code": certificate.verification_code, "applicant_name": "นางสำราญ ใจงาม",
            "national_id": OPERATOR_ID, "phone": "0812345678", "email": "", "truthful": True}
    replacement = file_food(pages[FOLLOWUP_KEY], {**base, "request": food.FOLLOWUP_REPLACEMENT,
                                                  "lost_on": "2026-11-01", "loss_details": "ทำหาย"},
                            key="14", files=())
    assert replacement.fee_amount is None  # no fee for a replacement
    services.act(submission=replacement, action="accept", actor=officer)
    services.act(submission=replacement, action="approve", actor=officer)
    copy = IssuedDocument.objects.get(submission=replacement)
    certificate.refresh_from_db()
    assert certificate.revoked and "ใบแทน" in copy.title and copy.details["แทนเอกสารเลขที่"] == certificate.number
    transfer = file_food(pages[FOLLOWUP_KEY], {**base, "document_code": copy.number,
                                               "request": food.FOLLOWUP_TRANSFER, "new_holder_name": "นายใหม่ รับช่วง",
                                               "new_holder_id": "3570100234561"},
                         key="15", files=["transfer_consent"])
    services.act(submission=transfer, action="accept", actor=officer)
    services.act(submission=transfer, action="approve", actor=officer)
    transferred = IssuedDocument.objects.get(submission=transfer)
    assert transferred.holder_name == "นายใหม่ รับช่วง"
    copy.refresh_from_db()
    assert copy.revoked
    closing = {**base, "document_code": transferred.number, "request": food.FOLLOWUP_CLOSURE,
               "closed_on": "2026-11-30"}
    with pytest.raises(ValidationError):  # the former holder no longer holds it
        file_food(pages[FOLLOWUP_KEY], closing, key="16", files=())
    closure = file_food(pages[FOLLOWUP_KEY], {**closing, "national_id": "3570100234561"}, key="17", files=())
    services.act(submission=closure, action="accept", actor=officer)
    services.act(submission=closure, action="approve", actor=officer)
    transferred.refresh_from_db()
    assert transferred.revoked and "เลิกกิจการ" in transferred.revoked_reason
    # Another LGO's holder search never finds this LGO's documents.
    from eservices.holders import find_holder_document

    assert find_holder_document(organization=org_b, code=transferred.number, national_id=OPERATOR_ID,
                                kinds=food.HOLDER_KINDS) is None


@pytest.fixture
def pay(django_capture_on_commit_callbacks):
    """Pay the case's invoice at the counter; the paid-invoice signal (after commit) advances the case."""
    from django.utils import timezone

    from payments.models import Invoice
    from payments.services import record_payment

    def paying(case) -> None:
        invoice = Invoice.objects.get(source_id=str(case.pk), organization=case.organization)
        with django_capture_on_commit_callbacks(execute=True):
            record_payment(invoice=invoice, amount=invoice.total, channel="counter_cash", provider="counter",
                           provider_reference=f"test-{invoice.pk}", paid_at=timezone.now())
        case.refresh_from_db()

    return paying
