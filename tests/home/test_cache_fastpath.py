"""Page-cache hits are near-free (issue 16): served before the rest of the middleware stack with one cache read, or
from the worker's own memory while the versions it read are fresh; campaign tags share the page's entry."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from core import cacheversion
from core.pagecache import HEADER, VERSION_KEY
from home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_calls(monkeypatch):
    """Every read the page cache makes of the shared cache, by method name."""
    calls: list[str] = []
    depth = [0]
    for name in ("get", "get_many", "get_or_set"):
        original = getattr(cache, name)

        def spy(*args, _name=name, _original=original, **kwargs):
            if not depth[0]:  # the in-memory backend's get_many calls its own get: one read is one call
                calls.append(_name)
            depth[0] += 1
            try:
                return _original(*args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(cache, name, spy)
    return calls


def test_a_hit_is_one_cache_read_and_no_query(client, site_a, cache_calls, django_assert_num_queries):
    first = client.get("/")
    assert first[HEADER] == "miss"
    cache_calls.clear()
    with django_assert_num_queries(0):
        hit = client.get("/")
    assert hit[HEADER] == "hit"
    assert cache_calls == ["get_many"]
    # The stored copy carries what the inner middleware added on the way out: language, CSP, frame options.
    for header in ("Content-Language", "Content-Security-Policy", "X-Frame-Options", "Content-Type"):
        assert hit[header] == first[header]
    assert "sessionid" not in hit.cookies and "csrftoken" not in hit.cookies


def test_campaign_tags_are_served_the_cached_page(client, site_a):
    stored = client.get("/news/")
    assert stored[HEADER] == "miss"
    tagged = client.get("/news/?utm_source=line&utm_campaign=songkran&fbclid=abc")
    assert tagged[HEADER] == "hit"
    assert tagged.content == stored.content
    # A parameter that changes the page keeps its own entry; a made-up one is never stored.
    # (a tagged request is answered from the cache but never stored: what it renders may echo the tags)
    assert HEADER not in client.get("/news/?category=activity&utm_source=line")
    assert client.get("/news/?category=activity")[HEADER] == "miss"
    assert client.get("/news/?utm_source=line&category=activity")[HEADER] == "hit"
    assert HEADER not in client.get("/news/?made_up=1")
    assert HEADER not in client.get("/news/?made_up=1")


def test_the_browser_language_never_mixes_languages(client, site_a):
    """Thai URLs are Thai whatever the browser prefers; an English browser's copy is kept apart, not mixed."""
    thai = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert b'lang="th"' in thai.content
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="th-TH,th;q=0.9")[HEADER] == "miss"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")[HEADER] == "hit"
    english = client.get("/en/", HTTP_ACCEPT_LANGUAGE="th-TH,th;q=0.9")
    assert b'lang="en"' in english.content
    assert client.get("/en/")[HEADER] == "hit"
    assert b'lang="en"' in client.get("/en/").content


def test_the_in_process_tier_serves_without_the_shared_cache(client, site_a, settings, cache_calls, monkeypatch):
    settings.PAGE_CACHE_LOCAL_SECONDS = 5
    client.get("/")
    assert client.get("/")[HEADER] == "hit"
    cache_calls.clear()
    assert client.get("/")[HEADER] == "hit"
    assert cache_calls == []

    # A publish on this app server is seen at once.
    home = HomePage.objects.get(pk=site_a.site.root_page_id)
    home.hero_heading = "หัวข้อใหม่หลังเผยแพร่"
    home.save_revision().publish()
    response = client.get("/")
    assert response[HEADER] == "miss"
    assert "หัวข้อใหม่หลังเผยแพร่" in response.content.decode()
    assert client.get("/")[HEADER] == "hit"

    # A publish on another app server (it only bumps the shared version) is seen once the version read here is
    # older than PAGE_CACHE_LOCAL_SECONDS.
    cache.incr(VERSION_KEY.format(site_id=site_a.site_id))
    assert client.get("/")[HEADER] == "hit"
    now = cacheversion.time.monotonic()
    monkeypatch.setattr(cacheversion.time, "monotonic", lambda: now + 6)
    assert client.get("/")[HEADER] == "miss"


def test_the_in_process_tier_is_bounded(client, site_a, settings):
    from core import pagecache

    settings.PAGE_CACHE_LOCAL_SECONDS = 5
    settings.PAGE_CACHE_LOCAL_ENTRIES = 2
    for path in ("/", "/news/", "/en/"):
        client.get(path)
    assert len(pagecache._local_pages) == 2


# --- Rendered fragments kept per site version (`{% sitefragment %}`): uncached renders reuse them -------------------

def test_the_news_list_fragment_follows_publishing(client, site_a, add_news, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every request renders
    add_news("ข่าวแรกของรายการ")
    assert "ข่าวแรกของรายการ" in client.get("/news/").content.decode()
    add_news("ข่าวที่สองหลังเก็บส่วนของหน้า")
    body = client.get("/news/").content.decode()
    assert "ข่าวที่สองหลังเก็บส่วนของหน้า" in body and "ข่าวแรกของรายการ" in body
    assert "ข่าวแรกของรายการ" not in client.get("/news/?category=announcement").content.decode()


def test_uncached_news_index_queries_are_bounded(client, site_a, add_news, settings, django_assert_max_num_queries):
    from .conftest import make_image

    settings.PAGE_CACHE_SECONDS = 0
    image = make_image()
    for n in range(15):
        add_news(f"ข่าวที่ {n}", image=image)
    client.get("/news/")
    with django_assert_max_num_queries(12):
        assert client.get("/news/").status_code == 200
    with django_assert_max_num_queries(20):  # the first render of page 2 fills its fragment
        assert "ข่าวที่ 0" in client.get("/news/?page=2").content.decode()


def test_the_footer_fragment_follows_the_organization(client, site_a, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    site_a.phone = "053 999 888"
    site_a.save()
    assert "053 999 888" in client.get("/").content.decode()
    assert "053 999 888" in client.get("/en/").content.decode()
