"""Printable posters (A4, A5) and sheets of table cards: one per service and per way in (catalogue, tracking, fee
payment, complaints), for PR staff to put up at the counter, the notice board and the village headman's office.

Each carries the LGO's logo and name, the service's name and one-line description, what to bring, a large QR code
and the short address under it (typed by hand when a phone will not scan), office hours and phone. The QR of a
service opens its short link with ``?src=qr`` so scans are counted apart from typed addresses. Every address is
made for where the site is served (`organizations.links`); the text layer is exact Thai (`core.pdf`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from core.pdf import image_data_uri, qr_png_data_uri, render_template_to_pdf
from eservices.channels import SOURCE_PARAM, SOURCE_QR
from eservices.constants import ServiceCategory
from eservices.models import ServiceIndexPage, ServicePage
from organizations.links import absolute_url

from . import selectors, shortlinks
from .constants import FixedTarget, PosterFormat

#: Documents listed on a poster: more do not fit at a readable size; the rest are "and N more" on the page.
MAX_DOCUMENTS = 6
COMPLAINT_KIND = "complaint"


@dataclass(frozen=True)
class Poster:
    """What one poster says, ready for the template."""

    key: str
    title: str
    description: str
    documents: list[str]
    more_documents: int
    url: str
    qr_url: str
    call_to_action: str
    service_id: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def display_url(self) -> str:
        """The address as printed: without "http://" or "https://", which nobody types."""
        return self.url.split("://", 1)[-1]


def _qr_address(url: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{SOURCE_PARAM}={SOURCE_QR}"


def _documents(service: ServicePage) -> list[str]:
    if service.no_documents_required:
        return [_("No documents are needed")]
    return [str(block.value.get("name", "")) for block in service.required_documents if block.value.get("name")]


def service_poster(service: ServicePage, *, request: HttpRequest | None = None) -> Poster:
    """The poster of one service: its short link under the QR (the QR itself adds ?src=qr)."""
    url = absolute_url(reverse("outreach:short_link", kwargs={"code": shortlinks.encode(service.pk)}),
                       service.organization, request=request)
    documents = _documents(service)
    return Poster(key=f"service-{service.pk}", title=service.title, description=service.summary,
                  documents=documents[:MAX_DOCUMENTS], more_documents=max(0, len(documents) - MAX_DOCUMENTS),
                  url=url, qr_url=_qr_address(url),
                  call_to_action=_("Scan to apply online") if service.online_filing else _("Scan to read more"),
                  service_id=service.pk)


def _complaint_service(organization) -> ServicePage | None:
    services = selectors.services_of(organization)
    return (services.filter(service_kind=COMPLAINT_KIND).first()
            or services.filter(category=ServiceCategory.COMPLAINT).first())


def _fixed_path(target: str, organization) -> str | None:
    """The path a fixed poster points at on this LGO's site (None when the LGO has no such page)."""
    if target == FixedTarget.CATALOGUE:
        catalogue = ServiceIndexPage.objects.live().descendant_of(organization.site.root_page).first() \
            if organization.site_id else None
        return catalogue.get_url_parts()[2] if catalogue is not None else None
    names = {FixedTarget.TRACKING: "eservices:track", FixedTarget.PAYMENT: "wastefees:lookup",
             FixedTarget.COMPLAINTS: "complaints:report"}
    try:
        return reverse(names[target])
    except NoReverseMatch:  # no complaints app installed: the LGO's complaint service, if it has one
        service = _complaint_service(organization) if target == FixedTarget.COMPLAINTS else None
        return service.get_url_parts()[2] if service is not None else None


_FIXED_TEXT = {
    FixedTarget.CATALOGUE: (
        lambda: _("Apply for services online"),
        lambda: _("Requests, permits, allowances and complaints: file online at any time, no need to come to the "
                  "office."),
        lambda: [_("Your national ID card"), _("Photos or scans of the documents each service asks for")],
        lambda: _("Scan to see every service"),
    ),
    FixedTarget.TRACKING: (
        lambda: _("Track your request"),
        lambda: _("See where your request stands, what the office needs from you and when it is due."),
        lambda: [_("The reference on your receipt"), _("The last 4 digits of your phone number or national ID")],
        lambda: _("Scan to track your request"),
    ),
    FixedTarget.PAYMENT: (
        lambda: _("Pay fees online"),
        lambda: _("Look up your bill and pay by Thai QR from any bank's app, then download the receipt."),
        lambda: [_("Your account number on the bill"), _("The last 4 digits of your phone number or national ID")],
        lambda: _("Scan to pay"),
    ),
    FixedTarget.COMPLAINTS: (
        lambda: _("Complaints and repair requests"),
        lambda: _("Report a broken street light, a road, rubbish or any trouble: we tell you what happens next."),
        lambda: [_("Where it is (a landmark or the village)"), _("A photo, if you can")],
        lambda: _("Scan to tell us"),
    ),
}


def fixed_poster(target: str, organization, *, request: HttpRequest | None = None) -> Poster | None:
    path = _fixed_path(target, organization)
    if path is None:
        return None
    title, description, documents, action = (text() for text in _FIXED_TEXT[FixedTarget(target)])
    url = absolute_url(path, organization, request=request)
    return Poster(key=str(target), title=title, description=description, documents=documents, more_documents=0,
                  url=url, qr_url=_qr_address(url), call_to_action=action)


def posters_for(organization, *, request: HttpRequest | None = None) -> list[Poster]:
    """Every poster the LGO can print: the ways in first, then each live service in catalogue order."""
    fixed = [fixed_poster(target, organization, request=request) for target in FixedTarget.values]
    services = [service_poster(service, request=request) for service in selectors.services_of(organization)]
    return [poster for poster in fixed if poster is not None] + services


def poster_for_key(organization, key: str, *, request: HttpRequest | None = None) -> Poster | None:
    """The poster named `key` ("service-<id>" or a `FixedTarget`) of this LGO, or None (never another LGO's)."""
    if key in FixedTarget.values:
        return fixed_poster(key, organization, request=request)
    if key.startswith("service-") and key.removeprefix("service-").isdigit():
        service = selectors.services_of(organization).filter(pk=int(key.removeprefix("service-"))).first()
        return service_poster(service, request=request) if service is not None else None
    return None


def _logo_uri(organization) -> str:
    logo = getattr(organization, "logo", None)
    if logo is None:
        return ""
    try:
        with logo.open_file() as handle:
            return image_data_uri(handle.read())
    except (OSError, ValueError):
        return ""


def render_posters(posters: list[Poster], *, organization, fmt: str) -> bytes:
    """One PDF: a page per poster (A4 or A5), or an A4 sheet of four table cards per poster. Always in Thai: a
    poster is put up in the LGO's office, whatever language the officer's admin is in."""
    with override("th"):
        items = [{"poster": poster, "qr": qr_png_data_uri(poster.qr_url, box_size=10)} for poster in posters]
        context = {"items": items, "organization": organization, "logo": _logo_uri(organization),
                   "format": PosterFormat(fmt), "cards_per_sheet": range(4)}
        template = "outreach/pdf/cards.html" if fmt == PosterFormat.CARDS else "outreach/pdf/poster.html"
        return render_template_to_pdf(template, context)
