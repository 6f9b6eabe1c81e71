"""The go-live walk (issue 11, "Done when"): from an empty deployment with a superuser to a public LGO website with
its officers, 10 e-services from the library and its ITA items, entirely in the web admin, in a real browser.

Counts the screens opened and the form fields a person fills (typed text, chosen options, ticked boxes, files) and
prints them; the goal is fewer than 150 fields.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from PIL import Image as PILImage

from eservices.models import ServicePage
from home.models import TransparencyIndexPage, TransparencyItemPage
from organizations.models import Organization

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots" / "golive"
NEW_PASSWORD = "Kaew-Mangkorn-2570!"
SUBMIT = "form[method=post]:not([action*=logout]) button[type=submit]"
SERVICES = ("elderly-allowance", "disability-allowance", "official-information", "water-truck", "tree-cutting",
            "waste-collection", "complaint", "general-request", "signboard-tax", "street-vending")


class Walk:
    """Drives the browser like a person and counts what that person does."""

    def __init__(self, page, base: str) -> None:
        self.page, self.base, self.screens, self.fields = page, base, 0, 0
        self.visited: list[str] = []

    def screen(self, name: str) -> None:
        """A new screen is in front of the person: count it, check it fits a phone-width or desktop window."""
        self.page.wait_for_load_state("domcontentloaded")
        self.screens += 1
        self.visited.append(name)
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{self.screens:02d}-{name}.png"), full_page=True)
        overflow = self.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{name}: scrolls sideways by {overflow}px"

    def go(self, path: str, name: str) -> None:
        self.page.goto(path if path.startswith("http") else self.base + path)
        self.screen(name)

    def type(self, selector: str, value: str) -> None:
        self.page.fill(selector, value)
        self.fields += 1

    def choose(self, selector: str, value: str) -> None:
        self.page.select_option(selector, value)
        self.fields += 1

    def tick(self, selector: str, on: bool = True) -> None:
        self.page.set_checked(selector, on)
        self.fields += 1

    def upload(self, selector: str, files) -> None:
        self.page.set_input_files(selector, files=files)
        self.fields += 1

    def submit(self, selector: str, name: str) -> None:
        with self.page.expect_navigation():
            self.page.locator(selector).first.click()
        self.screen(name)


def _png(name: str) -> dict:
    buffer = io.BytesIO()
    PILImage.new("RGB", (120, 120), (0, 86, 63)).save(buffer, "PNG")
    return {"name": name, "mimeType": "image/png", "buffer": buffer.getvalue()}


@pytest.fixture
def thai_page(browser, tmp_path):
    """A desktop-width tab of a Chromium that has a Thai font (Sarabun from the PyPI font package), so that the
    screenshots can be read; the machine's own fonts may have no Thai glyphs at all."""
    import fontpkg_sarabun

    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{Path(fontpkg_sarabun.__file__).parent}</dir><cachedir>{tmp_path}/cache</cachedir></fontconfig>")
    import os

    chromium = browser.browser_type.launch(
        executable_path=_chromium(), headless=True,
        env={**os.environ, "FONTCONFIG_FILE": str(conf)},
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
              "--disable-sync", "--no-first-run", "--disable-quic"])
    context = chromium.new_context(locale="th-TH", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(20000)
    yield tab
    context.close()
    chromium.close()


def _chromium() -> str:
    from tests.conftest import _chromium_path

    return _chromium_path()


def test_from_empty_deployment_to_a_public_lgo_in_the_web_admin(thai_page, live_server, transactional_db):
    from tests.conftest import _wagtail_base_data

    page = thai_page
    _wagtail_base_data()
    get_user_model().objects.create_superuser("root", "root@example.com", "Root-Pass-2570!")
    port = live_server.url.rsplit(":", 1)[1]
    admin_base = f"http://127.0.0.1:{port}"
    site_base = f"http://localhost:{port}"  # the new LGO's own host name, unknown to the deployment until added
    walk = Walk(page, admin_base)

    # 1. The deployment administrator signs in and adds the LGO.
    walk.go("/admin/login/", "login")
    walk.type("#id_username", "root")
    walk.type("#id_password", "Root-Pass-2570!")
    walk.submit(SUBMIT, "dashboard-root")
    walk.go("/admin/lgo/add/", "add-lgo")
    walk.type("#id_name_th", "องค์การบริหารส่วนตำบลหนองแคเหนือ")
    walk.choose("#id_kind", "sao")
    walk.type("#id_code", "NKS")
    walk.type("#id_dla_code", "6570101")
    walk.type("#id_province", "ขอนแก่น")
    walk.type("#id_district", "เมืองขอนแก่น")
    walk.type("#id_hostname", "localhost")
    walk.type("#id_admin_first_name", "สมหญิง")
    walk.type("#id_admin_last_name", "ใจงาม")
    walk.type("#id_admin_username", "nks-admin")
    walk.tick("#id_default_services", False)  # this walk picks its services in the library instead
    walk.submit(SUBMIT, "lgo-added")
    password = page.locator("[data-password]").inner_text().strip()
    assert password

    # 2. The LGO's administrator signs in on the LGO's own address (served at once) and replaces the password.
    page.context.clear_cookies()
    walk.base = site_base
    walk.go("/admin/login/", "login-lgo")
    walk.type("#id_username", "nks-admin")
    walk.type("#id_password", password)
    walk.submit(SUBMIT, "change-password")
    assert page.url.endswith("/admin/lgo/password/")
    walk.type("#id_old_password", password)
    walk.type("#id_new_password1", NEW_PASSWORD)
    walk.type("#id_new_password2", NEW_PASSWORD)
    walk.submit(SUBMIT, "dashboard-checklist")
    assert page.locator("#first-run-checklist").count() == 1

    # 3. Profile and logo.
    page.locator("[data-step=profile] a").first.click()
    walk.screen("profile")
    walk.type("#id_address", "99 หมู่ 1 ตำบลหนองแคเหนือ")
    walk.type("#id_postcode", "40000")
    walk.type("#id_phone", "043 123 456")
    walk.type("#id_email", "saraban@nongkhaenuea.go.th")
    page.locator("[data-chooser-action-choose]:visible").first.click()
    page.locator("#tab-label-upload, a[href='#tab-upload']").first.click()
    walk.upload("#tab-upload input[type=file]", [_png("ตรา-อบต.png")])
    walk.type("#tab-upload input[name$=title]", "ตราองค์การบริหารส่วนตำบลหนองแคเหนือ")
    page.locator("#tab-upload form button[type=submit], #tab-upload form input[type=submit]").first.click()
    try:
        page.wait_for_selector(".modal", state="detached")
    except Exception:
        page.screenshot(path=str(SHOTS / "modal-failure.png"))
        (SHOTS / "modal-failure.html").write_text(page.locator(".modal").inner_html())
        raise
    walk.submit("footer .actions button[type=submit]", "profile-saved")
    organization = Organization.objects.get(code="NKS")
    assert organization.logo_id and organization.phone

    # 4. Executives on the personnel page.
    walk.go("/admin/", "dashboard")
    page.locator("[data-step=executives] a").first.click()
    walk.screen("personnel")
    for index, (name, position) in enumerate((("นายสมชาย ใจดี", "นายกองค์การบริหารส่วนตำบล"),
                                              ("นางสาวสมใจ รักงาน", "ปลัดองค์การบริหารส่วนตำบล"))):
        page.locator("#id_members-ADD").click()
        walk.choose(f"#id_members-{index}-group", "executive")
        walk.type(f"#id_members-{index}-name", name)
        walk.type(f"#id_members-{index}-position", position)
    page.locator("button[name=action-publish]").evaluate("button => button.click()")
    page.wait_for_load_state("domcontentloaded")
    walk.screen("personnel-published")

    # 5. Departments and holidays: reviewed as they are.
    walk.go("/admin/", "dashboard")
    for step in ("departments", "holidays"):
        walk.submit(f"[data-step={step}] form button", f"dashboard-{step}")

    # 6. Two officers.
    for username, role, department in (("nks-finance", "officer", "finance"), ("nks-pr", "pr_editor", "office")):
        walk.go(reverse("lgo_officers:add"), f"officer-{username}")
        walk.type("#id_username", username)
        walk.type("#id_first_name", "เจ้าหน้าที่")
        walk.type("#id_last_name", username.split("-")[1])
        walk.type("#id_password", f"Temp-{username}-2570!")
        walk.choose("#id_role", role)
        walk.choose("#id_department", str(organization.departments.get(code=department).pk))
        walk.submit("footer .actions button[type=submit]", f"officer-{username}-added")

    # 7. Ten services from the library, each in its preselected department, published in one step.
    walk.go("/admin/eservices/library/", "library")
    for key in SERVICES:
        walk.tick(f"#id_add-{key}")
    walk.submit(".library-actions button[type=submit]", "library-published")

    # 7b. Systems on or off: this LGO does not do e-correspondence on the platform yet.
    walk.go(reverse("lgo_modules"), "modules")
    walk.tick("input[name=modules][value=saraban]", on=False)
    walk.submit(".onboarding form button[type=submit]", "modules-saved")
    organization.refresh_from_db()
    assert not organization.uses("saraban") and organization.uses("wastefees")

    # 8. ITA items: created already; review what lacks evidence and confirm.
    walk.go("/admin/ita/", "ita-completeness")
    walk.submit("form[action*=checklist] button", "dashboard-ita")

    # 9. Look at the public website, then confirm.
    walk.go("/", "public-home")
    walk.go("/admin/", "dashboard")
    walk.submit("[data-step=publish] form button", "dashboard-done")
    assert page.locator("#first-run-checklist").count() == 0  # every step done: the checklist leaves the dashboard

    # The result: a public home page, a catalogue of 10 services whose forms open, an ITA list with every URL.
    home = organization.site.root_page
    services = ServicePage.objects.descendant_of(home).live()
    assert sorted(services.values_list("library_key", flat=True)) == sorted(SERVICES)
    citizen = Client(HTTP_HOST=f"localhost:{port}")
    assert citizen.get("/").status_code == 200
    catalogue = citizen.get("/e-service/").content.decode()
    for service in services:
        assert service.title in catalogue
        start = citizen.get(f"/e-service/{service.pk}/apply/", follow=True)
        assert start.status_code == 200 and "<form" in start.content.decode(), service.library_key
    index = TransparencyIndexPage.objects.child_of(home).get()
    items = TransparencyItemPage.objects.child_of(index).live()
    listing = citizen.get(index.url).content.decode()
    urls = re.findall(r'class="table__url">([^<]+)<', listing)
    assert len(urls) == items.count() >= 30
    print(f"\nGO-LIVE WALK: {walk.screens} screens, {walk.fields} form fields filled "
          f"({', '.join(walk.visited)})")
    assert walk.fields < 150

    # The same screens on a phone: nothing scrolls sideways (screenshots kept for reading).
    page.set_viewport_size({"width": 390, "height": 844})
    for name, path in (("library", "/admin/eservices/library/"), ("ita", "/admin/ita/"),
                       ("password", "/admin/lgo/password/"), ("catalogue", "/e-service/"),
                       ("statistics", f"{index.url}statistics/"), ("ita-public", index.url)):
        page.goto(site_base + path)
        page.screenshot(path=str(SHOTS / f"phone-{name}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 1, f"{name} scrolls sideways on a phone by {overflow}px"
