"""What the browser tests of the citizen wizard share: the geometry look at a page, and filling the demo water
service's first two steps (the fixture `service`), so the online and counter tests walk the very same form."""

from __future__ import annotations

import os

from .test_phone_geometry import GEOMETRY_JS

APPLICANT = {"applicant_name": "นางสมศรี มีสุข", "phone": "081-234-5678", "address_line": "12 หมู่ 3",
             "address_subdistrict": "ริมกก", "address_district": "เมืองเชียงราย", "address_province": "เชียงราย",
             "address_postcode": "57100"}


def look(page, name: str) -> None:
    """No sideways scroll and every input on screen; a screenshot in THONGTHIN_SCREENSHOTS=<dir> when set."""
    assert page.evaluate(GEOMETRY_JS) == [], name
    folder = os.environ.get("THONGTHIN_SCREENSHOTS")
    if folder:
        width = page.viewport_size["width"]
        page.screenshot(path=os.path.join(folder, f"{name}-{width}.png"), full_page=True)


def fill_first_two_steps(page, national_id: str) -> None:
    """The applicant step (national ID as typed: Thai digits and dashes allowed), then the need step."""
    for name, value in {**APPLICANT, "national_id": national_id}.items():
        page.fill(f"[name={name}]", value)
    page.click("button[name=continue]")
    page.click("label[for=id_need_0]")
    page.fill("[name=litres]", "2000")
    page.click("button[name=continue]")
