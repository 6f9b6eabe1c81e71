"""Share cards: Open Graph and Twitter tags on public pages (a generated card with the Thai service name when the
page has no image of its own), the card image itself, and a share row that works without JavaScript."""

from __future__ import annotations

import io
import re
from html import unescape
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse
from PIL import Image

from outreach import cards

pytestmark = pytest.mark.django_db


def meta(html: str) -> dict[str, str]:
    found = re.findall(r'<meta (?:property|name)="((?:og|twitter):[a-z:_]+)" content="([^"]*)"', html)
    return {key: unescape(value) for key, value in found}


def test_service_page_has_share_tags_with_a_generated_thai_card(client, service):
    response = client.get(service.url)
    assert response.status_code == 200
    tags = meta(response.content.decode())
    assert tags["og:title"] == "ขอรับบริการน้ำอุปโภคบริโภค" == tags["twitter:title"]
    assert tags["og:description"] == "ขอรถบรรทุกน้ำ"
    assert tags["og:url"] == f"http://testserver{service.url}"
    assert tags["og:site_name"] == "เทศบาลตำบลเอ"
    assert tags["twitter:card"] == "summary_large_image"
    image = urlparse(tags["og:image"])
    assert (image.scheme, image.netloc, image.path) == ("http", "testserver", f"/share-card/{service.pk}.png")
    card = client.get(f"{image.path}?{image.query}")
    assert card.status_code == 200 and card["Content-Type"] == "image/png"
    assert Image.open(io.BytesIO(card.content)).size == (1200, 630)


def test_share_tags_follow_the_address_the_page_was_opened_on(client, service):
    tags = meta(client.get(service.url, HTTP_HOST="testserver:8000", secure=True).content.decode())
    assert tags["og:url"].startswith("https://testserver:8000/")
    assert tags["og:image"].startswith("https://testserver:8000/share-card/")


def test_pages_that_are_not_wagtail_pages_have_share_tags_too(client, org_a):
    tags = meta(client.get(reverse("eservices:track")).content.decode())
    assert tags["og:site_name"] == "เทศบาลตำบลเอ" and tags["og:url"] == "http://testserver/track/"
    assert tags["og:image"].startswith(f"http://testserver/share-card/{org_a.site.root_page_id}.png")


def test_share_row_links_work_without_javascript(client, service):
    html = client.get(service.url).content.decode()
    row = html[html.index('class="share-row"'):]
    links = dict(re.findall(r'share-row__link--(line|facebook)" href="([^"]+)"', row))
    line = parse_qs(urlparse(unescape(links["line"])).query)
    assert urlparse(unescape(links["line"])).netloc == "social-plugins.line.me"
    assert line["url"] == [f"http://testserver{service.url}?src=line"]
    facebook = parse_qs(urlparse(unescape(links["facebook"])).query)
    assert facebook["u"] == [f"http://testserver{service.url}"]
    assert f'readonly value="http://testserver{service.url}"' in row
    assert "<script" not in row


def test_share_card_is_only_for_this_sites_live_pages(client, service, make_organization):
    other = make_organization(hostname="c.test")
    assert client.get(f"/share-card/{service.pk}.png", HTTP_HOST="c.test").status_code == 404
    assert client.get(f"/share-card/{other.site.root_page_id}.png").status_code == 404
    service.unpublish()
    assert client.get(f"/share-card/{service.pk}.png").status_code == 404


def test_card_wraps_thai_between_words():
    font = cards._font(76, bold=True)
    lines = cards.wrap_thai("ขออนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพและสถานที่จำหน่ายอาหาร", font, 1056, max_lines=3)
    assert len(lines) >= 2
    assert "".join(lines).replace("…", "") in "ขออนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพและสถานที่จำหน่ายอาหาร"
    assert all(font.getlength(line) <= 1056 for line in lines[:-1])
    png = cards.draw_card(title="ขอรับเบี้ยยังชีพผู้สูงอายุ", organization_name="เทศบาลตำบลหนองแก้ว")
    Image.open(io.BytesIO(png)).save("/tmp/outreach-card.png")
