"""The write path: filing, the workflow table, the information request and its clock, tenancy in actions."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from eservices import services
from eservices.constants import SubmissionStatus as S
from eservices.models import InfoRequest, StatusChange, Submission
from eservices.selectors import available_transitions, submission_for_tracking, submissions_for_officer
from organizations.constants import Role

from .conftest import GOOD_ANSWERS, VALID_ID

pytestmark = pytest.mark.django_db

# A Wednesday inside office hours (Bangkok), far from Thai holidays.
WEDNESDAY_10AM = dt.datetime(2026, 11, 18, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def officer(make_officer, org_a):
    return make_officer(org_a, Role.OFFICER, department="office", username="office-officer")


@pytest.fixture
def head(make_officer, org_a):
    return make_officer(org_a, Role.DEPARTMENT_HEAD, department="office", username="office-head")


@time_machine.travel(WEDNESDAY_10AM, tick=False)
def test_submit_files_a_case_with_reference_due_date_history_and_emails(file_case, org_a, service,
                                                                       django_capture_on_commit_callbacks):
    org_a.departments.filter(code="office").update(email="office@lgo.test")
    service.department.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        case = file_case()
    assert re.fullmatch(r"AAA-2569-000001", case.reference)
    assert case.status == S.SUBMITTED
    assert case.received_at == WEDNESDAY_10AM  # office open: received at once
    assert case.due_date == dt.date(2026, 11, 25)  # 5 working days later
    assert case.applicant_name == "นางสมศรี มีสุข" and case.applicant_national_id == VALID_ID
    assert case.masked_national_id == "x-xxxx-xxxxx-70-8"
    assert case.definition["steps"][0]["fields"][0]["key"] == "applicant_name"
    assert len(case.tracking_token) >= 40
    assert [c.to_status for c in case.status_changes.all()] == [S.SUBMITTED]
    assert case.attachments.get().field_key == "house_registration"
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["office@lgo.test", "somsri@example.com"]
    citizen = next(m for m in mail.outbox if m.to == ["somsri@example.com"])
    assert "AAA-2569-000001" in citizen.subject and case.tracking_token in citizen.body
    assert "25 พฤศจิกายน 2569" in citizen.body
    assert file_case().reference == "AAA-2569-000002"


@time_machine.travel(dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC), tick=False)  # Saturday 19:00 Bangkok
def test_out_of_hours_request_counts_from_next_opening(file_case):
    case = file_case()
    assert timezone.localtime(case.received_at).replace(tzinfo=None) == dt.datetime(2026, 11, 23, 8, 30)
    assert case.due_date == dt.date(2026, 11, 30)


def test_double_submit_files_one_case(service):
    key = services.idempotency_key("same-session", GOOD_ANSWERS)
    files = [services.StoredFile("house_registration", "x.pdf", "x.pdf", "application/pdf", 3)]
    first = services.submit(service=service, answers=GOOD_ANSWERS, files=files, idempotency_key=key)
    second = services.submit(service=service, answers=GOOD_ANSWERS, files=files, idempotency_key=key)
    assert first.pk == second.pk and Submission.objects.count() == 1


def test_missing_required_answer_is_refused_and_nothing_is_stored(service):
    answers = {**GOOD_ANSWERS, "phone": ""}
    with pytest.raises(ValidationError, match="เบอร์โทรศัพท์"):
        services.submit(service=service, answers=answers, idempotency_key="k")
    assert not Submission.objects.exists()


def test_conditional_step_answers_required_only_when_shown(file_case):
    with pytest.raises(ValidationError, match="พืชที่ปลูก"):
        file_case(answers={**GOOD_ANSWERS, "need": "การเกษตร"})
    case = file_case(answers={**GOOD_ANSWERS, "need": "อุปโภคบริโภค", "crops": "ข้าว"})
    assert "crops" not in case.answers  # answers to hidden questions are dropped


def test_definition_snapshot_keeps_old_cases_intact(file_case, service):
    case = file_case()
    from .conftest import standard_steps

    service.form_steps = standard_steps()[:1]
    service.title = "ชื่อใหม่"
    service.save_revision().publish()
    case.refresh_from_db()
    assert len(case.definition["steps"]) == 4 and case.service_title == "ขอรับบริการน้ำอุปโภคบริโภค"
    from eservices.forms.definition import answer_rows

    labels = [row["label"] for section in answer_rows(case.definition, case.answers) for row in section["rows"]]
    assert "สำเนาทะเบียนบ้าน" in labels and "ปริมาณ (ลิตร)" in labels


def test_workflow_accept_approve_complete(file_case, officer):
    case = file_case()
    assert {t.action for t in available_transitions(case, officer)} == {"accept", "request_information", "reject"}
    services.act(submission=case, action="accept", actor=officer)
    assert case.status == S.IN_REVIEW
    services.act(submission=case, action="approve", actor=officer)
    assert case.status == S.APPROVED and case.decided_at is not None
    services.act(submission=case, action="complete", actor=officer)
    case.refresh_from_db()
    assert case.status == S.COMPLETED and case.closed_at and case.purge_after
    history = list(case.status_changes.values_list("from_status", "to_status", "action"))
    assert history == [("", S.SUBMITTED, "submit"), (S.SUBMITTED, S.IN_REVIEW, "accept"),
                       (S.IN_REVIEW, S.APPROVED, "approve"), (S.APPROVED, S.COMPLETED, "complete")]


def test_moves_outside_the_table_are_refused(file_case, officer):
    case = file_case()
    with pytest.raises(ValidationError):
        services.transition(submission=case, to_status=S.APPROVED, actor=officer)  # must be accepted first
    with pytest.raises(ValidationError):
        services.act(submission=case, action="reject", actor=officer, note="  ")
    with pytest.raises(PermissionDenied):
        services.act(submission=case, action="cancel", actor=officer, note="ซ้ำ")  # officers cannot cancel
    with pytest.raises(ValidationError):
        services.transition(submission=case, to_status=S.INFO_REQUESTED, actor=officer)  # dedicated function
    assert Submission.objects.get().status == S.SUBMITTED and StatusChange.objects.count() == 1


def test_officers_of_other_departments_and_lgos_cannot_act(file_case, make_officer, org_a, org_b):
    case = file_case()
    other_department = make_officer(org_a, Role.OFFICER, department="engineering", username="eng")
    other_lgo = make_officer(org_b, Role.LGO_ADMIN, username="b-admin")
    admin = make_officer(org_a, Role.LGO_ADMIN, username="a-admin")
    for actor in (other_department, other_lgo):
        with pytest.raises(PermissionDenied):
            services.act(submission=case, action="accept", actor=actor)
    assert submissions_for_officer(other_department, org_a).count() == 0
    assert submissions_for_officer(other_lgo, org_b).count() == 0
    assert submissions_for_officer(admin, org_a).count() == 1
    services.assign(submission=case, assignee=other_department, actor=admin)
    assert submissions_for_officer(other_department, org_a).count() == 1  # assigned cases are visible
    with pytest.raises(ValidationError):
        services.assign(submission=case, assignee=other_lgo, actor=admin)


def test_status_history_is_append_only(file_case):
    change = file_case().status_changes.get()
    change.note = "แก้ไข"
    with pytest.raises(TypeError):
        change.save()
    with pytest.raises(TypeError):
        change.delete()
    with pytest.raises(TypeError):
        StatusChange.objects.update(note="x")
    with pytest.raises(TypeError):
        StatusChange.objects.all().delete()


def test_information_request_once_pauses_the_clock_and_answer_extends_due_date(
        file_case, officer, service, django_capture_on_commit_callbacks):
    with time_machine.travel(WEDNESDAY_10AM, tick=False), django_capture_on_commit_callbacks(execute=True):
        case = file_case()
        assert case.due_date == dt.date(2026, 11, 25)
        services.request_information(submission=case, items="สำเนาบัตรประชาชนที่ชัดเจน", actor=officer)
    assert case.status == S.INFO_REQUESTED and case.clock_paused_at is not None
    with pytest.raises(ValidationError):
        services.request_information(submission=case, items="อีกครั้ง", actor=officer)
    mail_text = mail.outbox[-1].body
    assert "สำเนาบัตรประชาชนที่ชัดเจน" in mail_text
    # The citizen answers 3 working days later (Monday): the due date moves by 3 working days.
    with time_machine.travel(dt.datetime(2026, 11, 23, 3, 0, tzinfo=dt.UTC), tick=False):
        from .conftest import upload

        services.answer_information_request(submission=case, text="แนบแล้วค่ะ", files=[upload("id.pdf")])
    case.refresh_from_db()
    assert case.status == S.IN_REVIEW and case.paused_days == 3 and case.due_date == dt.date(2026, 11, 30)
    info = InfoRequest.objects.get()
    assert info.answer == "แนบแล้วค่ะ" and info.answer_message.attachments.get().original_name == "id.pdf"
    with pytest.raises(ValidationError):
        services.answer_information_request(submission=case, text="อีก")
    with pytest.raises(ValidationError):
        services.request_information(submission=case, items="ขออีก", actor=officer)


def test_an_information_request_sends_the_citizen_one_email(file_case, officer, django_capture_on_commit_callbacks):
    """The list of missing items is the message: no second "status changed" e-mail about the same step, and the
    citizen's own answer sends them nothing either (the department is told)."""
    case = file_case()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.request_information(submission=case, items="สำเนาบัตรประชาชนที่ชัดเจน", actor=officer)
    assert [m.to for m in mail.outbox] == [["somsri@example.com"]]
    assert "สำเนาบัตรประชาชนที่ชัดเจน" in mail.outbox[0].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_information_request(submission=case, text="ส่งแล้วค่ะ")
    assert not any(m.to == ["somsri@example.com"] for m in mail.outbox)


