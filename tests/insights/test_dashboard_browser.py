"""The executive dashboard in Chromium at phone width and on a desktop: every chart drawn, nothing wider than the
screen (tables scroll inside their own box), BE months; screenshots kept in var/screenshots/ for a look."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from core.insights import dashboard_panels
from organizations.constants import Role
from tests.browser_support import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGE_WIDTH_JS = r"""
() => {
  const width = window.innerWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width + 1)
    problems.push(`page is ${document.documentElement.scrollWidth}px wide on a ${width}px screen`);
  for (const svg of document.querySelectorAll('svg.insights-chart')) {
    const r = svg.getBoundingClientRect();
    if (r.right > width + 0.5 || r.width < 200) problems.push(`chart ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  for (const box of document.querySelectorAll('.insights-table')) {
    const r = box.getBoundingClientRect();
    if (r.right > width + 0.5) problems.push(`table box reaches ${Math.round(r.right)}px`);
  }
  return problems;
}
"""


def test_dashboard_fits_a_phone_and_a_desktop(browser, live_server, org_a, make_officer, make_service, file_case):
    water = make_service("ขอรถบรรทุกน้ำและบริการสาธารณะอื่น ๆ ที่มีชื่อยาวมาก")
    for _ in range(3):
        file_case(water)
    executive = make_officer(org_a, Role.EXECUTIVE, username="exec-browser")
    shots = Path(settings.BASE_DIR) / "var" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for width, height, name in ((390, 844, "phone"), (1366, 900, "desktop")):
        context = browser.new_context(locale="th-TH", viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(20000)
        sign_in(page, live_server.url, executive)
        page.goto(live_server.url + "/admin/dashboard/")
        for panel in dashboard_panels:
            assert page.locator(f"#panel-{panel.key}").count() == 1, panel.key
        assert page.locator("svg.insights-chart").count() >= 3
        assert page.evaluate(PAGE_WIDTH_JS) == [], name
        text = page.inner_text("main")
        assert re.search(r"25\d\d", text)  # Buddhist-era years
        page.screenshot(path=str(shots / f"dashboard-{name}.png"), full_page=True)
        context.close()


def _screens(browser, live_server, path: str, name: str, user=None) -> None:
    shots = Path(settings.BASE_DIR) / "var" / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for width, height, size in ((390, 844, "phone"), (1366, 900, "desktop")):
        context = browser.new_context(locale="th-TH", viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(20000)
        if user is not None:
            sign_in(page, live_server.url, user, password="pw-Thongthin-1")
        page.goto(live_server.url + path)
        assert page.evaluate(PAGE_WIDTH_JS) == [], f"{name} {size}"
        page.screenshot(path=str(shots / f"{name}-{size}.png"), full_page=True)
        context.close()


def test_province_view_and_open_data_fit_a_phone(browser, live_server, org_a, django_user_model, make_service):
    from insights.imports import import_registry, parse_registry
    from organizations.services import appoint_province_administrator

    make_service("ขอรถบรรทุกน้ำ")
    csv_text = "dla_code,name_th,kind,province,district\n" + "".join(
        f"{5700001 + n:07d},องค์การบริหารส่วนตำบลตัวอย่างที่มีชื่อยาว{n},อบต.,เชียงราย,อำเภอเมืองเชียงราย\n"
        for n in range(12))
    import_registry(parse_registry(csv_text.encode()))
    user = django_user_model.objects.create_user("cr-browser", password="pw-Thongthin-1")
    appoint_province_administrator(user=user, province="เชียงราย")
    _screens(browser, live_server, "/admin/province/เชียงราย/", "province", user)
    _screens(browser, live_server, "/open-data/", "open-data")
