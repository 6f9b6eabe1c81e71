"""The receipt PDF (Thai text layer, tracking QR), issued documents and the public verification page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from core.pdf import extract_text
from eservices import services
from eservices.constants import DocumentKind
from organizations.constants import Role

pytestmark = pytest.mark.django_db
needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm not installed (poppler-utils)")


def decode_qr_codes(pdf: bytes, tmp_path: Path) -> list[str]:
    import zxingcpp
    from PIL import Image

    (tmp_path / "doc.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", tmp_path / "doc.pdf", tmp_path / "page"],
                   check=True)
    image = Image.open(next(tmp_path.glob("page*.png")))
    return [result.text for result in zxingcpp.read_barcodes(image)]


@needs_pdftoppm
def test_receipt_pdf_has_the_right_thai_words_and_a_qr_to_the_tracking_page(client, file_case, tmp_path):
    case = file_case()
    response = client.get(reverse("eservices:receipt", kwargs={"token": case.tracking_token}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = extract_text(response.content)
    words = text.split()  # exact words: sara am reads "ำ", never "ํา"
    for expected in ("ใบรับคำขอ", case.reference, "นางสมศรี", "มีสุข", "เทศบาลตำบลเอ", "ขอรับบริการน้ำอุปโภคบริโภค",
                     "อุปโภคบริโภค", "ทะเบียนบ้าน.pdf", "เชียงราย"):
        assert expected in words, (expected, text)
    assert "x-xxxx-xxxxx-70-8" in words and "1101700230708" not in text  # the ID is masked on paper
    assert decode_qr_codes(response.content, tmp_path) == [f"http://testserver/track/{case.tracking_token}/"]


def test_receipt_is_rendered_once_and_kept_private(client, file_case, monkeypatch):
    from core.files import private_storage
    from eservices import documents

    case = file_case()
    url = reverse("eservices:receipt", kwargs={"token": case.tracking_token})
    first = client.get(url).content
    case.refresh_from_db()
    assert case.receipt_file.name.startswith(f"eservices/receipts/{case.organization_id}/")
    assert private_storage().exists(case.receipt_file.name)
    monkeypatch.setattr(documents, "render_receipt_pdf", lambda submission: pytest.fail("rendered again"))
    assert client.get(url).content == first
    # The stored copy is not public: media URLs do not reach private storage.
    assert client.get(f"/media/{case.receipt_file.name}").status_code == 404


def test_unknown_tokens_get_404(client):
    assert client.get(reverse("eservices:receipt", kwargs={"token": "nope"})).status_code == 404
    assert client.get(reverse("eservices:confirmation", kwargs={"token": "nope"})).status_code == 404


@needs_pdftoppm
def test_approval_issues_a_certificate_verifiable_online(client, make_service, file_case, make_officer, org_a,
                                                         tmp_path):
    service = make_service("ขอหนังสือรับรองการแจ้ง", issues_document=DocumentKind.CERTIFICATE, document_validity_days=30)
    officer = make_officer(org_a, Role.OFFICER, department="office")
    head = make_officer(org_a, Role.DEPARTMENT_HEAD, department="office", username="head")
    case = file_case(service)
    services.act(submission=case, action="accept", actor=officer)
    services.act(submission=case, action="approve", actor=officer)
    document = case.issued_documents.get()
    pdf = document.pdf.read()
    verify_url = f"http://testserver/verify/{document.verification_code}/"
    assert decode_qr_codes(pdf, tmp_path) == [verify_url]
    assert "หนังสือรับรอง" in extract_text(pdf).split()
    page = client.get(reverse("eservices:verify", kwargs={"code": document.verification_code.lower()}))
    content = page.content.decode()
    assert page.status_code == 200 and "ใช้ได้" in content and document.number in content
    assert "นางสมศรี มีสุข" in content and "1101700230708" not in content and "0812345678" not in content
    # The citizen downloads it from the tracking page.
    tracking = client.get(case.get_absolute_url()).content.decode()
    download = reverse("eservices:citizen_document", kwargs={"token": case.tracking_token, "document_id": document.pk})
    assert download in tracking and client.get(download).status_code == 200
    with pytest.raises(Exception):  # noqa: B017 - an officer may not revoke
        services.revoke_document(document=document, reason="ออกผิด", actor=officer)
    services.revoke_document(document=document, reason="ข้อมูลผู้ขอไม่ถูกต้อง", actor=head)
    content = client.get(reverse("eservices:verify", kwargs={"code": document.verification_code})).content.decode()
    assert "ถูกเพิกถอน" in content and "ข้อมูลผู้ขอไม่ถูกต้อง" in content
    document.refresh_from_db()
    type(document).objects.filter(pk=document.pk).update(revoked=False, valid_until=timezone.localdate().replace(
        year=timezone.localdate().year - 1))
    content = client.get(reverse("eservices:verify", kwargs={"code": document.verification_code})).content.decode()
    assert "หมดอายุ" in content
    assert client.get(reverse("eservices:verify", kwargs={"code": "NOSUCHCODE12"})).status_code == 404


def test_internal_files_are_not_served_to_citizens(client, file_case, make_officer, org_a):
    from .conftest import upload

    officer = make_officer(org_a, Role.OFFICER, department="office")
    case = file_case()
    note = services.add_message(submission=case, body="ผลตรวจภายใน", author=officer, public=False,
                                files=[upload("internal.pdf")])
    attachment = note.attachments.get()
    url = reverse("eservices:citizen_file", kwargs={"token": case.tracking_token, "attachment_id": attachment.pk})
    assert client.get(url).status_code == 404
    other = file_case()
    own = reverse("eservices:citizen_file", kwargs={"token": other.tracking_token,
                                                    "attachment_id": case.attachments.first().pk})
    assert client.get(own).status_code == 404  # another case's file through this case's token