def test_rejected_case_tells_the_citizen_the_reason(file_case, officer, django_capture_on_commit_callbacks):
    case = file_case()
    with django_capture_on_commit_callbacks(execute=True):
        services.act(submission=case, action="reject", actor=officer, note="ไม่อยู่ในเขตพื้นที่ให้บริการ")
    assert case.status == S.REJECTED
    assert "ไม่อยู่ในเขตพื้นที่ให้บริการ" in mail.outbox[0].body


def test_cancel_needs_a_supervisor(file_case, head):
    case = file_case()
    services.act(submission=case, action="cancel", actor=head, note="ผู้ยื่นขอยกเลิก")
    assert case.status == S.CANCELLED


def test_tracking_second_factor(file_case, org_a, org_b):
    case = file_case()
    assert submission_for_tracking(org_a, case.reference.lower(), "5678") == case
    assert submission_for_tracking(org_a, case.reference, "0708") == case  # last 4 of the national ID
    assert submission_for_tracking(org_a, case.reference, "1234") is None
    assert submission_for_tracking(org_a, case.reference, "") is None
    assert submission_for_tracking(org_b, case.reference, "5678") is None  # another LGO's site


def test_approving_a_document_service_issues_a_verifiable_document(make_service, file_case, officer):
    from eservices.constants import DocumentKind

    svc = make_service("ขอหนังสือรับรองการแจ้ง", issues_document=DocumentKind.CERTIFICATE, document_validity_days=365)
    case = file_case(svc)
    services.act(submission=case, action="accept", actor=officer)
    assert "complete" not in {t.action for t in available_transitions(case, officer)}  # must be decided first
    services.act(submission=case, action="approve", actor=officer)
    document = case.issued_documents.get()
    assert document.number.endswith("/2569") or document.number.endswith(f"/{timezone.localdate().year + 543}")
    assert re.fullmatch(r"[A-HJ-NP-Z2-9]{12}", document.verification_code)
    assert document.is_valid and document.holder_name == "นางสมศรี มีสุข"
    assert document.pdf.read().startswith(b"%PDF")


