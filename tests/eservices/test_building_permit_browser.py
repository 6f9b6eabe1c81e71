"""A building permit in real browsers: the citizen files the ข.1 application (permit route) with its uploads and pays
the plan-check fee by a signed payment notice; the officer accepts it as complete, extends the limit with reasons,
orders the plans corrected, records the corrected plans and approves with conditions; the permit fee is paid by a
signed payment notice; the citizen downloads the permit (อ.1) and its QR opens /verify/, which says it is valid."""

from __future__ import annotations

import json
import os
import re
import shutil
import time

import pytest
from django.test import Client
from django.utils import timezone

from core import thai
from eservices.constants import DocumentKind, SubmissionStatus
from eservices.kinds.building.constants import EV_CORRECTED, EV_CORRECTION, EV_EXTENSION
from eservices.models import Submission
from organizations.constants import Role
from organizations.models import Organization
from tests.browser_support import sign_in

from .building_support import invoices, publish_permit_service
from .conftest import pdf_bytes
from .inbox_support import _fresh_cache, grant_admin_access  # noqa: F401  (autouse fixture)
from .test_documents import decode_qr_codes, needs_pdftoppm
from .test_phone_geometry import GEOMETRY_JS

BILLER_ID = "099400016550100"


def _pdf(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes()}


def _continue(page) -> None:
    page.click("button[name=continue]")


def _pay_by_signed_notice(invoice, event: str) -> None:
    """The payment gateway's signed notice (HMAC over timestamp and body), as the bank sends it."""
    from payments.providers.gateway import sign

    body = json.dumps({"transaction_id": f"TXN-{event}", "biller_id": BILLER_ID, "ref1": invoice.ref1,
                       "ref2": invoice.ref2, "amount": str(invoice.amount_due),
                       "paid_at": timezone.now().isoformat()}).encode()
    stamp = int(time.time())
    response = Client().post("/payments/webhook/gateway/", data=body, content_type="application/json",
                             HTTP_X_THONGTHIN_TIMESTAMP=str(stamp), HTTP_X_THONGTHIN_SIGNATURE=sign(body, stamp),
                             HTTP_X_THONGTHIN_EVENT_ID=f"evt-{event}")
    assert response.status_code == 200 and response.json()["status"] == "recorded", response.content


def _no_sideways_scroll(page) -> None:
    problems = page.evaluate(GEOMETRY_JS)
    assert not problems, problems


