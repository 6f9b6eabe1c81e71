"""Citizens find the services (issue 11 item 6) on an LGO made by create_organization, not only the demo: the main
menu reaches the catalogue, tracking, fee payment and complaints; the home page links to all services; search
finds what people type ("ค่าขยะ", "ไฟถนน"…), through synonyms editors can extend, and the non-page features."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from home.models import SearchSynonym

pytestmark = pytest.mark.django_db


@pytest.fixture
def lgo(org_a):
    """A new LGO's site with a catalogue of two standard services, published from the service library."""
    from eservices import library
    from eservices.library import services as library_services

    departments = list(org_a.departments.all())
    library_services.add_from_library(organization=org_a, choices=[
        (key, library_services.default_department(org_a, library.get(key), departments))
        for key in ("complaint", "waste-collection")])
    return org_a


def _menu(html: str) -> list[tuple[str, str]]:
    menu = html[html.index('<ul class="menu">'):]
    menu = menu[:menu.index("</ul>")]
    return [(href, re.sub(r"<[^>]+>", "", text).strip()) for href, text in re.findall(r'href="([^"]+)"[^>]*>(.*?)</a>',
                                                                                        menu, re.S)]


def test_main_menu_reaches_catalogue_tracking_fee_payment_and_complaints(client, lgo):
    items = dict(_menu(client.get("/").content.decode()))
    assert items["/e-service/"] == "บริการทั้งหมด"
    assert items[reverse("eservices:track")] == "ติดตามคำขอ"
    assert items[reverse("wastefees:lookup")] == "ชำระค่าธรรมเนียม"
    assert items["/e-service/complaint/"] == "ร้องเรียน/แจ้งเหตุ"
    # The same menu on a page outside the tree.
    assert dict(_menu(client.get(reverse("eservices:track")).content.decode())) == items


def test_home_page_links_to_all_services(client, lgo):
    html = client.get("/").content.decode()
    assert re.search(r'<a class="[^"]*" href="/e-service/">บริการทั้งหมด</a>', html)


@pytest.mark.parametrize("query, expected", [
    ("ค่าขยะ", ["ชำระค่าธรรมเนียม", "ขอรับบริการเก็บขนขยะมูลฝอย"]),
    ("ชำระค่าขยะ", ["ชำระค่าธรรมเนียม", "ขอรับบริการเก็บขนขยะมูลฝอย"]),
    ("ไฟถนน", ["ร้องเรียน/แจ้งเหตุ"]),
    ("ไฟฟ้าส่องสว่าง", ["ร้องเรียน/แจ้งเหตุ"]),
    ("ติดตามคำขอ", ["ติดตามคำขอ"]),
])
def test_search_finds_what_citizens_type(client, lgo, query, expected):
    text = re.sub(r"<[^>]+>", " ", client.get("/search/", {"q": query}).content.decode())
    for title in expected:
        assert title in text, (query, title)
    assert "ไม่พบ" not in text


def test_editors_extend_the_synonyms_of_their_lgo(client, lgo, org_b):
    url = "/search/"
    assert "ขอรับบริการเก็บขนขยะมูลฝอย" not in client.get(url, {"q": "ถังหมัก"}).content.decode()
    SearchSynonym.objects.create(organization=lgo, words="ถังหมัก\nเก็บขนขยะ")
    assert "ขอรับบริการเก็บขนขยะมูลฝอย" in client.get(url, {"q": "ถังหมัก"}).content.decode()
    SearchSynonym.objects.create(organization=org_b, words="กระถาง, เก็บขนขยะ")  # another LGO's words
    assert "ขอรับบริการเก็บขนขยะมูลฝอย" not in client.get(url, {"q": "กระถาง"}).content.decode()
