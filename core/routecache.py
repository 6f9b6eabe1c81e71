"""Serving a Wagtail page without walking the page tree: path → page, kept until the site's next publish.

Wagtail's `serve` finds a page by asking for the site root's translation, then one child per path segment, then the
page's specific row, then every ancestor (for aliases) and the view restrictions on them: five to eight queries
before a template runs. What those queries answer changes only when a page is published, unpublished, moved,
deleted or renamed, when a restriction is added or removed, or when the site changes; each of those bumps the site's
page-cache version (core.pagecache), so the answers are kept under that version (`remember`) per site, language
and path: a page served again costs no query to find.

What is kept is the page's id and the path segments left for the page's own `route()` (a RoutablePage's feed
addresses), the page itself (a copy per request: views may set attributes on it) and the restrictions that apply
to it. Restrictions are still *checked* per request by Wagtail's own hook (the visitor's session, groups and
login), only the list of them is kept: a private page is never shown to the wrong person. Addresses that are not a
page (404) are not kept, so made-up paths cannot fill the cache.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from .pagecache import remember, site_id_for


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's `serve` view, handed the route from the cache (Wagtail keeps it on the request)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route_for_request(request, path)
    return wagtail_views.serve(request, path)


def route_for_request(request: HttpRequest, path: str) -> RouteResult | None:
    """The page (and its arguments) this path shows on this request's site and language; None for a 404."""
    site_id = site_id_for(request)
    if site_id is None:
        return None
    components = [component for component in path.split("/") if component]
    routed: list[Page] = []  # the page Wagtail's routing found, when it ran in this request
    try:
        page_id, rest = remember(site_id, f"route:{get_language()}:{'/'.join(components)}",
                                 lambda: _resolve(request, site_id, components, routed))
    except _NotKept:
        return _wagtail_route(request, components)
    except Http404:
        return None
    page = remember(site_id, f"route-page:{page_id}",
                    lambda: routed[0] if routed else Page.objects.get(pk=page_id).specific)
    restrictions = remember(site_id, f"route-restrictions:{page_id}", lambda: list(Page.get_view_restrictions(page)))
    # Wagtail's restriction hook asks the page; this request's own copy answers from the kept list.
    page.get_view_restrictions = lambda: restrictions
    try:
        return page.route(request, rest)
    except Http404:
        return None


def _resolve(request: HttpRequest, site_id: int, components: list[str], routed: list[Page]) -> tuple[int, list[str]]:
    """Wagtail's own routing, once per publish: the page's id and the segments its own `route()` handles."""
    site = Site.find_for_request(request)
    if site is None or site.pk != site_id:
        raise Http404
    root = site.root_page.localized.specific
    page = root.route(request, components).page
    consumed = page.depth - root.depth
    if consumed < 0 or page.url_path != root.url_path + "".join(f"{c}/" for c in components[:consumed]):
        raise _NotKept  # not a page reached by its own slugs (a custom route): route it every time instead
    routed.append(page)
    return page.pk, components[consumed:]


def _wagtail_route(request: HttpRequest, components: list[str]) -> RouteResult | None:
    try:
        return Site.find_for_request(request).root_page.localized.specific.route(request, components)
    except Http404:
        return None


class _NotKept(Exception):
    """A route that `_resolve` found but will not keep."""