@pytest.mark.browser
@needs_pdftoppm
@pytest.mark.django_db(transaction=True)
def test_citizen_files_officer_extends_corrects_approves_permit_verified_by_qr(
    page, browser, live_server, org_a, make_officer, tmp_path,
):
    base = live_server.url
    Organization.objects.filter(pk=org_a.pk).update(biller_id=BILLER_ID)
    service = publish_permit_service(org_a)
    officer = make_officer(org_a, Role.OFFICER, username="chang", department="engineering")
    grant_admin_access(officer)

    # --- The citizen files the ข.1 application on a phone ------------------------------------------------------
    page.goto(base + service.get_url_parts()[2])
    page.click("button.button--start")
    page.click("label[for=id_route_0]")
    page.click("label[for=id_work_0]")
    page.click("label[for=id_structure_0]")
    _no_sideways_scroll(page)
    _continue(page)
    page.fill("[name=applicant_name]", "นางสมศรี มีสุข")
    page.fill("[name=national_id]", "1-1017-00230-70-8")
    page.fill("[name=phone]", "081-234-5678")
    page.fill("[name=email]", "somsri@example.com")
    page.fill("[name=address_line]", "12 หมู่ 3")
    page.fill("[name=address_subdistrict]", "ริมกก")
    page.fill("[name=address_district]", "เมืองเชียงราย")
    page.fill("[name=address_province]", "เชียงราย")
    page.fill("[name=address_postcode]", "57100")
    page.click("label[for=id_owner_0]")
    _continue(page)
    page.click("label[for=id_deed_type_0]")
    page.fill("[name=deed_number]", "12345")
    page.fill("[name=parcel_number]", "88")
    page.fill("[name=site_text]", "99 หมู่ 3 ถนนพหลโยธิน")
    page.set_input_files("input[name=deed_copy]", files=[_pdf("โฉนด.pdf")])
    _continue(page)
    page.fill("[name=building_type]", "อาคารคอนกรีตเสริมเหล็ก")
    page.fill("[name=use]", "ที่พักอาศัย")
    page.fill("[name=storeys]", "๒")  # Thai digits are accepted
    page.fill("[name=height]", "8.5")
    page.fill("[name=floor_area]", "180.5")
    _no_sideways_scroll(page)
    _continue(page)
    page.fill("[name=engineer_name]", "นายวิศวะ ก่อสร้าง")
    page.fill("[name=engineer_licence]", "ภ-ย 12345")
    page.click("label[for=id_engineer_level_0]")
    page.fill("[name=engineer_expiry]", "31/12/2573")
    page.fill("[name=supervisor_name]", "นายคุม งาน")
    page.fill("[name=supervisor_licence]", "ส-ย 777")
    _no_sideways_scroll(page)
    _continue(page)
    assert "50 MB" in page.content()  # the upload limit is said before the citizen tries
    page.set_input_files("input[name=plans]", files=[_pdf("แบบแปลน-1.pdf"), _pdf("แบบแปลน-2.pdf")])
    page.click("label[for=id_truthful]")
    _continue(page)
    assert "แบบแปลน-2.pdf" in page.content()
    page.click("form[method=post] button.button:not(.button--secondary)")
    page.wait_for_url(re.compile(r".*/e-service/done/.*"))
    case = Submission.objects.get()
    assert case.status == SubmissionStatus.AWAITING_PAYMENT
    assert case.answers["storeys"] == "2" and case.attachments.filter(field_key="plans").count() == 2
    tracking_url = base + case.get_absolute_url()
    page.goto(tracking_url)
    assert "90.50" in page.content()  # the plan-check fee: 181 m² × 0.50 baht
    _no_sideways_scroll(page)

    # --- The plan-check fee is paid: the 45 days start -------------------------------------------------------
    _pay_by_signed_notice(invoices(case)[0], "plan")
    case.refresh_from_db()
    assert case.status == SubmissionStatus.SUBMITTED and case.due_date is not None

    # --- The officer works the case ---------------------------------------------------------------------------
    officer_page = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900}).new_page()
    officer_page.set_default_timeout(20000)
    sign_in(officer_page, base, officer)
    case_url = f"{base}/admin/eservices/cases/{case.pk}/"
    officer_page.goto(case_url)
    assert "ตรวจใบอนุญาตผู้ออกแบบ (มาตรา 26)" in officer_page.content()
    officer_page.click("#action-accept button[type=submit]")
    officer_page.wait_for_selector("[data-status=in_review]")
    officer_page.fill("#bp-extend textarea[name=reasons]", "รอความเห็นแขวงทางหลวงเรื่องทางเชื่อม")
    officer_page.click("#bp-extend button[type=submit]")
    officer_page.wait_for_selector("text=ขยายระยะเวลาครั้งที่ 1")
    officer_page.fill("#bp-correction textarea[name=items]", "แก้ไขระยะร่นด้านหน้าให้ไม่น้อยกว่า 3 เมตร")
    officer_page.click("#bp-correction button[type=submit]")
    officer_page.wait_for_selector("#bp-corrected")
    officer_page.screenshot(path=str(tmp_path / "officer-case.png"), full_page=True)
    officer_page.click("#bp-corrected button[type=submit]")  # no date: the form comes back with the error
    officer_page.wait_for_selector("#bp-corrected .help-critical")
    today = timezone.localdate()
    officer_page.fill("#bp-corrected input[name=received_on]", thai.typed_date_text(today))
    officer_page.click("#bp-corrected button[type=submit]")
    officer_page.wait_for_selector("#bp-approve")
    officer_page.fill("#bp-approve textarea[name=conditions]", "ห้ามก่อสร้างล้ำแนวเขตทางสาธารณะ")
    officer_page.click("#bp-approve button[type=submit]")
    officer_page.wait_for_selector("[data-status=approved]")
    case.refresh_from_db()
    assert case.status == SubmissionStatus.APPROVED
    assert {EV_EXTENSION, EV_CORRECTION, EV_CORRECTED} <= set(case.status_changes.values_list("action", flat=True))
    assert not case.issued_documents.exists()

    # --- The permit fee is paid: the permit is issued and verifiable by its QR -----------------------------------
    _pay_by_signed_notice(invoices(case, "permit")[0], "permit")
    document = case.issued_documents.get()
    assert document.kind == DocumentKind.PERMIT
    page.goto(tracking_url)
    assert "ขยายระยะเวลาครั้งที่ 1" in page.content() and "ห้ามก่อสร้างล้ำแนวเขตทางสาธารณะ" in page.content()
    _no_sideways_scroll(page)
    page.screenshot(path=str(tmp_path / "tracking.png"), full_page=True)
    link = page.locator(f"a[href*='/documents/{document.pk}/']").first.get_attribute("href")
    pdf = page.request.get(base + link if link.startswith("/") else link).body()
    [verify_url] = decode_qr_codes(pdf, tmp_path)
    assert verify_url.endswith(f"/verify/{document.verification_code}/")
    page.goto(verify_url.replace("http://testserver", base) if verify_url.startswith("http://testserver")
              else verify_url)
    content = page.content()
    assert "ใบอนุญาตก่อสร้าง" in content and document.number in content and "ห้ามก่อสร้างล้ำแนวเขตทางสาธารณะ" in content
    _no_sideways_scroll(page)
    page.goto(base + "/registers/building_permit/")
    assert document.number in page.content() and "นางสมศรี" not in page.content()
    _no_sideways_scroll(page)
    page.screenshot(path=str(tmp_path / "register.png"), full_page=True)
    shots = os.environ.get("PERMITS_SHOTS")  # a folder where a developer wants the screenshots, to look at them
    if shots:
        for name in ("officer-case.png", "tracking.png", "register.png"):
            shutil.copy(tmp_path / name, shots)
