"""Stable addresses every LGO answers, whatever its editors named the pages: /e-service/ (the catalogue),
/complaint/ (the complaint service) and /pay/ (where citizens pay fees). /track/ is the e-service app's own URL.

Printed leaflets, QR codes, the README and other LGOs' links can rely on these on every site.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from wagtail.models import Site

from core import routecache
from core.pagecache import remember, site_id_for
from organizations.tenancy import current_organization

from .navigation import localized_home


def _catalogue(request: HttpRequest):
    from eservices.models import ServiceIndexPage

    home = localized_home(request)
    if home is None:
        raise Http404
    index = ServiceIndexPage.objects.child_of(home).live().first()
    if index is None:  # no translation of the catalogue: the site's own (Thai) one
        index = ServiceIndexPage.objects.child_of(Site.find_for_request(request).root_page).live().first()
    if index is None:
        raise Http404
    return index


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    """The catalogue itself when it lives at /e-service/, else a permanent redirect to where it lives."""
    site_id = site_id_for(request)
    if site_id is None:
        raise Http404
    # Where the catalogue lives changes only with a publish or a move (a new site version): no query per visit.
    url = remember(site_id, f"catalogue-url:{get_language()}", lambda: _catalogue(request).get_url(request))
    if url.rstrip("/").endswith("/e-service"):
        return routecache.serve(request, "e-service/")
    return HttpResponseRedirect(url)


@require_GET
def complaint(request: HttpRequest) -> HttpResponse:
    """The LGO's complaint service (its kind is fixed by law), else the catalogue."""
    from eservices.models import ServicePage

    index = _catalogue(request)
    page = ServicePage.objects.child_of(index).live().filter(service_kind="complaint").first()
    return HttpResponseRedirect((page or index).get_url(request))


@require_GET
def pay(request: HttpRequest) -> HttpResponse:
    """Waste-fee payment when the LGO bills waste fees, else the case look-up (fees of requests are paid there)."""
    organization = current_organization(request)
    if organization is None:
        raise Http404
    from wastefees.models import ServiceAccount

    if ServiceAccount.objects.for_organization(organization).exists():
        return HttpResponseRedirect(reverse("wastefees:lookup"))
    return HttpResponseRedirect(reverse("eservices:track"))
