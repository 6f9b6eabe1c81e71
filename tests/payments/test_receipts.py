"""Receipt PDFs, the verification page, voiding, and gap-free numbering that restarts each fiscal year."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
import zxingcpp
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from core.pdf import extract_text
from payments.constants import PaymentChannel
from payments.links import receipt_public_url, verify_url
from payments.models import Receipt
from payments.receipts import render_receipt_pdf
from payments.services import InvoiceLineData, record_payment, void_receipt

pytestmark = pytest.mark.django_db
BANGKOK = ZoneInfo("Asia/Bangkok")


def pay(invoice, amount: str, ref: str, channel=PaymentChannel.COUNTER_CASH):
    return record_payment(invoice=invoice, amount=Decimal(amount), channel=channel, provider="counter",
                          provider_reference=ref, paid_at=timezone.now())


def qr_texts(pdf: bytes) -> list[str]:
    texts = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for image in page.images:
            picture = Image.open(io.BytesIO(image.data)).convert("L")
            picture = picture.resize((picture.width * 4, picture.height * 4), Image.NEAREST)
            texts += [result.text for result in zxingcpp.read_barcodes(picture)]
    return texts


def test_receipt_pdf_has_amount_in_thai_words_and_a_verify_qr(make_invoice):
    invoice = make_invoice(lines=[InvoiceLineData(description="ค่าธรรมเนียมใบอนุญาตก่อสร้าง", amount=Decimal("1250.75"))],
                           payer_name="นางสาวสมหญิง รักษ์ดี", payer_id="1101700203451")
    receipt = pay(invoice, "1250.75", "r-words").receipt
    pdf = render_receipt_pdf(receipt)
    text = extract_text(pdf)
    assert "หนึ่งพันสองร้อยห้าสิบบาทเจ็ดสิบห้าสตางค์" in text
    assert "1,250.75" in text
    assert receipt.number in text
    assert "นางสาวสมหญิง รักษ์ดี" in text
    assert "ค่าธรรมเนียมใบอนุญาตก่อสร้าง" in text
    assert "เลขประจำตัวผู้เสียภาษี 0994000158807" in text  # exactly: ำ reads as ำ, not ํา
    assert qr_texts(pdf) == [verify_url(receipt)]
    assert verify_url(receipt) == f"http://testserver/verify/r/{receipt.verification_code}/"


def test_whole_baht_reads_baht_thuan(make_invoice):
    receipt = pay(make_invoice("300.00"), "300.00", "r-thuan").receipt
    assert "สามร้อยบาทถ้วน" in extract_text(render_receipt_pdf(receipt))


def test_citizen_downloads_by_signed_link_only(client, make_invoice):
    receipt = pay(make_invoice("20.00"), "20.00", "r-link").receipt
    url = receipt_public_url(receipt)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    text = extract_text(response.content)
    assert "ยี่สิบบาทถ้วน" in text and "ยกเลิก" not in text
    assert client.get(url[:-3] + "xx/").status_code == 404
    assert client.get(f"/payments/receipt/{receipt.pk}/").status_code == 404
    receipt.refresh_from_db()
    assert receipt.pdf.name  # rendered once, kept in private storage


def test_void_shows_on_verify_page_and_pdf(client, make_invoice, supervisor):
    receipt = pay(make_invoice("99.00"), "99.00", "r-void").receipt
    client.get(receipt_public_url(receipt))  # cache the valid PDF first
    page = client.get(f"/verify/r/{receipt.verification_code}/")
    assert page.status_code == 200 and "ใบเสร็จถูกต้อง" in page.content.decode()
    assert "นายสมชาย" not in page.content.decode()  # no personal data on the public page
    void_receipt(receipt=receipt, reason="บันทึกรับเงินซ้ำ", actor=supervisor)
    page = client.get(f"/verify/r/{receipt.verification_code.lower()}/")
    html = page.content.decode()
    assert "ยกเลิก" in html and "บันทึกรับเงินซ้ำ" in html
    text = extract_text(client.get(receipt_public_url(receipt)).content)
    assert "ใบเสร็จรับเงินฉบับนี้ถูกยกเลิกแล้ว" in text and "บันทึกรับเงินซ้ำ" in text
    assert client.get("/verify/r/AAAAAAAAAAAAAAAA/").status_code == 404


def test_receipt_numbers_restart_on_1_october(make_invoice):
    invoices = [make_invoice("10.00") for _ in range(3)]
    with time_machine.travel(dt.datetime(2026, 9, 30, 23, 58, tzinfo=BANGKOK), tick=False):
        first = pay(invoices[0], "10.00", "fy-1").receipt
        second = pay(invoices[1], "5.00", "fy-2").receipt
    with time_machine.travel(dt.datetime(2026, 10, 1, 0, 1, tzinfo=BANGKOK), tick=False):
        third = pay(invoices[2], "10.00", "fy-3").receipt
        fourth = pay(invoices[1], "5.00", "fy-4").receipt
    assert [r.number for r in (first, second, third, fourth)] == [
        "2569/000001", "2569/000002", "2570/000001", "2570/000002"]
    assert Receipt.objects.filter(fiscal_year=2570).count() == 2
