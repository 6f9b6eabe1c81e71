"""Template context every page needs: the LGO that serves this request and its website settings."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .cache import remember

_UNSET = object()


def get_current_organization(request: HttpRequest):
    """The request's Organization (or None), looked up once per request and cached until the site's next change."""
    cached = getattr(request, "_current_organization", _UNSET)
    if cached is _UNSET:
        from wagtail.models import Site

        from organizations.models import Organization

        site = Site.find_for_request(request)
        cached = None
        if site is not None:
            cached = remember(site.pk, "organization", lambda: Organization.objects.filter(site=site).first())
        request._current_organization = cached
    return cached


def get_site_settings(request: HttpRequest):
    """The site's SiteSettings (logo joined in), cached like the organization; None for an unknown host."""
    cached = getattr(request, "_site_settings", _UNSET)
    if cached is _UNSET:
        from wagtail.models import Site

        from .models import SiteSettings

        site = Site.find_for_request(request)
        cached = None
        if site is not None:
            cached = remember(site.pk, "site_settings", lambda: (
                SiteSettings.objects.select_related("logo").filter(site=site).first() or SiteSettings.for_site(site)
            ))
        request._site_settings = cached
    return cached


def organization(request: HttpRequest) -> dict:
    """`current_organization` and `site_settings`: looked up lazily, so templates that never use them cost nothing."""
    return {
        "current_organization": SimpleLazyObject(lambda: get_current_organization(request)),
        "site_settings": SimpleLazyObject(lambda: get_site_settings(request)),
    }
