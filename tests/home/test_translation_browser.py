"""The "งานแปล" screen as a PR editor sees it in a real browser, on a phone and a desktop: one translation still
missing a text, one finished and sent to the approvers with the screen's own button. Geometry is checked (no
sideways scroll, every control on screen); THONGTHIN_SCREENSHOTS=<dir> keeps a screenshot of each state."""

from __future__ import annotations

import pytest
from django.test import Client

from organizations.constants import Role
from tests.browser_support import sign_in
from tests.eservices.browser_support import look

from .test_translation_workflow import _start_translation, _translate_strings


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("width", [390, 1280])
def test_editor_sees_progress_and_sends_a_finished_translation(browser, live_server, site_a, make_officer, add_news,
                                                               width):
    editor = make_officer(site_a, Role.PR_EDITOR, username="editor")
    make_officer(site_a, Role.PR_APPROVER, username="approver")
    unfinished = add_news("ประกาศรับสมัครอาสาสมัครป้องกันภัย", summary="รับสมัครถึงสิ้นเดือน", slug="volunteers")
    finished = add_news("กำหนดการฉีดวัคซีนพิษสุนัขบ้า", summary="ฉีดฟรีทุกหมู่บ้าน", slug="rabies")
    client = Client()
    client.force_login(editor)
    english_unfinished = _start_translation(client, unfinished)
    _translate_strings(client, english_unfinished, leave=1)
    english_finished = _start_translation(client, finished)
    _translate_strings(client, english_finished)

    page = browser.new_context(locale="th-TH", viewport={"width": width, "height": 900}).new_page()
    page.set_default_timeout(20000)
    sign_in(page, live_server.url, editor)
    page.goto(live_server.url + "/admin/translations/")
    waiting = page.locator(f"li[data-page='{english_unfinished.pk}']")
    ready = page.locator(f"li[data-page='{english_finished.pk}']")
    assert "ยังต้องแปลอีก 1 ข้อความ" in waiting.inner_text()
    assert waiting.locator("button[type=submit]").count() == 0  # nothing to send while a text is missing
    assert ready.get_attribute("data-state") == "ready"
    look(page, "translations-before")

    ready.locator("button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(f"li[data-page='{english_finished.pk}']").get_attribute("data-state") == "awaiting"
    english_finished.refresh_from_db()
    assert english_finished.current_workflow_state is not None and not english_finished.live
    look(page, "translations-sent")
    page.context.close()
