"""The whole complaint journey in a real browser on a phone: a citizen reports with a photo and their current
location, sees the "already reported?" hint and sends anyway; an officer forwards the report to the right department
and marks it fixed with a photo after; the citizen rates it; a second (earlier) report is reopened by its citizen;
the public board and map show both, without personal data. Geometry is checked on every citizen page.

The test measures what a report costs the citizen (taps and seconds from opening the form to the confirmation);
the closing note of issue 13 reports the figures it prints. Set THONGTHIN_SCREENSHOTS=<dir> to keep screenshots.
"""

from __future__ import annotations

import os
import re
import time

import pytest

from complaints import services
from complaints.constants import ReportStatus
from complaints.models import Category, Report
from organizations.constants import Role
from tests.eservices.inbox_support import grant_admin_access
from tests.eservices.test_phone_geometry import GEOMETRY_JS

from .conftest import jpeg

PHONE = {"width": 390, "height": 844}
HOME = (19.910612, 99.840737)  # off the ~50 m grid, so the exact point must not appear in public


def _look(page, name: str) -> None:
    assert page.evaluate(GEOMETRY_JS) == [], name
    folder = os.environ.get("THONGTHIN_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"complaints-{name}-{page.viewport_size['width']}.png"),
                        full_page=True)


def _photo(colour) -> dict:
    upload = jpeg(gps=None, colour=colour, size=(1600, 1200))
    return {"name": "ไฟดับ.jpg", "mimeType": "image/jpeg", "buffer": upload.read()}


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_report_route_fix_rate_reopen_and_the_public_board(browser, live_server, org_a, make_officer):
    base = live_server.url
    lights = Category.objects.for_organization(org_a).get(code="lights")
    admin = make_officer(org_a, Role.LGO_ADMIN, username="nkw-admin-test")
    engineer = make_officer(org_a, Role.OFFICER, username="somchai-engineer", department="engineering")
    grant_admin_access(admin)
    grant_admin_access(engineer)
    # An earlier open report of the same topic 40 m away (the hint), and an earlier one already fixed (reopened).
    earlier = services.file_report(
        organization=org_a, category=lights, description="ไฟดับหน้าวัด", idempotency_key="earlier",
        latitude=HOME[0] + 0.0004, longitude=HOME[1], name="นายบุญมา ใจดี", phone="0891112222")
    second = services.file_report(
        organization=org_a, category=Category.objects.for_organization(org_a).get(code="water"),
        description="ท่อประปาแตกหน้าตลาด", idempotency_key="second", latitude=HOME[0] - 0.003,
        longitude=HOME[1] + 0.002, name="นางกาญจนา แก้วมณี", phone="0623334444", email="kanchana@example.com")
    services.mark_done(report=second, actor=admin, note="ซ่อมท่อแล้ว")

    context = browser.new_context(locale="th-TH", viewport=PHONE, geolocation={"latitude": HOME[0],
                                                                             "longitude": HOME[1]},
                                  permissions=["geolocation"], has_touch=True, is_mobile=True)
    context.route(re.compile(r"https?://[a-z]\.?tile\.openstreetmap\.org/.*"), lambda route: route.abort())
    context.route(re.compile(r"https?://tile\.openstreetmap\.org/.*"), lambda route: route.abort())
    page = context.new_page()
    page.set_default_timeout(15000)

    # --- The citizen reports: topic, photo, current location, description, contact -------------------------------
    started = time.monotonic()
    page.goto(base + "/complaints/new/")
    _look(page, "form")
    taps = 0
    page.click(f"label[for=id_category_{list(Category.objects.for_organization(org_a).active()).index(lights)}]")
    taps += 1
    page.set_input_files("input[name=photos]", files=[_photo((20, 20, 60))])
    taps += 2  # the file field and the photo picked from the gallery
    page.click("[data-locate-button]")
    taps += 1
    page.wait_for_selector("[data-locate-status]:has-text('ระบุตำแหน่งแล้ว')")
    page.fill("[name=description]", "ไฟถนนดับ 3 ต้น")
    page.fill("[name=name]", "นางสมศรี มีสุข")
    page.fill("[name=phone]", "0812345678")
    page.fill("[name=email]", "somsri@example.com")
    taps += 4  # one tap into each text field (typing is counted in seconds, not taps)
    page.click("form#report-form button[type=submit]")
    taps += 1
    # --- "Already reported?": the earlier open report 40 m away is offered; the citizen sends theirs anyway --------
    page.wait_for_selector("[data-nearby]")
    hint = page.inner_text("main")
    assert "มีผู้แจ้งแล้วหรือยัง" in hint and "ไฟดับหน้าวัด" in hint and "นายบุญมา" not in hint
    _look(page, "nearby")
    page.click("text=ส่งเรื่องของฉัน")
    taps += 1
    page.wait_for_url(re.compile(r".*/complaints/r/.+/$"))
    seconds = time.monotonic() - started
    report = Report.objects.exclude(pk__in=[earlier.pk, second.pk]).get()
    assert report.reference in page.inner_text("main")
    assert (float(report.latitude), float(report.longitude)) == pytest.approx(HOME, abs=1e-6)
    assert report.photos.filter(kind="before").count() == 1
    _look(page, "status-new")
    status_url = page.url
    print(f"\nA report cost the citizen {taps} taps and {seconds:.1f} s (phone viewport, with the duplicate hint)")

    # --- The officer forwards it to the engineering division, which marks it fixed with a photo after --------------
    officer = browser.new_context(locale="th-TH", viewport={"width": 1280, "height": 900}).new_page()
    officer.set_default_timeout(15000)

    def sign_in(user):
        officer.context.clear_cookies()
        officer.goto(base + "/admin/login/")
        officer.fill("#id_username", user.username)
        officer.fill("#id_password", user.plain_password)
        officer.click("form.login-form button[type=submit]")
        officer.wait_for_url(re.compile(r".*/admin/$"))

    sign_in(admin)
    officer.goto(base + "/admin/complaints/")
    officer.click(f"text={report.reference}")
    officer.select_option("form:has(input[value=forward]) select[name=department]",
                          str(org_a.departments.get(code="health").pk))
    officer.click("form:has(input[value=forward]) button[type=submit]")
    officer.wait_for_selector(".messages")
    officer.select_option("form:has(input[value=forward]) select[name=department]",
                          str(org_a.departments.get(code="engineering").pk))
    officer.fill("form:has(input[value=forward]) textarea[name=note]", "เป็นงานไฟฟ้าสาธารณะ")
    officer.click("form:has(input[value=forward]) button[type=submit]")
    officer.wait_for_selector(".messages")
    report.refresh_from_db()
    assert report.department.code == "engineering" and report.submission.department.code == "engineering"
    sign_in(engineer)
    officer.goto(base + f"/admin/complaints/{report.pk}/")
    assert "นางสมศรี มีสุข" in officer.content()
    officer.fill("form:has(input[value=done]) textarea[name=note]", "เปลี่ยนหลอดไฟ LED แล้ว")
    officer.set_input_files("form:has(input[value=done]) input[name=photos]", files=[_photo((250, 230, 90))])
    officer.click("form:has(input[value=done]) button[type=submit]")
    officer.wait_for_selector("[data-status=done]")
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.photos.filter(kind="after").count() == 1

    # --- The citizen sees the photo after on the timeline and rates the fix --------------------------------------
    page.goto(status_url)
    text = page.inner_text("main")
    assert "ภาพหลังแก้ไข" in text and "เปลี่ยนหลอดไฟ LED แล้ว" in text
    _look(page, "status-done")
    page.click("label[for=id_rating_0]")  # 5 stars
    page.fill("[name=comment]", "รวดเร็วมาก")
    page.click("form[action$='/rate/'] button[type=submit]")
    page.wait_for_selector("text=ขอบคุณที่ให้คะแนน")
    report.refresh_from_db()
    assert report.rating == 5

    # --- The second report's citizen reopens it: not fixed after all ---------------------------------------------
    page.goto(base + second.get_absolute_url())
    page.click("summary:has-text('เปิดเรื่องอีกครั้ง')")
    page.fill("form[action$='/reopen/'] textarea[name=note]", "ยังรั่วอยู่")
    page.click("form[action$='/reopen/'] button[type=submit]")
    page.wait_for_selector("text=เปิดเรื่องอีกครั้งแล้ว")
    second.refresh_from_db()
    assert second.status == ReportStatus.IN_PROGRESS and second.reopen_count == 1

    # --- The public board and its map show both, with no personal data -------------------------------------------
    page.goto(base + "/complaints/")
    page.wait_for_selector("[data-board-map] .leaflet-interactive")
    board = page.content()
    for shown in ("ไฟถนนดับ 3 ต้น", "ท่อประปาแตกหน้าตลาด"):
        assert shown in board
    for private in ("นางสมศรี", "0812345678", "somsri@example.com", "กาญจนา", "0623334444", "kanchana@",
                    str(report.latitude), report.submission.tracking_token, second.submission.tracking_token):
        assert private not in board, private
    markers = page.locator("[data-board-map] .leaflet-interactive").count()
    assert markers == 3  # the new report, the earlier one and the reopened one
    assert "เปิดเรื่องใหม่" in page.inner_text("table")
    _look(page, "board")
    page.goto(base + report.get_public_url())
    assert "นางสมศรี" not in page.content() and "รวดเร็วมาก" not in page.content()
    _look(page, "detail")
    context.close()
    officer.context.close()
