"""Public views outside the page tree: site search, robots.txt, sitemap.xml."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page

from core.pagecache import cache_public
from organizations.tenancy import current_organization

from .citizen_services import expand, features, matching_features
from .navigation import localized_home
from .sitemaps import SiteSitemap

RESULTS_PER_PAGE = 10
MAX_QUERY_LENGTH = 200
MAX_RESULTS = 200
MAX_TERMS = 8  # the query and the synonyms it brings in: a bounded number of look-ups per search


def find_pages(home: Page, query: str) -> list[Page]:
    """Full-text matches first, then pages whose title or summary contains the words as typed.

    Thai is written without spaces between words, so a full-text index split on spaces cannot find "ปรับปรุงถนน"
    inside "ข่าวปรับปรุงถนนสายหลัก"; the substring pass covers that.
    """
    pages = Page.objects.live().public().descendant_of(home, inclusive=True)
    found = list(pages.search(query, operator="and")[:MAX_RESULTS])
    seen = {page.pk for page in found}
    contains = (
        Q(title__icontains=query) | Q(search_description__icontains=query)
        | Q(newspage__summary__icontains=query) | Q(standardpage__intro__icontains=query)
        | Q(servicepage__summary__icontains=query)
    )
    more = pages.filter(contains).exclude(pk__in=seen).order_by("-first_published_at")[:MAX_RESULTS]
    return found + list(more)


def find_pages_for_terms(home: Page, terms: list[str]) -> list[Page]:
    """Pages for the query and each synonym it brought in (`citizen_services.expand`), query matches first."""
    found: list[Page] = []
    seen: set[int] = set()
    for term in terms[:MAX_TERMS]:
        for page in find_pages(home, term):
            if page.pk not in seen:
                seen.add(page.pk)
                found.append(page)
    return found[:MAX_RESULTS]


@require_GET
@cache_public
def search(request: HttpRequest) -> TemplateResponse:
    """Search the live, public pages of this site in the current language only."""
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY_LENGTH]
    results_page = None
    found_features: list = []
    home = localized_home(request)
    if query and home is not None:
        terms = expand(query, current_organization(request))
        found_features = matching_features(features(request, home), terms)
        results_page = Paginator(find_pages_for_terms(home, terms), RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "home/search.html", {
        "search_query": query,
        "results_page": results_page,
        "features": found_features,
        "title": _("Search"),
        "extra_query": urlencode({"q": query}) + "&",
    })


@require_GET
@cache_public
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Let crawlers index the public website but not the admin, and point them to this site's sitemap."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /search/",
        "Disallow: /en/search/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_public
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    response = wagtail_sitemap(request, sitemaps={"pages": SiteSitemap(request)})
    if hasattr(response, "render"):
        response.render()
    return response
