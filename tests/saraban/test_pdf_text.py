"""Saraban PDFs through their real paths (letters, receipt stamps, registers): Thai reads back exactly."""

from __future__ import annotations

import pytest

from saraban import services
from saraban.constants import LetterFormat, Register
from saraban.models import Document
from saraban.printing import render_register
from tests.thai_corpus import CORPUS, CORPUS_TEXT, assert_corpus_extracts_exactly

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("letter_format", [LetterFormat.EXTERNAL, LetterFormat.MEMO, LetterFormat.ORDER])
def test_issued_letters_give_thai_back_exactly(draft, head, letter_format):
    document = draft(letter_format, subject="ขอความอนุเคราะห์น้ำดื่ม ตำบลน้ำคำ", body=f"{CORPUS_TEXT}\n{CORPUS_TEXT}")
    issued = services.issue(document=document, user=head, password=head.plain_password)
    with issued.letter_file.open("rb") as handle:
        pdf = handle.read()
    assert_corpus_extracts_exactly(pdf)
    assert_corpus_extracts_exactly(pdf, ["ขอความอนุเคราะห์น้ำดื่ม", "ตำบลน้ำคำ"])


def test_receipt_stamp_gives_thai_back_exactly(lgo, incoming, pdf_upload):
    lgo.name_th = "องค์การบริหารส่วนตำบลน้ำคำ"
    lgo.save()
    document = incoming(pdf=pdf_upload())
    with document.stamped_file.open("rb") as handle:
        pdf = handle.read()
    assert_corpus_extracts_exactly(pdf, ["องค์การบริหารส่วนตำบลน้ำคำ"])
    assert_corpus_extracts_exactly(pdf, ["เลขรับ", f"{document.number}/{document.year}"])
    assert_corpus_extracts_exactly(pdf, ["เรื่อง", "ขอเชิญประชุมคณะกรรมการ"])  # the letter under the stamp


def test_register_gives_thai_back_exactly(lgo, incoming):
    chunks = [CORPUS[start:start + 3] for start in range(0, len(CORPUS), 3)]  # one short subject per row
    for chunk in chunks:
        incoming(subject=" ".join(chunk), sender="ที่ทำการปกครองอำเภอน้ำปาด")
    pdf = render_register(lgo, Register.INCOMING, Document.objects.filter(organization=lgo).order_by("number"),
                          date_from=None, date_to=None)
    for chunk in chunks:
        assert_corpus_extracts_exactly(pdf, chunk)
