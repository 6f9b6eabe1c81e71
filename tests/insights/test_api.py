"""The headless content API: each LGO host lists only its own live, public pages, images and documents."""

from __future__ import annotations

import pytest
from wagtail.models import Page

from home.models import NewsIndexPage, NewsPage


@pytest.fixture
def news(org_a, org_b):
    """A published news item and an unpublished draft at org_a; a news item at org_b."""
    made = {}
    for organization, title in ((org_a, "ข่าวหนองแก้ว"), (org_b, "ข่าวดอยสะเก็ด")):
        index = NewsIndexPage.objects.descendant_of(organization.site.root_page).first()
        if index is None:
            index = organization.site.root_page.add_child(instance=NewsIndexPage(title="ข่าว", slug="news"))
        made[organization.code] = index.add_child(instance=NewsPage(title=title, slug=f"n-{organization.code.lower()}",
                                                                   category="procurement", summary="สรุป"))
    draft = NewsPage(title="ร่างข่าวลับ", slug="draft", live=False)
    NewsIndexPage.objects.descendant_of(org_a.site.root_page).first().add_child(instance=draft)
    return made


def test_pages_on_one_host_never_list_another_lgos_pages(client, org_a, org_b, news):
    ours = set(Page.objects.descendant_of(org_a.site.root_page, inclusive=True).live().values_list("id", flat=True))
    theirs = set(Page.objects.descendant_of(org_b.site.root_page, inclusive=True).values_list("id", flat=True))
    listed = client.get("/api/v2/pages/?limit=20").json()
    assert client.get("/api/v2/pages/?limit=20&offset=20").json()["items"] == []  # all of them fit in one page
    ids = {item["id"] for item in listed["items"]}
    assert ids and ids <= ours | {p.id for p in Page.objects.filter(locale__language_code="en")}
    assert not ids & theirs
    assert "ร่างข่าวลับ" not in str(listed)
    # Asking for the other LGO's tree or page by id finds nothing.
    assert client.get(f"/api/v2/pages/{news['BBB'].id}/").status_code == 404
    assert client.get("/api/v2/pages/?site=b.test").status_code == 400
    assert client.get(f"/api/v2/pages/?descendant_of={org_b.site.root_page_id}").status_code in (400, 404)
    # And the other host sees its own.
    other = client.get("/api/v2/pages/?limit=20", HTTP_HOST="b.test").json()
    assert news["BBB"].id in {item["id"] for item in other["items"]}
    assert not {item["id"] for item in other["items"]} & ours


def test_news_with_categories_and_locale(client, org_a, news):
    items = client.get("/api/v2/news/?category=procurement").json()["items"]
    assert [item["title"] for item in items] == ["ข่าวหนองแก้ว"]
    assert items[0]["category"] == "procurement" and items[0]["meta"]["locale"] == "th"
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code="en")
    assert client.get("/api/v2/news/?locale=en").json()["meta"]["total_count"] == 0  # not translated yet
    assert client.get("/api/v2/news/?type=wagtailcore.Page").status_code == 400


def test_services_carry_the_citizen_manual(client, org_a, org_b, make_service):
    service = make_service("ขอรถบรรทุกน้ำ")
    items = client.get("/api/v2/services/").json()["items"]
    assert [item["title"] for item in items] == ["ขอรถบรรทุกน้ำ"]
    detail = client.get(f"/api/v2/services/{service.id}/").json()
    assert detail["time_limit_days"] == 5 and detail["department"] == service.department.name_th
    assert detail["summary"] == "ขอรถบรรทุกน้ำ" and "required_documents" in detail and "process_steps" in detail
    assert client.get(f"/api/v2/services/{service.id}/", HTTP_HOST="b.test").status_code == 404


def test_ita_items_endpoint_answers(client, org_a):
    response = client.get("/api/v2/ita/")
    assert response.status_code == 200
    assert "items" in response.json()


def test_images_and_documents_are_the_lgos_own(client, org_a, org_b):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.images.models import Image

    from tests.eservices.conftest import png_bytes

    for organization in (org_a, org_b):
        Image.objects.create(title=f"ภาพ {organization.code}", collection=organization.collection,
                             file=ContentFile(png_bytes(), name=f"{organization.code}.png"))
        Document.objects.create(title=f"เอกสาร {organization.code}", collection=organization.collection,
                                file=ContentFile(b"%PDF-1.4\n", name=f"{organization.code}.pdf"))
    images = [item["title"] for item in client.get("/api/v2/images/").json()["items"]]
    documents = [item["title"] for item in client.get("/api/v2/documents/").json()["items"]]
    assert images == ["ภาพ AAA"] and documents == ["เอกสาร AAA"]
