"""Assisted filing at the counter, as an officer in a real browser: the same form as online, marked "ยื่นที่จุดบริการ",
filed into the same inbox and counted in the same figures. Geometry checked on each page (phone and desktop).
Set THONGTHIN_SCREENSHOTS=<dir> to keep a screenshot of each page."""

from __future__ import annotations

import re

import pytest

from eservices.constants import FilingChannel
from eservices.models import Submission
from organizations.constants import Role
from outreach.models import ChannelCount
from tests.browser_support import sign_in
from tests.eservices.browser_support import fill_first_two_steps, look
from tests.eservices.conftest import png_bytes


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_officer_files_at_the_counter_with_the_same_form(browser, live_server, service, org_a, make_officer, width):
    officer = make_officer(org_a, Role.OFFICER, username="counter", department="office")
    page = browser.new_context(locale="th-TH", viewport={"width": width, "height": 900}).new_page()
    page.set_default_timeout(20000)
    sign_in(page, live_server.url, officer)
    page.goto(live_server.url + "/admin/outreach/counter/")
    assert "ยื่นคำขอที่จุดบริการ" in page.inner_text("main")
    look(page, "outreach-counter")
    page.click(f"form:has(input[name=service][value='{service.pk}']) button[type=submit]")
    page.wait_for_url(re.compile(r".*/apply/step/1/$"))
    assert "ยื่นที่จุดบริการ" in page.inner_text(".counter-banner")
    look(page, "outreach-counter-step")
    fill_first_two_steps(page, national_id="1-1017-00230-70-8")
    page.set_input_files("input[name=house_registration]",
                         files=[{"name": "ทะเบียนบ้าน.png", "mimeType": "image/png", "buffer": png_bytes()}])
    page.click("label[for=id_truthful]")
    page.click("button[name=continue]")
    page.wait_for_url(re.compile(r".*/apply/check/$"))
    assert "ยื่นที่จุดบริการ" in page.inner_text(".counter-banner")
    page.click("form[method=post] button.button:not(.button--secondary)")
    page.wait_for_url(re.compile(r".*/e-service/done/.*"))
    case = Submission.objects.get()
    assert case.channel == FilingChannel.COUNTER and case.applicant_name == "นางสมศรี มีสุข"
    assert case.status_changes.get().actor_id == officer.pk  # the officer who filed is on record
    # One inbox: the case is there, marked as filed at the counter.
    page.goto(live_server.url + "/admin/eservices/cases/")
    row = page.locator(f"tr:has(a[data-reference='{case.reference}'])")
    assert "ยื่นที่จุดบริการ" in row.inner_text()
    page.click(f"a[data-reference='{case.reference}']")
    assert "ยื่นที่จุดบริการ" in page.inner_text("[data-channel=counter]")
    # One set of figures.
    assert ChannelCount.objects.get(service=service, channel=FilingChannel.COUNTER).filings == 1
    page.context.close()