def test_complaint_kind_has_its_own_form_and_actions(make_service, officer):
    svc = make_service("แจ้งเรื่องร้องเรียน", service_kind="complaint", form_steps=[])
    definition = svc.form_definition()
    assert next(s["title"] for s in definition["steps"]) == "เรื่องที่ร้องเรียน"
    answers = {"topic": "ขยะไม่ได้รับการจัดเก็บ", "subject": "ขยะค้าง", "details": "ไม่เก็บมา 2 สัปดาห์",
               "place": {"text": "หน้าตลาด", "lat": "", "lng": ""}, "applicant_name": "นายก", "phone": "0899999999",
               "email": "", "truthful": True}
    case = services.submit(service=svc, answers=answers, idempotency_key="c1")
    services.act(submission=case, action="accept", actor=officer)
    actions = {t.action for t in available_transitions(case, officer)}
    assert "approve" not in actions and "complete" in actions
    services.act(submission=case, action="complete", actor=officer, note="เก็บขยะแล้ว")
    assert case.status == S.COMPLETED


def test_purge_removes_closed_cases_after_retention_and_keeps_documents(file_case, officer, service,
                                                                        django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile

    from core.files import private_storage
    from eservices.documents import receipt_pdf
    from eservices.models import Draft, IssuedDocument

    path = private_storage().save("eservices/test/purge.pdf", ContentFile(b"%PDF-1.4 x"))
    case = file_case(files=[services.StoredFile("house_registration", path, "a.pdf", "application/pdf", 10)])
    open_case = file_case()
    services.act(submission=case, action="reject", actor=officer, note="ไม่ครบ")
    receipt_pdf(case)  # the citizen downloaded the receipt: a stored file with personal data
    case.refresh_from_db()
    receipt = case.receipt_file.name
    assert receipt and private_storage().exists(receipt)
    document = services.issue_document(organization=case.organization, kind="certificate", title="t",
                                       holder_name="h", submission=case)
    stale = Draft.objects.create(organization=case.organization, service=service, definition={})
    Draft.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - dt.timedelta(days=31))
    assert services.purge_expired(today=case.purge_after) == (0, 1)  # not yet past the date
    with django_capture_on_commit_callbacks(execute=True):
        assert services.purge_expired(today=case.purge_after + dt.timedelta(days=1)) == (1, 0)
    assert list(Submission.objects.all()) == [open_case]
    assert not private_storage().exists(path) and not private_storage().exists(receipt)
    assert IssuedDocument.objects.get(pk=document.pk).submission is None
