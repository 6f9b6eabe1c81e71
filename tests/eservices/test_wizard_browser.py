"""The wizard as a citizen sees it, on a phone and a desktop: an upload kept when another answer is wrong, and Back
after filing showing the case instead of "start again". Geometry is checked on each page (no sideways scroll,
inputs on screen). Set THONGTHIN_SCREENSHOTS=<dir> to keep a screenshot of each page."""

from __future__ import annotations

import re

import pytest

from eservices.models import Submission

from .browser_support import fill_first_two_steps, look
from .conftest import png_bytes
from .inbox_support import _fresh_cache  # noqa: F401  (autouse fixture)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_upload_kept_on_error_and_back_after_filing_shows_the_case(browser, live_server, service, width):
    page = browser.new_context(locale="th-TH", viewport={"width": width, "height": 900}).new_page()
    page.set_default_timeout(15000)
    page.goto(live_server.url + service.get_url_parts()[2])
    page.click("button.button--start")
    fill_first_two_steps(page, national_id="๑-๑๐๑๗-๐๐๒๓๐-๗๐-๘")
    # The file is fine, the declaration is not ticked: the file is kept and the page says so.
    page.set_input_files("input[name=house_registration]",
                         files=[{"name": "ทะเบียนบ้าน.png", "mimeType": "image/png", "buffer": png_bytes()}])
    page.click("button[name=continue]")
    assert page.title().startswith("ข้อผิดพลาด:")
    assert "ไม่ต้องเลือกใหม่" in page.inner_text("main") and "ทะเบียนบ้าน.png" in page.inner_text(".uploaded-files")
    look(page, "wizard-upload-kept")
    page.click("label[for=id_truthful]")
    page.click("button[name=continue]")
    page.wait_for_url(re.compile(r".*/apply/check/$"))
    assert "ทะเบียนบ้าน.png" in page.inner_text("main")
    page.click("form[method=post] button.button:not(.button--secondary)")
    page.wait_for_url(re.compile(r".*/e-service/done/.*"))
    case = Submission.objects.get()
    # Back goes to check-your-answers, which now shows the filed case instead of inviting a second filing.
    page.go_back()
    page.wait_for_url(re.compile(r".*/e-service/done/.*"))
    text = page.inner_text("main")
    assert f"ส่งคำขอแล้ว เลขที่ {case.reference}" in text and "หมดเวลา" not in text
    assert page.locator(f"a[href='{case.get_absolute_url()}']").count() >= 1
    look(page, "wizard-back-after-filing")
    assert Submission.objects.count() == 1
    page.context.close()
