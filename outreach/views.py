"""Public views of outreach: the short link /s/<code>/ and the generated share-card image. Both thin."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from eservices.channels import SOURCE_PARAM, SOURCE_QR, SOURCE_SHORT

from . import cards, selectors


@require_GET
def short_link(request: HttpRequest, code: str) -> HttpResponse:
    """Open the service behind `code` on this site, marked with how the citizen came (QR scan or typed link).

    The poster's QR code opens this address with ?src=qr; typed by hand from the poster it has no marker. The
    visit is counted where the service page is served (one counting point for every marked link).
    """
    service = selectors.service_for_code(request, code)
    if service is None:
        raise Http404
    source = SOURCE_QR if request.GET.get(SOURCE_PARAM) == SOURCE_QR else SOURCE_SHORT
    parts = service.get_url_parts(request)
    path = parts[2] if parts and parts[2] else "/"
    return HttpResponseRedirect(f"{path}?{SOURCE_PARAM}={source}")


@require_GET
@cache_control(public=True, max_age=86400)
def share_card(request: HttpRequest, page_id: int) -> HttpResponse:
    """The share-card PNG of a live public page of this site (LINE and Facebook fetch it for the link preview)."""
    page = selectors.public_page(request, page_id)
    if page is None:
        raise Http404
    return HttpResponse(cards.card_png(page=page, organization=selectors.organization_of(request)),
                        content_type="image/png")
