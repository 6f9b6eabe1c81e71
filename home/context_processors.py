"""Template context every page needs: the LGO that serves this request and its website settings."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from core.pagecache import remember, site_id_for
from organizations.tenancy import current_organization


def _per_site(request: HttpRequest, name: str, compute: Callable) -> object:
    """`compute(site)` cached until the site's next change (and read once per request); None for an unknown host."""
    from wagtail.models import Site

    site_id = site_id_for(request)
    return remember(site_id, name, lambda: compute(Site.find_for_request(request))) if site_id else None


def get_site_settings(request: HttpRequest):
    """The site's SiteSettings with the logo joined in (created with defaults when missing)."""
    return _per_site(request, "site_settings",
                     lambda site: _settings_with_header_logo(site, current_organization(request)))


def _settings_with_header_logo(site, organization):
    """The settings, with `header_logo`: the website's own logo, else the one on the LGO's profile (which the
    onboarding checklist asks for), so a logo uploaded in either place shows in the header."""
    from .models import SiteSettings

    site_settings = SiteSettings.objects.select_related("logo").filter(site=site).first() or SiteSettings.for_site(site)
    site_settings.header_logo = site_settings.logo
    if site_settings.header_logo is None and organization is not None and organization.logo_id:
        site_settings.header_logo = organization.logo
    return site_settings


def organization(request: HttpRequest) -> dict:
    """`current_organization` and `site_settings`: looked up lazily, so templates that never use them cost nothing."""
    return {
        "current_organization": SimpleLazyObject(lambda: current_organization(request)),
        "site_settings": SimpleLazyObject(lambda: get_site_settings(request)),
    }
