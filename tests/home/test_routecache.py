"""Uncached renders find their page without walking the tree (core.routecache), and what is kept per publish never
shows a page that was unpublished, renamed or made private since (issue 16, item 3)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from home.models import NewsPage, StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def uncached(settings):
    """The anonymous page cache off, as for a visitor with a session: every request renders."""
    settings.PAGE_CACHE_SECONDS = 0


def _tables(response_queries) -> str:
    return " ".join(q["sql"] for q in response_queries.captured_queries)


def test_a_second_render_asks_the_database_nothing_to_find_the_page(client, site_a, add_news, news_index, uncached,
                                                                     django_assert_max_num_queries):
    add_news("ข่าวทดสอบเส้นทาง")
    for path in ("/", news_index.url):
        assert client.get(path).status_code == 200
        with CaptureQueriesContext(connection) as second:
            assert client.get(path).status_code == 200
        assert "wagtailcore_page" not in _tables(second), path
        assert "wagtailcore_pageviewrestriction" not in _tables(second), path
        assert "wagtailcore_locale" not in _tables(second), path
    with django_assert_max_num_queries(1):
        client.get("/")
    with django_assert_max_num_queries(1):
        client.get(news_index.url)


def test_an_unpublished_page_is_gone_at_once(client, site_a, add_news, uncached):
    item = add_news("ข่าวที่จะถอน")
    assert client.get(item.url).status_code == 200
    item.unpublish()
    assert client.get(item.url).status_code == 404


def test_a_renamed_page_answers_at_its_new_address_only(client, site_a, add_news, uncached):
    item = add_news("ข่าวเปลี่ยนชื่อ", slug="old-slug")
    old = item.url
    assert client.get(old).status_code == 200
    item.slug = "new-slug"
    item.save_revision().publish()
    assert client.get(old).status_code == 404
    assert client.get(NewsPage.objects.get(pk=item.pk).url).status_code == 200


def test_a_page_made_private_after_its_route_was_kept_is_refused(client, site_a, uncached):
    page = StandardPage.objects.live().filter(url_path__startswith=site_a.site.root_page.url_path).first()
    child = page.add_child(instance=StandardPage(title="หน้าภายใน", slug="internal"))
    child.save_revision().publish()
    assert client.get(child.url).status_code == 200
    assert client.get(child.url).status_code == 200  # now from the kept route
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="เจ้าหน้าที่ภายใน"))
    refused = client.get(child.url)
    assert refused.status_code == 302 and "login" in refused["Location"]  # the restriction on its parent applies
    assert client.get(child.url).status_code == 302  # and keeps applying from the kept restrictions
    restriction.delete()
    assert client.get(child.url).status_code == 200


def test_a_password_page_asks_every_visitor(client, site_a, uncached):
    page = StandardPage.objects.live().filter(url_path__startswith=site_a.site.root_page.url_path).first()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="ลับ1234")
    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 200 and b'name="password"' in response.content


def test_routes_are_kept_per_language(client, site_a, uncached):
    thai = client.get("/")
    english = client.get("/en/")
    assert b'lang="th"' in thai.content and b'lang="en"' in english.content
    assert b'lang="th"' in client.get("/").content
    assert b'lang="en"' in client.get("/en/").content


def test_made_up_addresses_are_not_kept(client, site_a, uncached, monkeypatch):
    """Whatever the cache backend (the in-process one here, Redis on PostgreSQL runs): every key written while
    made-up addresses are asked for is recorded, and none of them names such an address."""
    from django.core.cache import cache

    written: list[str] = []
    real_set = cache.set
    monkeypatch.setattr(cache, "set", lambda key, *args, **kwargs: (written.append(key), real_set(key, *args,
                                                                                                      **kwargs))[1])
    assert client.get("/about/").status_code == 200  # a real page's route is kept: the recorder sees writes
    for n in range(5):
        assert client.get(f"/no-such-page-{n}/").status_code == 404
    assert any("route:" in key for key in written)
    assert not [key for key in written if "no-such-page" in key]


def test_the_language_switcher_outside_the_page_tree_keeps_path_and_query(client, site_a, uncached):
    """/track/ is no Wagtail page: its switcher translates the address (remembered per path and language)."""
    for _ in range(2):
        thai = client.get("/track/?ref=A%20B").content.decode()
        assert 'href="/en/track/?ref=A%20B" lang="en"' in thai
        english = client.get("/en/track/").content.decode()
        assert 'href="/track/" lang="th"' in english


def test_a_news_item_renders_again_without_reading_the_tree(client, site_a, add_news, news_index, uncached,
                                                              django_assert_max_num_queries):
    item = add_news("ข่าวกลับไปหน้ารวม")
    assert client.get(item.url).status_code == 200
    with CaptureQueriesContext(connection) as second:
        response = client.get(item.url)
    assert f'class="back-link" href="{news_index.url}"' in response.content.decode()
    assert "wagtailcore_page" not in _tables(second)
    with django_assert_max_num_queries(2):
        client.get(item.url)
