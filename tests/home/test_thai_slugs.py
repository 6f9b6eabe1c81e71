"""Thai page addresses keep their vowel and tone marks: made from the title, typed in the admin, and served."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from core.slugs import slugify_thai
from home.models import StandardPage
from organizations.constants import Role

pytestmark = pytest.mark.django_db

WATER = "ขอรับน้ำอุปโภคบริโภค"


@pytest.mark.parametrize(("title", "slug"), [
    (WATER, WATER),
    ("ข่าว ประชาสัมพันธ์ ฉบับที่ 1!", "ข่าว-ประชาสัมพันธ์-ฉบับที่-1"),
    ("ภาษีที่ดินและสิ่งปลูกสร้าง (ปี 2569)", "ภาษีที่ดินและสิ่งปลูกสร้าง-ปี-2569"),
    ("Land & Building Tax", "land-building-tax"),
    ("  ตำบล  ", "ตำบล"),
])
def test_slug_from_a_title_keeps_every_mark(title, slug):
    assert slugify_thai(title) == slug


def _about(site_a) -> StandardPage:
    return StandardPage.objects.get(slug="about", locale__language_code="th")


def test_a_page_made_without_a_slug_reads_as_its_title_and_is_served(site_a, client):
    about = _about(site_a)
    page = StandardPage(title=WATER, intro="บริการน้ำ")
    about.add_child(instance=page)
    page.save_revision().publish()
    assert page.slug == WATER
    response = client.get(f"/about/{quote(WATER)}/")
    assert response.status_code == 200
    assert WATER in response.content.decode()
    assert client.get(Page.objects.get(pk=page.pk).url).status_code == 200


def test_an_editor_types_a_thai_address_in_the_admin(site_a, client, make_officer):
    editor = make_officer(site_a, Role.PR_EDITOR)
    client.force_login(editor)
    about = _about(site_a)
    url = f"/admin/pages/add/home/standardpage/{about.pk}/"

    def post(slug: str):
        return client.post(url, nested_form_data({
            "title": "ประวัติตำบล", "slug": slug, "intro": "", "body": streamfield([]), "action-submit": "1",
        }))

    refused = post("ประวัติ ตำบล!")
    assert refused.status_code == 200
    assert "ตัวอักษร" in refused.content.decode()  # the Thai message of core.slugs.validate_thai_slug
    assert not Page.objects.filter(title="ประวัติตำบล").exists()

    saved = post("ประวัติตำบล")
    assert saved.status_code == 302
    page = Page.objects.get(title="ประวัติตำบล")
    assert page.slug == "ประวัติตำบล"


def test_the_slug_field_keeps_marks_as_the_editor_types_the_title(site_a, live_server, page, make_officer):
    """Wagtail's slug script would drop ั ิ ุ ้ (combining marks); static/core/js/thai-slug.js keeps them."""
    editor = make_officer(site_a, Role.PR_EDITOR)
    site = site_a.site
    site.port = int(live_server.url.rsplit(":", 1)[1])
    site.hostname = "localhost"
    site.save()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", editor.username)
    page.fill("#id_password", editor.plain_password)
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/**")
    about = _about(site_a)
    page.goto(f"{live_server.url}/admin/pages/add/home/standardpage/{about.pk}/")
    page.fill("#id_title", WATER)
    page.locator("#id_title").blur()
    page.wait_for_function("document.querySelector('#id_slug').value !== ''")
    assert page.input_value("#id_slug") == WATER
