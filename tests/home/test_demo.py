"""The demo loader fills two LGOs with realistic content, in Thai and English, and a second run adds nothing."""

from __future__ import annotations

import io

import pytest
from wagtail.images.models import Image
from wagtail.models import Page

from core.demo import DemoContext
from home import demo
from home.models import NewsPage, PersonnelMember, TransparencyItemPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctx(org_a, org_b) -> DemoContext:
    return DemoContext(stdout=io.StringIO(), password="x", organizations=[org_a, org_b])


def test_demo_is_rich_and_idempotent(client, ctx, org_a, org_b):
    demo.load(ctx)
    home_a = org_a.site.root_page
    news_a = NewsPage.objects.descendant_of(home_a).filter(locale__language_code="th")
    assert news_a.count() >= 50
    assert news_a.filter(image__isnull=False).count() >= 25
    assert set(news_a.values_list("category", flat=True)) == {"news", "announcement", "procurement", "activity"}
    items = TransparencyItemPage.objects.descendant_of(home_a)
    assert items.count() == 37 and items.filter(code="o37").exists()
    assert PersonnelMember.objects.filter(page__in=Page.objects.descendant_of(home_a)).count() >= 20
    counts = (Page.objects.count(), Image.objects.count(), PersonnelMember.objects.count())
    demo.load(ctx)
    assert (Page.objects.count(), Image.objects.count(), PersonnelMember.objects.count()) == counts

    html = client.get("/").content.decode()
    assert "เทศบาลตำบลเอ" in html and html.count('class="card"') == 6 and "<picture>" in html
    english = client.get("/en/").content.decode()
    assert 'lang="en"' in english and "Land and building tax payment reminder" in english
    assert client.get("/en/personnel/").status_code == 200
    ita = client.get("/ita-2569/export/text/").content.decode().splitlines()
    assert len(ita) == 37 and ita[0].startswith("o1 โครงสร้าง\thttp://testserver/")
    b = client.get("/", HTTP_HOST="b.test").content.decode()
    assert "องค์การบริหารส่วนตำบลบี" in b and "เทศบาลตำบลเอ" not in b
    assert "นายกองค์การบริหารส่วนตำบล" in client.get("/personnel/", HTTP_HOST="b.test").content.decode()
