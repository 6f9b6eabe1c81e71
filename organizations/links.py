"""Absolute public addresses of an LGO's website: the one helper for every link, QR code and e-mail that leaves
the page it was made on (receipts, issued documents, confirmation e-mails, pay links).

A link must open where the site is actually served. Inside a request for the LGO's own site, that is the address the
citizen or officer is using right now (scheme, host and port of the request, as the proxy reports them): a site
registered on port 80 but served on 8000, or behind HTTPS, still gets working links. Outside a request (background
tasks, management commands), or when the request is for another LGO's host, it is the LGO's Wagtail Site as
registered, and `PUBLIC_BASE_URL` only when there is no LGO at all.

Stored PDFs carry a QR code with such an address, so their storage name carries a short tag of the base address
they were drawn for (`pdf_storage_name`, `drawn_for`): when the site moves, the next download draws them again.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponseRedirect

from core.requestmemo import current_request


def serves(request: HttpRequest, organization: Any) -> bool:
    """Whether `request` is for `organization`'s own site (by Wagtail's host and port matching)."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return site is not None and site.pk == getattr(organization, "site_id", None)


def base_url(organization: Any = None, *, request: HttpRequest | None = None) -> str:
    """"scheme://host[:port]" (no trailing slash) where `organization`'s site is served."""
    request = request if request is not None else current_request()
    if request is not None and (organization is None or serves(request, organization)):
        try:
            return f"{request.scheme}://{request.get_host()}"
        except DisallowedHost:  # the 400 page of a refused host: no link may name that host
            pass
    site = getattr(organization, "site", None)
    if site is not None and site.hostname:
        return site.root_url.rstrip("/")
    return settings.PUBLIC_BASE_URL.rstrip("/")


def absolute_url(path: str, organization: Any = None, *, request: HttpRequest | None = None) -> str:
    """`path` (from reverse() or get_absolute_url()) as an absolute address on `organization`'s website."""
    return base_url(organization, request=request) + path


def owner_url(request: HttpRequest, organization: Any) -> str | None:
    """The same path and query on `organization`'s own host when `request` came in on another LGO's host (a link
    of one LGO opened on another's site must not show inside the other's header and footer); None when it is
    already on the right site, or the LGO has no site."""
    site = getattr(organization, "site", None)
    if site is None or not site.hostname or serves(request, organization):
        return None
    return site.root_url.rstrip("/") + request.get_full_path()


def redirect_to_owner(request: HttpRequest, organization: Any) -> HttpResponseRedirect | None:
    """For views of a citizen's own link (tracking, pay, receipt, verify): a redirect to the owning LGO's host when
    the link was opened on another LGO's host, else None. Only for reads: a form posted to the wrong host is not
    replayed elsewhere."""
    if request.method not in ("GET", "HEAD"):
        return None
    target = owner_url(request, organization)
    return HttpResponseRedirect(target) if target else None


def _tag(base: str) -> str:
    return hashlib.sha256(base.encode()).hexdigest()[:12]


def pdf_storage_name(prefix: str, base: str) -> str:
    """A private storage name for a PDF drawn with links on `base`: "<prefix>/2026/12/<uuid>.<tag>.pdf"."""
    from core.files import private_upload_path

    return private_upload_path(prefix, f"{_tag(base)}.pdf")


def drawn_for(name: str | None, base: str) -> bool:
    """Whether the stored PDF `name` was drawn with links on `base` (False for files stored before tags existed)."""
    return bool(name) and str(name).endswith(f".{_tag(base)}.pdf")
