"""Menu, breadcrumbs and language links, built from the page tree and cached until the site's next publish."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from core.pagecache import remember, site_id_for


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str
    path: str


@dataclass(frozen=True)
class SiteNavigation:
    home_url: str
    items: tuple[MenuItem, ...]


def localized_home(request: HttpRequest) -> Page | None:
    """The site's home page in the active language (the Thai one when no translation exists)."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    cached = getattr(request, "_localized_home", None)
    if cached is None:
        cached = site.root_page.localized
        request._localized_home = cached
    return cached


def site_navigation(request: HttpRequest) -> SiteNavigation:
    """Home URL and main menu (the home page's live, public children marked "show in menus") in this language."""
    site_id = site_id_for(request)
    if site_id is None:
        return SiteNavigation(home_url="/", items=())

    def compute() -> SiteNavigation:
        from .citizen_services import features

        home = localized_home(request)
        pages = home.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth")
        # Citizens come for the services: the catalogue, tracking, fee payment and complaints lead the menu on every
        # LGO's site (whatever its editors put in the menu), then the pages marked "show in menus".
        ways_in = [MenuItem(title=f.title, url=f.url, path="") for f in features(request, home)]
        taken = {item.url for item in ways_in}
        return SiteNavigation(
            home_url=home.get_url(request) or "/",
            items=tuple(ways_in) + tuple(
                MenuItem(title=p.title, url=url, path=p.path) for p in pages
                if (url := p.get_url(request) or "") not in taken),
        )

    return remember(site_id, f"nav:{get_language()}", compute)


def language_links(request: HttpRequest, page: Page | None) -> list[dict]:
    """One link per language: the page's translation when live, else that language's home page.

    Outside the page tree (e-service forms, search) the same path in the other language is used.
    """
    current = get_language() or settings.LANGUAGE_CODE
    site_id = site_id_for(request)
    if page is not None and getattr(page, "pk", None) and isinstance(page, Page) and site_id is not None:
        links = remember(site_id, f"lang:{page.pk}",
                         lambda: _page_language_links(request, Site.find_for_request(request), page))
    else:
        path, mark, query = request.get_full_path().partition("?")
        links = [(code, name, _translated_path(path, current, code) + mark + query, True)
                 for code, name in settings.LANGUAGES]
    return [{"code": code, "name": name, "url": url, "exact": exact, "current": code == current}
            for code, name, url, exact in links]


@lru_cache(maxsize=4096)
def _translated_path(path: str, active: str, code: str) -> str:
    """`translate_url` of a path (no query string), remembered by the process: it depends only on the URLconf and
    the active language (which prefix resolves), and costs two URL resolutions a render otherwise."""
    return translate_url(path, code)


def _page_language_links(request: HttpRequest, site: Site, page: Page) -> list[tuple[str, str, str, bool]]:
    translations = {
        p.locale.language_code: p for p in page.get_translations(inclusive=True).live().select_related("locale")
    }
    homes = {}
    if len(translations) < len(settings.LANGUAGES):
        homes = {
            p.locale.language_code: p
            for p in site.root_page.get_translations(inclusive=True).live().select_related("locale")
        }
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code) or homes.get(code)
        url = target.get_url(request) if target is not None else translate_url(request.get_full_path(), code)
        links.append((code, name, url, code in translations))
    return links
