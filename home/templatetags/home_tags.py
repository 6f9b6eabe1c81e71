"""Navigation and layout tags for the public website (menu, breadcrumbs, language switcher, footer data)."""

from __future__ import annotations

from django import template
from wagtail.models import Page

from core.pagecache import remember, site_id_for
from home.navigation import language_links, site_navigation

register = template.Library()


def _page(context) -> Page | None:
    page = context.get("page") or context.get("self")
    return page if isinstance(page, Page) else None


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context) -> dict:
    """The site's main menu in the current language; the item containing the current page is marked."""
    request = context.get("request")
    if request is None:
        return {"home_url": "/", "items": []}
    navigation = site_navigation(request)
    page = _page(context)
    current_path = page.path if page is not None else ""
    return {
        "home_url": navigation.home_url,
        "items": [(item, bool(current_path and item.path) and current_path.startswith(item.path))
                  for item in navigation.items],
    }


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context) -> dict:
    """Links from the home page down to the current page's parent (nothing on the home page itself)."""
    page = _page(context)
    request = context.get("request")
    if page is None or page.depth <= 2:
        return {"ancestors": [], "page": page}
    site_id = site_id_for(request) if request is not None and not getattr(request, "is_preview", False) else None
    if site_id is None or not page.pk:
        return {"ancestors": _ancestor_links(page, request), "page": page}
    # The ancestors' titles and addresses change only with a publish, which starts a new site version.
    return {"ancestors": remember(site_id, f"breadcrumbs:{page.pk}", lambda: _ancestor_links(page, request)),
            "page": page}


def _ancestor_links(page: Page, request) -> list[tuple[str, str]]:
    ancestors = page.get_ancestors().filter(depth__gt=1).only("id", "title", "url_path", "path", "depth")
    return [(a.title, a.get_url(request)) for a in ancestors]


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context) -> dict:
    request = context.get("request")
    if request is None:
        return {"links": []}
    return {"links": language_links(request, _page(context))}


@register.simple_tag(takes_context=True)
def home_url(context) -> str:
    request = context.get("request")
    return site_navigation(request).home_url if request is not None else "/"


@register.simple_tag(takes_context=True)
def parent_url(context) -> str:
    """The address of the shown page's parent (a news item's "back to all news"), kept until the site's next publish:
    `{% pageurl page.get_parent %}` costs a query on every render."""
    page = _page(context)
    request = context.get("request")
    if page is None:
        return ""

    def compute() -> str:
        parent = page.get_parent()
        return (parent.get_url(request) if parent is not None else "") or "/"

    site_id = site_id_for(request) if request is not None and not getattr(request, "is_preview", False) else None
    return remember(site_id, f"parent-url:{page.pk}", compute) if site_id and page.pk else compute()
