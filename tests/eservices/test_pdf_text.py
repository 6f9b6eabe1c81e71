"""E-service PDFs through their real paths (filing receipt, issued document): Thai reads back exactly."""

from __future__ import annotations

import pytest
from django.urls import reverse

from eservices import services
from eservices.constants import DocumentKind
from organizations.constants import Role
from tests.eservices.conftest import GOOD_ANSWERS
from tests.thai_corpus import CORPUS_TEXT, assert_corpus_extracts_exactly

pytestmark = pytest.mark.django_db


def test_receipt_and_issued_document_text_layers_give_thai_back_exactly(client, make_service, file_case, make_officer,
                                                                        org_a):
    """The filing receipt and the issued certificate, through their real paths: Thai reads back exactly."""

    service = make_service("ขอหนังสือรับรองการทำประโยชน์ในที่ดิน ตำบลน้ำคำ", issues_document=DocumentKind.CERTIFICATE)
    answers = {**GOOD_ANSWERS, "applicant_name": "นายกำพล ผู้ใหญ่ยิ่ง",
               "address": {**GOOD_ANSWERS["address"], "line": CORPUS_TEXT}}
    case = file_case(service, answers)
    receipt = client.get(reverse("eservices:receipt", kwargs={"token": case.tracking_token})).content
    assert_corpus_extracts_exactly(receipt)
    assert_corpus_extracts_exactly(receipt, ["ใบรับคำขอ"])
    assert_corpus_extracts_exactly(receipt, ["ขอหนังสือรับรองการทำประโยชน์ในที่ดิน", "ตำบลน้ำคำ"])
    officer = make_officer(org_a, Role.OFFICER, department="office")
    services.act(submission=case, action="accept", actor=officer)
    services.act(submission=case, action="approve", actor=officer)
    document = case.issued_documents.get()
    pdf = document.pdf.read()
    assert_corpus_extracts_exactly(pdf, ["นายกำพล", "ผู้ใหญ่ยิ่ง"])
    assert_corpus_extracts_exactly(pdf, ["ขอหนังสือรับรองการทำประโยชน์ในที่ดิน", "ตำบลน้ำคำ"])
