"""A food-place notification end to end in a real browser: the citizen on a phone is sent to the licence service for
250 m², files for 48 m² and gets the receipt of notification at once (its QR opens /verify/: valid); the officer
sends a defect notice, the citizen fixes it on the tracking page, the officer issues the certificate; the fee is paid
by the bank's signed payment notice; the certificate's QR verifies it and the receipt now shows it was superseded.
A second notification whose defect is not fixed lapses after 7 working days, as the tracking page then says.
Set THONGTHIN_SCREENSHOTS=<dir> to keep screenshots."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import time
from urllib.parse import urlsplit

import pytest
import time_machine

from eservices import services
from eservices.constants import DocumentKind, SubmissionStatus
from eservices.deadlines import lapse_unanswered
from eservices.models import Submission
from organizations.constants import Role
from payments.models import Invoice
from payments.providers.gateway import sign

from .conftest import png_bytes
from .food_support import LICENCE_KEY, NOTIFICATION_KEY, file_food, premises_answers, publish_food_services
from .inbox_support import _fresh_cache, grant_admin_access  # noqa: F401  (autouse fixture)
from .test_documents import decode_qr_codes, needs_pdftoppm
from .test_phone_geometry import GEOMETRY_JS


def _look(page, name: str) -> None:
    assert page.evaluate(GEOMETRY_JS) == [], name
    folder = os.environ.get("THONGTHIN_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"food-{name}-{page.viewport_size['width']}.png"), full_page=True)


def _png(name: str) -> dict:
    return {"name": name, "mimeType": "image/png", "buffer": png_bytes()}


def _verify_through_qr(page, pdf: bytes, tmp_path, base: str) -> str:
    """Decode the PDF's QR code, open it in the browser and return the page's text."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (url,) = decode_qr_codes(pdf, tmp_path)
    assert "/verify/" in url
    page.goto(base + urlsplit(url).path)
    return page.inner_text("main")


def _signed_payment_notice(page, base: str, invoice: Invoice, transaction_id: str) -> dict:
    """The bank's payment notice, signed with the webhook secret (HMAC-SHA256 over timestamp and body)."""
    invoice.refresh_from_db()
    body = json.dumps({"transaction_id": transaction_id, "biller_id": invoice.organization.biller_id,
                       "ref1": invoice.ref1, "ref2": invoice.ref2, "amount": str(invoice.amount_due),
                       "paid_at": dt.datetime.now(dt.UTC).isoformat()}).encode()
    timestamp = int(time.time())
    response = page.request.post(base + "/payments/webhook/gateway/", data=body, headers={
        "Content-Type": "application/json", "X-Thongthin-Timestamp": str(timestamp),
        "X-Thongthin-Signature": sign(body, timestamp), "X-Thongthin-Event-Id": f"evt-{transaction_id}"})
    assert response.status == 200, response.text()
    return response.json()


