"""The LGO owns its look: the logo on its profile shows in the public header, and its map is framed on the contact
page from the embed code an administrator pastes (only known map services, so the frame cannot be misused)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from home.models import SiteSettings, map_embed_address
from tests.home.conftest import make_image

pytestmark = pytest.mark.django_db

GOOGLE = "https://www.google.com/maps/embed?pb=!1m18!1m12!1m3!1d3749.6!2d99.83!3d19.9!2m3!1f0!2f0!3f0"
PASTED = (f'<iframe src="{GOOGLE.replace("&", "&amp;")}" width="600" height="450" style="border:0;" '
          'allowfullscreen="" loading="lazy" referrerpolicy="no-referrer-when-downgrade"></iframe>')
OSM = "https://www.openstreetmap.org/export/embed.html?bbox=99.8%2C19.8%2C99.9%2C19.9&layer=mapnik"


@pytest.mark.parametrize(("typed", "stored"), [(PASTED, GOOGLE), (GOOGLE, GOOGLE), (f"  {OSM} ", OSM), ("", "")])
def test_the_pasted_embed_code_keeps_only_its_address(typed, stored):
    assert map_embed_address(typed) == stored


@pytest.mark.parametrize("typed", [
    "https://evil.example/maps/embed", '<iframe src="https://evil.example/x"></iframe>', "javascript:alert(1)",
    "https://www.google.com/maps/embed?pb=1 onload=alert(1)",
])
def test_other_frames_are_refused_in_thai(org_a, typed):
    settings = SiteSettings.for_site(org_a.site)
    settings.map_embed = typed
    with translation.override("th"), pytest.raises(ValidationError) as refused:
        settings.full_clean()
    assert "วางโค้ดฝังแผนที่" in refused.value.message_dict["map_embed"][0]


def test_contact_page_frames_the_map_and_the_policy_allows_it(site_a, client):
    settings = SiteSettings.for_site(site_a.site)
    settings.map_embed = PASTED
    settings.full_clean()
    settings.save()
    response = client.get("/contact/")
    html = response.content.decode()
    assert f'<iframe src="{GOOGLE}"' in html.replace("&amp;", "&")
    assert "แผนที่ไปยังสำนักงาน" in html
    assert "https://www.google.com" in response["Content-Security-Policy"].split("frame-src", 1)[1].split(";")[0]


def test_the_profile_logo_shows_in_the_public_header(site_a, client):
    assert "site-name__logo" not in client.get("/").content.decode()
    site_a.logo = make_image("ตราเทศบาล")
    site_a.save()
    assert "site-name__logo" in client.get("/").content.decode()  # the profile's logo, and the cache was purged
