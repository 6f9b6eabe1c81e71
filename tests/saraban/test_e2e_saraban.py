"""In a real browser: register an incoming PDF, route it, the head acknowledges and endorses, the register shows it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from saraban.models import Document
from tests.browser_support import sign_in


def log_in(page, live_server, user) -> None:
    page.context.clear_cookies()
    sign_in(page, live_server.url, user)


@pytest.mark.browser
def test_register_route_acknowledge_endorse(page, live_server, transactional_db, lgo, clerk, head, letter_pdf):
    subject = "ขอเชิญร่วมประชุมคณะกรรมการพัฒนาจังหวัด"
    log_in(page, live_server, clerk)
    page.goto(f"{live_server.url}/admin/saraban/incoming/new/")
    page.set_input_files("#id_pdf", files=[{"name": "letter.pdf", "mimeType": "application/pdf",
                                            "buffer": letter_pdf}])
    page.fill("#id_reference_number", "ชร 0017.2/ว 4567")
    page.fill("#id_dated", "2026-11-20")
    page.fill("#id_sender", "ศาลากลางจังหวัดเชียงราย")
    page.fill("#id_subject", subject)
    page.select_option("#id_urgency", "urgent")
    page.get_by_role("button", name="ลงรับและออกเลขรับ").click()
    page.wait_for_url(re.compile(r"/admin/saraban/documents/\d+/$"))
    expect(page.get_by_text("ลงรับแล้ว เลขรับที่ 1/").first).to_be_visible()
    expect(page.get_by_role("link", name="PDF ประทับตรารับ").first).to_be_visible()

    page.get_by_text("ส่งต่อถึงกองหรือเจ้าหน้าที่").click()
    page.get_by_label("กองคลัง").check()
    page.get_by_label("เพื่อพิจารณา").check()
    page.get_by_role("button", name="ส่ง", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/saraban/documents/\d+/$"))
    expect(page.get_by_text("ส่งต่อหนังสือแล้ว").first).to_be_visible()

    log_in(page, live_server, head)
    page.goto(f"{live_server.url}/admin/saraban/")
    page.get_by_role("link", name=subject).click()
    page.get_by_role("button", name="รับทราบ", exact=True).click()
    expect(page.get_by_text("บันทึกการรับทราบแล้ว").first).to_be_visible()
    page.get_by_label("สั่งการ", exact=True).check()
    page.fill("#id_text", "มอบฝ่ายงบประมาณเข้าร่วมประชุมแทน")
    page.get_by_role("button", name="บันทึกเกษียน/สั่งการ").click()
    expect(page.get_by_text("มอบฝ่ายงบประมาณเข้าร่วมประชุมแทน").first).to_be_visible()

    page.goto(f"{live_server.url}/admin/saraban/registers/incoming/")
    row = page.locator("table.listing tbody tr", has_text=subject)
    expect(row).to_have_count(1)
    assert "ชร 0017.2/ว 4567" in row.inner_text() and "มอบฝ่ายงบประมาณ" in row.inner_text()

    document = Document.objects.get(subject=subject)
    routing = document.routings.get()
    assert routing.acknowledged_by == head and document.endorsements.get().author == head


@pytest.mark.browser
def test_changed_pages_fit_a_phone(page, live_server, transactional_db, lgo, clerk, officer, incoming):
    """Desk (with the secrecy mark), search with its register column, a document with history: on a 390 px phone the
    page never scrolls sideways (a wide register scrolls inside its table) and every form input is on screen."""
    from saraban import services
    from saraban.constants import Secrecy

    finance = lgo.departments.get(code="finance")
    document = incoming(subject="ขอเชิญประชุมคณะกรรมการพัฒนาท้องถิ่น ประจำปี 2570")
    hidden = incoming(subject="รายงานผลการสอบสวนข้อเท็จจริงกรณีร้องเรียน", secrecy=Secrecy.SECRET)
    for routed in (document, hidden):
        services.route(document=routed, user=clerk, departments=[finance])
    log_in(page, live_server, officer)
    for path in ("/admin/saraban/", f"/admin/saraban/search/?q={document.register_label}",
                 f"/admin/saraban/documents/{document.pk}/"):
        page.goto(f"{live_server.url}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        # Inputs of the page's forms (those in a routing row's last cell scroll into view with their table).
        fields = page.locator("main form:not(table form) input:visible, main form:not(table form) select:visible")
        assert "search" not in path or fields.count() >= 5  # the check sees the search form's fields
        for box in [field.bounding_box() for field in fields.all()]:
            assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (path, box)
        assert hidden.subject not in page.content()
    expect(page.get_by_text("เปลี่ยนสถานะ: ลงรับแล้ว → ระหว่างดำเนินการ")).to_be_visible()
    page.goto(f"{live_server.url}/admin/saraban/search/?q={document.register_label}")
    expect(page.locator("table.listing tbody tr", has_text=document.subject).locator("td").first).to_have_text("รับ")