@needs_pdftoppm
@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_notification_filed_defect_fixed_certificate_paid_verified_and_a_lapse(
        browser, live_server, org_a, make_officer, tmp_path):
    base = live_server.url
    org_a.biller_id = "099400016550100"
    org_a.save(update_fields=["biller_id"])
    pages = publish_food_services(org_a)
    officer = make_officer(org_a, Role.OFFICER, username="health", department="health")
    grant_admin_access(officer)
    citizen = browser.new_context(locale="th-TH", viewport={"width": 390, "height": 844}).new_page()
    citizen.set_default_timeout(20000)

    # --- Step 1 on a phone: 250 m² is sent to the licence service, 48 m² goes on --------------------------------
    citizen.goto(base + pages[NOTIFICATION_KEY].get_url_parts()[2])
    citizen.click("button.button--start")
    citizen.fill("[name=premises_name]", "ร้านข้าวแกงป้าสำราญ")
    citizen.click("label[for=id_premises_kind_0]")
    citizen.fill("[name=area]", "๒๕๐")  # Thai digits are read as digits
    citizen.fill("[name=seats]", "16")
    citizen.fill("[name=food_type]", "ข้าวแกง อาหารตามสั่ง")
    citizen.fill("[name=hours]", "ทุกวัน 06:30–14:00 น.")
    for part, value in {"line": "99 หมู่ 4", "subdistrict": "ริมกก", "district": "เมืองเชียงราย",
                        "province": "เชียงราย", "postcode": "57100"}.items():
        citizen.fill(f"[name=premises_address_{part}]", value)
    citizen.click("label[for=id_not_in_market]")
    citizen.click("button[name=continue]")
    error = citizen.inner_text("#q-area .error-message")
    assert "ต้องขอใบอนุญาต" in error
    licence_link = citizen.locator("#q-area .hint a")
    assert licence_link.get_attribute("href").endswith(pages[LICENCE_KEY].url)
    assert citizen.input_value("[name=premises_name]") == "ร้านข้าวแกงป้าสำราญ"  # what was typed is kept
    _look(citizen, "area-error")
    citizen.fill("[name=area]", "48")
    citizen.click("button[name=continue]")
    citizen.click("label[for=id_operator_type_0]")
    citizen.fill("[name=applicant_name]", "นางสำราญ ใจงาม")
    citizen.fill("[name=national_id]", "1-1017-00230-70-8")
    citizen.fill("[name=phone]", "081-234-5678")
    citizen.fill("[name=email]", "samran@example.com")
    citizen.click("label[for=id_premises_right_0]")
    citizen.click("button[name=continue]")
    citizen.set_input_files("input[name=id_card]", files=[_png("บัตรประชาชน.png")])
    citizen.set_input_files("input[name=house_registration]", files=[_png("ทะเบียนบ้าน.png")])
    citizen.click("label[for=id_truthful]")
    _look(citizen, "documents")
    citizen.click("button[name=continue]")
    citizen.click("form[method=post] button.button:not(.button--secondary)")
    citizen.wait_for_url(re.compile(r".*/e-service/done/.*"))
    _look(citizen, "confirmation")
    color = citizen.eval_on_selector("[data-document=notice_receipt] p", "e => getComputedStyle(e).color")
    assert color == "rgb(11, 12, 12)"  # dark text on the light panel (contrast), not the green panel's white
    citizen.set_viewport_size({"width": 1280, "height": 900})
    _look(citizen, "confirmation-desktop")
    citizen.set_viewport_size({"width": 390, "height": 844})
    case = Submission.objects.get()
    receipt_link = citizen.locator("[data-document=notice_receipt] a.button")
    assert "ใบรับแจ้ง" in citizen.inner_text("[data-document=notice_receipt]")
    receipt_pdf = citizen.request.get(base + receipt_link.get_attribute("href")).body()
    text = _verify_through_qr(citizen, receipt_pdf, tmp_path / "receipt", base)
    assert "ใช้ได้" in text and "ร้านข้าวแกงป้าสำราญ" in text and "1101700230708" not in text
    _look(citizen, "verify-receipt")

    # --- The officer sends the defect notice ----------------------------------------------------------------
    desk = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900}).new_page()
    desk.set_default_timeout(20000)
    desk.goto(base + "/admin/login/")
    desk.fill("#id_username", "health")
    desk.fill("#id_password", officer.plain_password)
    desk.click("form.login-form button[type=submit]")
    desk.wait_for_url(re.compile(r".*/admin/$"))
    desk.goto(base + f"/admin/eservices/cases/{case.pk}/")
    desk.fill("#action-request-information textarea[name=items]", "ติดตั้งอ่างล้างมือแยกจากอ่างล้างภาชนะ")
    desk.click("#action-request-information button[type=submit]")
    desk.wait_for_selector("text=ติดตั้งอ่างล้างมือแยกจากอ่างล้างภาชนะ")
    case.refresh_from_db()
    assert case.status == SubmissionStatus.INFO_REQUESTED and case.info_request.reply_by is not None

    # --- The citizen fixes it on the tracking page ------------------------------------------------------------
    citizen.goto(base + case.get_absolute_url())
    citizen.fill("textarea[name=text]", "ติดตั้งอ่างล้างมือแล้ว แนบรูปถ่าย")
    citizen.set_input_files("input[name=files]", files=[_png("อ่างล้างมือ.png")])
    citizen.click("form[action$='/answer/'] button[type=submit]")
    citizen.wait_for_selector("text=ติดตั้งอ่างล้างมือแล้ว แนบรูปถ่าย")

    # --- The officer issues the certificate; the fee is paid by the bank's signed notice -------------------------
    desk.reload(wait_until="load")
    assert "ออกหนังสือรับรองการแจ้ง" in desk.inner_text("#action-approve")
    desk.click("#action-approve button[type=submit]")
    desk.wait_for_selector("[data-status=awaiting_payment]")
    invoice = Invoice.objects.get(source_id=str(case.pk))
    assert _signed_payment_notice(desk, base, invoice, "TXN-FOOD-1")["status"] == "recorded"
    case.refresh_from_db()
    assert case.status == SubmissionStatus.APPROVED
    certificate = case.issued_documents.get(kind=DocumentKind.CERTIFICATE)
    citizen.goto(base + case.get_absolute_url())
    link = citizen.locator(f"a[href$='/{certificate.pk}/']").first
    certificate_pdf = citizen.request.get(base + link.get_attribute("href")).body()
    text = _verify_through_qr(citizen, certificate_pdf, tmp_path / "certificate", base)
    assert "ใช้ได้" in text and "หนังสือรับรองการแจ้ง" in text and certificate.number in text
    _look(citizen, "verify-certificate")
    text = _verify_through_qr(citizen, receipt_pdf, tmp_path / "receipt-again", base)
    assert "ถูกเพิกถอน" in text and certificate.number in text  # the receipt was superseded

    # --- A second notification's defect is not fixed: it lapses after 7 working days ---------------------------
    monday = dt.datetime(2026, 11, 2, 2, 0, tzinfo=dt.UTC)
    with time_machine.travel(monday, tick=False):
        second = file_food(pages[NOTIFICATION_KEY], premises_answers(premises_name="ร้านไม่แก้"), key="lapse")
        services.request_information(submission=second, items="ไม่มีที่ล้างมือ", actor=officer)
    with time_machine.travel(monday + dt.timedelta(days=10), tick=False):  # Thursday 12 November
        assert lapse_unanswered() == 1
    citizen.goto(base + second.get_absolute_url())
    timeline = citizen.inner_text("main")
    assert "สิ้นผล" in timeline
    _look(citizen, "lapsed")
