"""Menu, breadcrumbs and language links, built from the page tree and cached per site version."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page, Site

from .cache import site_version

MENU_KEY = "menu:{site_id}:{version}:{home_id}"


@dataclass(frozen=True)
class MenuItem:
    title: str
    url: str
    path: str


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


def menu_items(request: HttpRequest, home: Page) -> list[MenuItem]:
    """The home page's live, public children marked "show in menus" (cached until the site's next publish)."""
    site = Site.find_for_request(request)
    key = MENU_KEY.format(site_id=site.pk if site else 0, version=site_version(site.pk) if site else 0,
                          home_id=home.pk)
    items = cache.get(key)
    if items is None:
        pages = home.get_children().live().public().in_menu().only("id", "title", "url_path", "path", "depth")
        items = [MenuItem(title=p.title, url=p.get_url(request) or "", path=p.path) for p in pages]
        cache.set(key, items, settings.PAGE_CACHE_SECONDS or 600)
    return items


def language_links(request: HttpRequest, page: Page | None) -> list[dict]:
    """One link per language: the page's translation when live, else that language's home page.

    Outside the page tree (e-service forms, search) the same path in the other language is used.
    """
    current = get_language() or settings.LANGUAGE_CODE
    links: list[dict] = []
    if page is not None and getattr(page, "pk", None) and isinstance(page, Page):
        translations = {
            p.locale.language_code: p
            for p in page.get_translations(inclusive=True).live().select_related("locale")
        }
        site = Site.find_for_request(request)
        homes = {}
        if site is not None and len(translations) < len(settings.LANGUAGES):
            homes = {
                p.locale.language_code: p
                for p in site.root_page.get_translations(inclusive=True).live().select_related("locale")
            }
        for code, name in settings.LANGUAGES:
            target = translations.get(code) or homes.get(code)
            url = target.get_url(request) if target is not None else translate_url(request.get_full_path(), code)
            links.append({"code": code, "name": name, "url": url, "current": code == current,
                          "exact": code in translations})
        return links
    for code, name in settings.LANGUAGES:
        links.append({"code": code, "name": name, "url": translate_url(request.get_full_path(), code),
                      "current": code == current, "exact": True})
    return links
