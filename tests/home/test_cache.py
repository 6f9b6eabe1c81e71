"""The anonymous page cache: hits cost no query, publishing purges, personal requests are never stored or served."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory

from core.pagecache import HEADER, PageCacheMiddleware, mark_cacheable
from home.defaults import create_default_pages
from home.models import HomePage, NewsCategory

from .conftest import make_image

pytestmark = pytest.mark.django_db


def test_second_anonymous_hit_is_served_from_cache_without_queries(client, site_a,
                                                                    django_assert_num_queries):
    first = client.get("/")
    assert first[HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/")
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_language_and_querystring_are_part_of_the_key(client, site_a):
    client.get("/")
    english = client.get("/en/")
    assert english[HEADER] == "miss"
    assert b'lang="en"' in english.content
    client.get("/news/")
    assert client.get("/news/?category=activity")[HEADER] == "miss"


def test_publishing_purges_the_site(client, site_a):
    client.get("/")
    assert client.get("/")[HEADER] == "hit"
    home = HomePage.objects.get(pk=site_a.site.root_page_id)
    home.hero_heading = "ยินดีต้อนรับสู่เทศบาลตำบลเอ"
    home.save_revision().publish()
    response = client.get("/")
    assert response[HEADER] == "miss"
    assert "ยินดีต้อนรับสู่เทศบาลตำบลเอ" in response.content.decode()


def test_new_news_item_appears_on_cached_home_after_publish(client, site_a, add_news):
    client.get("/")
    add_news("ข่าวใหม่ล่าสุดหลังแคช", category=NewsCategory.NEWS)
    assert "ข่าวใหม่ล่าสุดหลังแคช" in client.get("/").content.decode()


def test_site_settings_change_purges(client, site_a):
    from home.models import SiteSettings

    client.get("/")
    site_settings = SiteSettings.for_site(site_a.site)
    site_settings.theme_colour = "#00563f"
    site_settings.save()
    response = client.get("/")
    assert response[HEADER] == "miss"
    assert "--brand:#00563f" in response.content.decode()


def test_logged_in_users_are_never_served_or_stored(client, site_a, django_user_model):
    client.get("/")  # cached for anonymous visitors
    user = django_user_model.objects.create_user("editor", password="pw-Thongthin-1")
    client.force_login(user)
    response = client.get("/")
    assert HEADER not in response
    client.logout()
    client.cookies.clear()
    assert client.get("/")[HEADER] == "hit"


def test_sites_are_isolated(client, site_a, org_b):
    create_default_pages(org_b)
    a = client.get("/")
    assert a[HEADER] == "miss"
    b = client.get("/", HTTP_HOST="b.test")
    assert b[HEADER] == "miss"
    assert "องค์การบริหารส่วนตำบลบี" in b.content.decode()
    assert "เทศบาลตำบลเอ</h1>" not in b.content.decode()
    assert client.get("/", HTTP_HOST="b.test")[HEADER] == "hit"
    # publishing on B leaves A's cache alone
    home_b = HomePage.objects.get(pk=org_b.site.root_page_id)
    home_b.save_revision().publish()
    assert client.get("/")[HEADER] == "hit"
    assert client.get("/", HTTP_HOST="b.test")[HEADER] == "miss"


def test_pending_messages_bypass_the_cache(client, site_a):
    client.get("/")
    client.cookies["messages"] = "anything"
    assert HEADER not in client.get("/")


def _run(view) -> HttpResponse:
    request = RequestFactory().get("/x/", HTTP_HOST="testserver")
    return PageCacheMiddleware(view)(request)


def test_responses_that_use_a_csrf_token_or_set_cookies_are_not_stored(site_a):
    def with_form(request):
        mark_cacheable(request)
        return HttpResponse(f"<form><input value='{get_token(request)}'></form>")

    def with_cookie(request):
        mark_cacheable(request)
        response = HttpResponse("hello")
        response.set_cookie("tracking", "1")
        return response

    def not_opted_in(request):
        return HttpResponse("private case status")

    for view in (with_form, with_cookie, not_opted_in):
        _run(view)
        assert HEADER not in _run(view)


def test_opted_in_view_is_stored(site_a):
    def public(request):
        mark_cacheable(request)
        return HttpResponse("public")

    assert _run(public)[HEADER] == "miss"
    assert _run(public)[HEADER] == "hit"


def test_home_page_weight_budget(client, site_a, add_news):
    """HTML + CSS + JS of a realistic home page stays under 100 KB before compression (fonts, images apart)."""
    home = HomePage.objects.get(pk=site_a.site.root_page_id)
    home.hero_image = make_image("ทุ่งนา", size=(1600, 900))
    home.highlighted_services = [("service", {"title": f"บริการ {n}", "page": None, "url": "https://example.com/",
                                              "description": "ยื่นคำขอออนไลน์ได้ตลอด 24 ชั่วโมง"}) for n in range(8)]
    home.quick_links = [("link", {"title": f"ลิงก์ {n}", "page": None, "url": "https://example.com/"})
                        for n in range(8)]
    home.save_revision().publish()
    image = make_image()
    for n in range(10):
        add_news(f"ข่าวกิจกรรมโครงการพัฒนาคุณภาพชีวิตผู้สูงอายุ ครั้งที่ {n}", image=image,
                 summary="รายละเอียดกิจกรรม " * 20)
        add_news(f"ประกาศรับสมัครบุคคลเพื่อเลือกสรรเป็นพนักงานจ้าง ครั้งที่ {n}", category=NewsCategory.ANNOUNCEMENT)
    html = client.get("/").content
    # Every stylesheet and script the page loads (the map library of the complaints board is not one of them).
    assets = re.findall(rb'(?:src|href)="/static/([^"?]+\.(?:css|js))', html)
    assert b"css/site.css" in assets
    weights = {name: Path(finders.find(name.decode())).stat().st_size for name in set(assets)}
    total = len(html) + sum(weights.values())
    assert total <= 100 * 1024, f"home page weighs {total} bytes: HTML {len(html)}, {weights}"


def test_messages_framework_output_is_rendered(client, site_a, rf):
    """Sanity: the base template shows flash messages other apps add (the cache stays out of the way)."""
    from django.contrib import messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.session = client.session
    request._messages = FallbackStorage(request)
    messages.success(request, "บันทึกเรียบร้อย")
    html = render_to_string("includes/messages.html", {"messages": get_messages(request)})
    assert 'class="notification notification--success" role="status"' in html and "บันทึกเรียบร้อย" in html


def test_preview_shows_the_draft_not_the_cached_body(client, site_a, admin_user):
    client.get("/")
    client.get("/?other=1")  # the rendered home body is now in the fragment cache
    home = HomePage.objects.get(pk=site_a.site.root_page_id)
    home.hero_heading = "หัวข้อฉบับร่างที่ยังไม่เผยแพร่"
    editor_request = RequestFactory().get("/admin/", HTTP_COOKIE=f"{settings.SESSION_COOKIE_NAME}=editor")
    editor_request.user = admin_user
    response = home.make_preview_request(original_request=editor_request)
    assert "หัวข้อฉบับร่างที่ยังไม่เผยแพร่" in response.content.decode()
    assert "หัวข้อฉบับร่างที่ยังไม่เผยแพร่" not in client.get("/?third=1").content.decode()


def test_a_page_made_private_is_no_longer_served_from_the_cache(client, site_a):
    from wagtail.models import PageViewRestriction

    news = site_a.site.root_page.get_children().get(slug="news")
    assert client.get(news.url)[HEADER] == "miss"
    assert client.get(news.url)[HEADER] == "hit"
    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(news.url)
    assert response.status_code == 302 and "/login" in response["Location"]  # Wagtail asks for a login
    news.delete()  # the restriction goes with its page (the purge must not trip over the missing page)
    assert not PageViewRestriction.objects.exists()


def test_a_new_lgo_host_is_not_stuck_on_the_default_site(client, site_a, make_organization):
    from core.pagecache import site_id_for
    from organizations.tenancy import current_organization

    # Before the LGO exists its host falls back to the default site, and that answer is cached ...
    assert "เทศบาลตำบลเอ" in client.get("/", HTTP_HOST="new-lgo.test").content.decode()
    assert site_id_for(RequestFactory().get("/", HTTP_HOST="new-lgo.test")) == site_a.site_id
    organization = make_organization(code="NEW", hostname="new-lgo.test", name_th="เทศบาลตำบลใหม่")
    create_default_pages(organization)
    # ... but creating its site drops the host map at once (e-service forms and the officer's LGO use it).
    request = RequestFactory().get("/", HTTP_HOST="new-lgo.test")
    assert site_id_for(request) == organization.site_id
    assert current_organization(request) == organization
    assert "เทศบาลตำบลใหม่" in client.get("/", HTTP_HOST="new-lgo.test").content.decode()


def test_an_upload_to_one_lgo_leaves_other_lgos_cached(client, site_a, org_b):
    create_default_pages(org_b)
    image = make_image("ภาพของ อบต.บี")
    client.get("/")
    client.get("/", HTTP_HOST="b.test")
    image.collection = org_b.collection
    image.save()  # now in B's collection: only B's pages can show it
    assert client.get("/")[HEADER] == "hit"
    assert client.get("/", HTTP_HOST="b.test")[HEADER] == "miss"
    make_image("ภาพในคลังกลาง")  # the root collection: any site may show it
    assert client.get("/")[HEADER] == "miss"


def test_bulk_deletes_stay_fast(db):
    """No post_delete receiver for every model: Django can delete sessions, counters and task rows in one query."""
    from django.contrib.sessions.models import Session
    from django.db.models.deletion import Collector

    assert Collector(using="default").can_fast_delete(Session.objects.all())
