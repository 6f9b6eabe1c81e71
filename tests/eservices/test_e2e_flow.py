"""The whole journey in a real browser: a citizen files a multi-step request with an upload; an officer finds it in
the Wagtail inbox and asks for more information; the citizen answers on the tracking page with a file; the officer
approves; the tracking page shows every step."""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from eservices.constants import SubmissionStatus
from eservices.models import Submission
from organizations.constants import Role
from tests.browser_support import sign_in

from .conftest import png_bytes
from .inbox_support import _fresh_cache, grant_admin_access  # noqa: F401  (autouse fixture)


def _png(name: str) -> dict:
    return {"name": name, "mimeType": "image/png", "buffer": png_bytes()}


def _continue(page) -> None:
    page.click("button[name=continue]")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_citizen_files_officer_requests_information_citizen_answers_officer_approves(
    page, browser, live_server, service, org_a, make_officer,
):
    base = live_server.url
    officer = make_officer(org_a, Role.OFFICER, username="somchai", department="office")
    grant_admin_access(officer)

    # --- The citizen files the request (4 steps, one upload) --------------------------------------------------
    page.goto(base + service.get_url_parts()[2])
    page.click("button.button--start")
    page.fill("[name=applicant_name]", "นางสมศรี มีสุข")
    page.fill("[name=national_id]", "1-1017-00230-70-8")
    page.fill("[name=phone]", "081-234-5678")
    page.fill("[name=email]", "somsri@example.com")
    page.fill("[name=address_line]", "12 หมู่ 3")
    page.fill("[name=address_subdistrict]", "ริมกก")
    page.fill("[name=address_district]", "เมืองเชียงราย")
    page.fill("[name=address_province]", "เชียงราย")
    page.fill("[name=address_postcode]", "57100")
    _continue(page)
    page.click("label[for=id_need_0]")  # styled radios: the label is what people click
    page.fill("[name=litres]", "2000")
    _continue(page)
    page.set_input_files("input[name=house_registration]", files=[_png("ทะเบียนบ้าน.png")])
    page.fill("[name=place_text]", "หน้าบ้าน")
    page.click("label[for=id_truthful]")
    _continue(page)
    assert "ทะเบียนบ้าน.png" in page.content()
    page.click("form[method=post] button.button:not(.button--secondary)")
    page.wait_for_url(re.compile(r".*/e-service/done/.*"))
    case = Submission.objects.get()
    assert case.reference in page.content()
    tracking_url = base + case.get_absolute_url()

    # --- The officer signs in, finds it in the inbox and asks for more information ----------------------------
    officer_page = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900}).new_page()
    officer_page.set_default_timeout(15000)
    sign_in(officer_page, base, officer)
    assert "eservices-panel-heading" in officer_page.content()  # the dashboard panel
    officer_page.goto(base + "/admin/eservices/cases/")
    officer_page.fill("input[name=q]", case.reference)
    officer_page.click(".eservices-filters__actions button[type=submit]")
    officer_page.wait_for_url(re.compile(r".*[?&]q=.*"))
    officer_page.click(f"a[data-reference='{case.reference}']")
    officer_page.wait_for_url(re.compile(rf".*/admin/eservices/cases/{case.pk}/$"))
    assert "นางสมศรี มีสุข" in officer_page.content()
    officer_page.fill("#action-request-information textarea[name=items]",
                      "สำเนาบัตรประจำตัวประชาชนที่ลงลายมือชื่อรับรองสำเนา")
    officer_page.click("#action-request-information button[type=submit]")
    officer_page.wait_for_selector("text=สำเนาบัตรประจำตัวประชาชนที่ลงลายมือชื่อรับรองสำเนา")
    case.refresh_from_db()
    assert case.status == SubmissionStatus.INFO_REQUESTED

    # --- The citizen answers on the tracking page, with a file ------------------------------------------------
    page.goto(tracking_url)
    assert "สำเนาบัตรประจำตัวประชาชนที่ลงลายมือชื่อรับรองสำเนา" in page.content()
    page.fill("textarea[name=text]", "แนบสำเนาบัตรแล้วค่ะ")
    page.set_input_files("input[name=files]", files=[_png("บัตรประชาชน.png")])
    page.click("form[action$='/answer/'] button[type=submit]")
    page.wait_for_selector("text=แนบสำเนาบัตรแล้วค่ะ")
    case.refresh_from_db()
    assert case.status == SubmissionStatus.IN_REVIEW

    # --- The officer sees the answer and approves ---------------------------------------------------------------
    officer_page.reload(wait_until="load")
    assert "แนบสำเนาบัตรแล้วค่ะ" in officer_page.content()
    assert "บัตรประชาชน.png" in officer_page.content()
    officer_page.fill("#action-approve textarea[name=note]", "อนุมัติตามคำขอ")
    officer_page.click("#action-approve button[type=submit]")
    officer_page.wait_for_selector("[data-status=approved]")
    case.refresh_from_db()
    assert case.status == SubmissionStatus.APPROVED

    # --- The tracking page shows every step ---------------------------------------------------------------------
    page.goto(tracking_url)
    timeline = page.inner_text("ol.timeline")
    with translation.override("th"):
        expected = [gettext("Request received"), str(SubmissionStatus.INFO_REQUESTED.label), "แนบสำเนาบัตรแล้วค่ะ",
                    str(SubmissionStatus.IN_REVIEW.label), str(SubmissionStatus.APPROVED.label), "อนุมัติตามคำขอ"]
    assert expected[0] != "Request received"
    positions = [timeline.find(text) for text in expected]
    assert all(p >= 0 for p in positions), (expected, timeline)
    received, requested, answer, back_in_review, approved, note = positions
    assert received < requested < min(answer, back_in_review)  # the answer and the resumed review share a moment
    assert max(answer, back_in_review) < approved < note
