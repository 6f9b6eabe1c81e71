"""In a real browser, on a phone and on a desktop: the LGO administrator uploads the Garuda and sees it."""

from __future__ import annotations

import io
import os
import re

import pytest
from PIL import Image

from organizations.constants import Role
from tests.organizations.test_e2e_workflow import log_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [390, 1280])
def test_administrator_uploads_the_garuda_and_sees_it(page, live_server, transactional_db, org_a, make_officer,
                                                      tmp_path, width):
    admin = make_officer(org_a, Role.LGO_ADMIN, username="aaa-admin")
    garuda = tmp_path / "garuda.png"
    buffer = io.BytesIO()
    Image.new("RGB", (300, 360), "black").save(buffer, "PNG")
    garuda.write_bytes(buffer.getvalue())
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server, admin)
    page.goto(f"{live_server.url}/admin/lgo/profile/edit/{org_a.pk}/")
    field = page.locator("input[name=garuda]")
    assert "ตราครุฑ" in page.content()
    field.scroll_into_view_if_needed()
    box = field.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width  # on screen
    field.set_input_files(str(garuda))
    page.locator("form button[type=submit]").filter(has_text=re.compile("บันทึก")).first.click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/admin/lgo/profile/edit/{org_a.pk}/")
    preview = page.locator("img[src^='data:image/png;base64,']")
    preview.scroll_into_view_if_needed()
    assert preview.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll
    if os.environ.get("THONGTHIN_SCREENSHOTS"):
        page.screenshot(path=f"{os.environ['THONGTHIN_SCREENSHOTS']}/garuda-{width}.png", full_page=False)
