"""Reads of outreach: the service behind a short code, public pages for share cards, channel figures."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Sum
from django.http import HttpRequest
from django.utils.translation import get_language
from wagtail.models import Page

from core import thai
from eservices.constants import FilingChannel
from eservices.models import ServicePage
from organizations.tenancy import current_organization

from . import shortlinks
from .models import ChannelCount

#: Channels whose visits are counted (a marked link); web visits are served from the page cache, uncounted.
VISIT_CHANNELS = (FilingChannel.QR, FilingChannel.SHORT_LINK, FilingChannel.LINE)


def organization_of(request: HttpRequest):
    return current_organization(request)


def _in_site(page: Page, organization) -> bool:
    root = organization.site.root_page if organization and organization.site_id else None
    return root is not None and page.path.startswith(root.path)


def services_of(organization) -> Any:
    """The LGO's live services in its own page tree, in tree order."""
    if organization is None or not organization.site_id:
        return ServicePage.objects.none()
    root = organization.site.root_page
    return ServicePage.objects.live().public().descendant_of(root).order_by("path")


def service_for_code(request: HttpRequest, code: str) -> ServicePage | None:
    """The live public service of this site's LGO behind a short code (never another LGO's)."""
    page_id = shortlinks.decode(code)
    organization = organization_of(request)
    if page_id is None or organization is None:
        return None
    return services_of(organization).filter(pk=page_id).first()


def public_page(request: HttpRequest, page_id: int) -> Page | None:
    """A live page without view restrictions in this site's tree (share cards never reveal another LGO's page)."""
    organization = organization_of(request)
    page = Page.objects.live().public().filter(pk=page_id).first()
    if page is None or not _in_site(page, organization):
        return None
    return page.specific


def month_label(month: dt.date) -> str:
    """"ธันวาคม 2569" in Thai (Buddhist Era), "December 2026" in English."""
    if (get_language() or "th").startswith("th"):
        return f"{thai.THAI_MONTHS[month.month - 1]} {thai.be_year(month)}"
    return month.strftime("%B %Y")


def channel_rows(organization, *, since: dt.date) -> list[dict[str, Any]]:
    """One row per service and month from `since`: filings per channel, marked visits per channel, totals.

    One GROUP BY over the counter table (services × months × five channels rows at most), newest month first.
    """
    totals = (ChannelCount.objects.for_organization(organization).filter(month__gte=since)
              .values("service_id", "service__title", "month", "channel")
              .annotate(visits=Sum("visits"), filings=Sum("filings")))
    rows: dict[tuple[int, dt.date], dict[str, Any]] = defaultdict(dict)
    for item in totals:
        row = rows[(item["service_id"], item["month"])]
        if not row:
            row.update({"service_id": item["service_id"], "service": item["service__title"], "month": item["month"],
                        "month_label": month_label(item["month"]),
                        **{channel: 0 for channel in FilingChannel.values},
                        **{f"visits_{channel}": 0 for channel in VISIT_CHANNELS}, "total": 0})
        row[item["channel"]] += item["filings"]
        row["total"] += item["filings"]
        if item["channel"] in VISIT_CHANNELS:
            row[f"visits_{item['channel']}"] += item["visits"]
    return sorted(rows.values(), key=lambda row: (-row["month"].toordinal(), row["service"]))
