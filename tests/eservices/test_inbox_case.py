"""The officer's case page: answers from the filing-time snapshot, audit-logged views and downloads, and actions
(accept, request information once, approve, reject with a reason) through the services, with errors shown."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from core.files import private_storage
from core.models import AuditAction, AuditLog
from eservices.constants import SubmissionStatus
from eservices.models import InfoRequest
from eservices.services import StoredFile
from organizations.constants import Role

from .conftest import pdf_bytes
from .inbox_support import _fresh_cache, login  # noqa: F401  (autouse fixture)


@pytest.fixture
def officer(org_a, make_officer):
    return make_officer(org_a, Role.OFFICER, username="a-office", department="office")


@pytest.fixture
def officer_client(client, officer):
    login(client, officer)
    return client


@pytest.fixture
def case_with_file(file_case):
    path = private_storage().save("eservices/test/house.pdf", ContentFile(pdf_bytes()))
    return file_case(files=[StoredFile(field_key="house_registration", path=path, name="ทะเบียนบ้าน.pdf",
                                       mime_type="application/pdf", size=len(pdf_bytes()))])


def case_url(case) -> str:
    return reverse("eservices_admin:case", args=[case.pk])


@pytest.mark.django_db
class TestCasePage:
    def test_answers_follow_the_snapshot_and_view_is_logged(self, officer_client, officer, service, case_with_file):
        case = case_with_file
        steps = service.form_steps.raw_data
        steps[0]["value"]["fields"][0]["value"]["label"] = "ชื่อใหม่ที่แก้ภายหลัง"
        service.form_steps = steps
        service.save_revision().publish()
        response = officer_client.get(case_url(case))
        html = response.content.decode()
        assert response.status_code == 200
        assert "ชื่อ-นามสกุล" in html and "ชื่อใหม่ที่แก้ภายหลัง" not in html
        assert "นางสมศรี มีสุข" in html
        assert "x-xxxx-xxxxx-" in html and case.applicant_national_id not in html  # the ID is masked
        assert AuditLog.objects.filter(action=AuditAction.VIEW, actor=officer, object_id=str(case.pk)).count() == 1

    def test_file_download_is_checked_and_logged(self, client, officer_client, officer, org_b, make_officer,
                                                 case_with_file):
        attachment = case_with_file.attachments.get()
        url = reverse("eservices_admin:attachment", args=[case_with_file.pk, attachment.pk])
        assert url in officer_client.get(case_url(case_with_file)).content.decode()
        response = officer_client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert "attachment" in response["Content-Disposition"]
        assert AuditLog.objects.filter(action=AuditAction.DOWNLOAD, actor=officer).count() == 1
        officer_client.logout()
        outsider = make_officer(org_b, Role.LGO_ADMIN, username="b-admin")
        login(client, outsider)
        assert client.get(url).status_code == 404
        assert AuditLog.objects.filter(action=AuditAction.DENIED, actor=outsider).exists()

    def test_issued_document_downloads_keep_the_whole_number_in_their_name(self, client, officer_client, officer,
                                                                         make_service, file_case):
        from eservices import services
        from eservices.constants import DocumentKind

        case = file_case(make_service("ขอหนังสือรับรอง", issues_document=DocumentKind.CERTIFICATE))
        services.act(submission=case, action="accept", actor=officer)
        services.act(submission=case, action="approve", actor=officer)
        document = case.issued_documents.get()
        number, year = document.number.split("/")
        assert document.download_name == f"{number}-{year}.pdf"
        officer_copy = officer_client.get(reverse("eservices_admin:document", args=[case.pk, document.pk]))
        assert officer_copy.status_code == 200
        assert f'filename="{number}-{year}.pdf"' in officer_copy["Content-Disposition"]
        officer_client.logout()
        citizen_copy = client.get(reverse("eservices:citizen_document",
                                          kwargs={"token": case.tracking_token, "document_id": document.pk}))
        assert f'filename="{number}-{year}.pdf"' in citizen_copy["Content-Disposition"]

    def test_accept_then_request_information_once_then_approve(self, officer_client, case_with_file):
        case = case_with_file
        response = officer_client.post(case_url(case), {"form": "decision", "action": "accept"})
        assert response.status_code == 302
        case.refresh_from_db()
        assert case.status == SubmissionStatus.IN_REVIEW
        response = officer_client.post(case_url(case), {"form": "request_information", "items": ""})
        assert response.status_code == 400
        assert not InfoRequest.objects.exists()
        officer_client.post(case_url(case), {"form": "request_information", "items": "สำเนาโฉนดที่ดิน"})
        case.refresh_from_db()
        assert case.status == SubmissionStatus.INFO_REQUESTED and case.clock_paused_at is not None
        page = officer_client.get(case_url(case)).content.decode()
        assert "สำเนาโฉนดที่ดิน" in page
        assert 'value="request_information"' not in page  # the one-time list is spent

    def test_reject_needs_a_reason_and_keeps_what_was_typed(self, officer_client, case_with_file):
        case = case_with_file
        response = officer_client.post(case_url(case), {"form": "decision", "action": "reject", "note": "  "})
        assert response.status_code == 400
        case.refresh_from_db()
        assert case.status == SubmissionStatus.SUBMITTED
        html = response.content.decode()
        assert 'role="alert"' in html
        assert "กรุณาระบุเหตุผล" in html  # the Thai message, shown next to the form that failed
        response = officer_client.post(case_url(case), {"form": "decision", "action": "reject",
                                                        "note": "ไม่อยู่ในเขตบริการ"})
        assert response.status_code == 302
        case.refresh_from_db()
        assert case.status == SubmissionStatus.REJECTED
        assert case.status_changes.last().note == "ไม่อยู่ในเขตบริการ"

    def test_an_action_not_in_the_table_is_refused(self, officer_client, case_with_file):
        response = officer_client.post(case_url(case_with_file), {"form": "decision", "action": "complete"},
                                       follow=True)
        case_with_file.refresh_from_db()
        assert case_with_file.status == SubmissionStatus.SUBMITTED
        assert list(response.context["messages"])

    def test_messages_notes_and_assignment(self, officer_client, officer, case_with_file, mailoutbox,
                                           django_capture_on_commit_callbacks):
        case = case_with_file
        with django_capture_on_commit_callbacks(execute=True):
            officer_client.post(case_url(case), {"form": "message", "body": "กรุณารอการติดต่อกลับ"})
        officer_client.post(case_url(case), {"form": "note", "body": "ตรวจสอบแล้ว เอกสารครบ"})
        officer_client.post(case_url(case), {"form": "assign", "assignee": str(officer.pk)})
        case.refresh_from_db()
        assert case.assignee == officer
        assert [(m.body, m.is_public) for m in case.messages.all()] == [
            ("กรุณารอการติดต่อกลับ", True), ("ตรวจสอบแล้ว เอกสารครบ", False)]
        assert any("กรุณารอการติดต่อกลับ" in m.body for m in mailoutbox)
        assert not any("ตรวจสอบแล้ว" in m.body for m in mailoutbox)
        page = officer_client.get(case_url(case)).content.decode()
        assert "ตรวจสอบแล้ว เอกสารครบ" in page
        response = officer_client.post(case_url(case), {"form": "message", "body": ""})
        assert response.status_code == 400
