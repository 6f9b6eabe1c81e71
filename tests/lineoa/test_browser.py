"""The screens this work adds, in Chromium on a 390 px phone and on a desktop: the tracking page's "updates on LINE"
link, the Open311 key screen and the LINE settings screen. No sideways scroll, every control on screen; the
screenshots go to $SCREENSHOT_DIR (default: the test's tmp dir) for a person to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from complaints.services import file_report
from lineoa.services import save_settings
from open311.services import issue_key
from organizations.constants import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}

GEOMETRY_JS = r"""
() => {
  const problems = [];
  const width = window.innerWidth;
  if (document.documentElement.scrollWidth > width + 1) {
    problems.push(`page is ${document.documentElement.scrollWidth}px wide on a ${width}px screen`);
  }
  const main = document.querySelector('main') || document.body;
  const items = 'a.button, input:not([type=hidden]), button, select, textarea, code';
  for (const el of main.querySelectorAll(items)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.left < -0.5 || r.right > width + 0.5) {
      problems.push(`${el.name || el.textContent.trim()} spans ${r.left}..${r.right}`);
    }
  }
  return problems;
}
"""


def _look(page, url: str, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("SCREENSHOT_DIR") or tmp_path)
    for size_name, size in SIZES.items():
        page.set_viewport_size(size)
        page.goto(url)
        assert page.evaluate(GEOMETRY_JS) == [], f"{name} at {size_name}"
        page.screenshot(path=str(folder / f"{name}-{size_name}.png"), full_page=True)


def test_tracking_page_link_and_admin_screens_fit_a_phone(page, live_server, org_a, make_officer, tmp_path):
    save_settings(organization=org_a, enabled=True, basic_id="@nkw", channel_secret="s" * 32, access_token="t")
    issue_key(organization=org_a, client_name="แอปแจ้งเหตุจังหวัด")
    report = file_report(organization=org_a, category=org_a.complaint_categories.get(code="water"),
                         description="น้ำประปาไม่ไหลทั้งซอย", idempotency_key="browser-1", name="สมหญิง รักดี",
                         email="somying@example.com")
    _look(page, live_server.url + report.submission.get_absolute_url(), "tracking", tmp_path)
    link = page.get_by_role("link", name="รับแจ้งความคืบหน้าทาง LINE")
    assert link.get_attribute("href").startswith("https://line.me/R/oaMessage/%40nkw/?")

    admin = make_officer(org_a, Role.LGO_ADMIN, username="nkw-boss")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "nkw-boss")
    page.fill("input[name=password]", admin.plain_password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    _look(page, f"{live_server.url}/admin/open311/keys/", "open311-keys", tmp_path)
    page.fill("input[name=client_name]", "ศูนย์ดำรงธรรม")
    page.click("main button[type=submit]")
    assert page.locator("#new-key").inner_text().strip()
    assert page.evaluate(GEOMETRY_JS) == []
    _look(page, f"{live_server.url}/admin/line/", "line-settings", tmp_path)
    assert "/line/webhook/" in page.content()
