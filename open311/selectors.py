"""Reads of the GeoReport v2 interface: an LGO's complaint topics as services and its reports as requests.

What a request shows is what the public board shows (complaints' `public_reports` rule): the topic, the status, the
public note, the place (rounded unless the LGO publishes exact points) and the photo; never the reporter's name,
e-mail or phone. Every list is read in a fixed number of queries, however many rows it holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from complaints.constants import OPEN_STATUSES, PhotoKind
from complaints.models import Category, ComplaintSettings, Report
from organizations.links import absolute_url
from organizations.models import Organization

from .constants import DEFAULT_RANGE_DAYS, MAX_REQUESTS, RequestStatus
from .formats import Open311Error
from .models import RequestToken


def _split(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def _categories(organization: Organization):
    return Category.objects.for_organization(organization).active().order_by("sort_order", "pk")


def _attributes(category: Category) -> list[dict[str, Any]]:
    """The topic's extra questions as the spec's attributes (in the order asked)."""
    from . import attributes

    return attributes.for_category(category)


def services(organization: Organization) -> list[dict[str, Any]]:
    """Every active topic of the LGO as a GeoReport service, in the LGO's order."""
    rows = []
    for category in _categories(organization).select_related("department"):
        rows.append({
            "service_code": category.code,
            "service_name": category.name,
            "description": category.description,
            "metadata": bool(_attributes(category)),
            "type": "realtime",
            "keywords": "",
            "group": category.department.name if category.department_id else "",
        })
    return rows


def category(organization: Organization, code: str) -> Category:
    found = _categories(organization).filter(code=code).first()
    if found is None:
        raise Open311Error(404, _("service_code %(code)s not found.") % {"code": code[:100]})
    return found


def service_definition(organization: Organization, code: str) -> dict[str, Any]:
    found = category(organization, code)
    return {"service_code": found.code, "attributes": _attributes(found)}


def _datetime(query: Mapping[str, str], name: str) -> dt.datetime | None:
    text = (query.get(name) or "").strip()
    if not text:
        return None
    try:
        value = parse_datetime(text.replace(" ", "+"))  # a "+" in a query string arrives as a space
    except ValueError:
        value = None
    if value is None:
        raise Open311Error(400, _("%(name)s must be a W3C date and time, e.g. 2026-12-01T00:00:00+07:00.")
                           % {"name": name})
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def _date_range(query: Mapping[str, str]) -> tuple[dt.datetime, dt.datetime]:
    """start_date and end_date, defaulting to the last 90 days, at most 90 days apart (as the spec says)."""
    start, end = _datetime(query, "start_date"), _datetime(query, "end_date")
    span = dt.timedelta(days=DEFAULT_RANGE_DAYS)
    if start and end:
        if end < start:
            raise Open311Error(400, _("end_date must not be before start_date."))
        if end - start > span:
            raise Open311Error(400, _("start_date and end_date may not be more than 90 days apart."))
        return start, end
    if start:
        return start, start + span
    end = end or timezone.now()
    return end - span, end


def _statuses(query: Mapping[str, str]) -> list[str]:
    statuses = [status.lower() for status in _split(query.get("status"))]
    unknown = [status for status in statuses if status not in RequestStatus.values]
    if unknown:
        raise Open311Error(400, _("status must be open or closed, not %(status)s.") % {"status": unknown[0][:50]})
    return statuses


def _reports(organization: Organization):
    return (Report.objects.for_organization(organization).public()
            .select_related("category", "submission", "department").prefetch_related("photos"))


def _exact_points(organization: Organization) -> bool:
    settings = ComplaintSettings.objects.for_organization(organization).only("publish_exact_points").first()
    return bool(settings and settings.publish_exact_points)


def _media_url(report: Report, organization: Organization, request) -> str:
    """The first photo of the problem (EXIF stripped, served by complaints), else the URL the client sent."""
    photo = next((p for p in report.photos.all() if p.kind == PhotoKind.BEFORE), None)
    if photo is None:
        return report.media_url
    return absolute_url(reverse("complaints:photo", kwargs={"photo_id": photo.pk}), organization, request=request)


def as_request(report: Report, organization: Organization, *, exact: bool, request=None) -> dict[str, Any]:
    """One report as the spec's request, with what the public board shows and nothing personal."""
    point = report.public_point(exact=exact)
    due = report.resolve_by if report.is_open else None
    return {
        "service_request_id": report.reference,
        "status": report.open311_status,
        "status_notes": report.public_note,
        "service_name": report.category.name,
        "service_code": report.category.code,
        "description": report.description,
        "agency_responsible": report.department.name if report.department_id else organization.name,
        "service_notice": "",
        "requested_datetime": report.created_at,
        "updated_datetime": report.updated_at,
        "expected_datetime": (timezone.make_aware(dt.datetime.combine(due, organization.office_closes))
                              if due else None),
        "address": report.address,
        "address_id": "",
        "zipcode": organization.postcode,
        "lat": point[0] if point else None,
        "long": point[1] if point else None,
        "media_url": _media_url(report, organization, request),
    }


def requests(organization: Organization, query: Mapping[str, str], request=None) -> list[dict[str, Any]]:
    """GET requests: by service_request_id (which overrides every other filter), else by service_code, status and
    date range; newest first, at most MAX_REQUESTS."""
    reports = _reports(organization)
    ids = _split(query.get("service_request_id"))
    if ids:
        reports = reports.filter(submission__reference__in=ids[:MAX_REQUESTS])
    else:
        start, end = _date_range(query)
        reports = reports.filter(created_at__gte=start, created_at__lte=end)
        codes = _split(query.get("service_code"))
        if codes:
            reports = reports.filter(category__code__in=codes)
        statuses = set(_statuses(query))
        if statuses == {RequestStatus.OPEN}:
            reports = reports.filter(status__in=OPEN_STATUSES)
        elif statuses == {RequestStatus.CLOSED}:
            reports = reports.exclude(status__in=OPEN_STATUSES)
    exact = _exact_points(organization)
    return [as_request(report, organization, exact=exact, request=request)
            for report in reports.order_by("-created_at", "-pk")[:MAX_REQUESTS]]


def one_request(organization: Organization, request_id: str, request=None) -> list[dict[str, Any]]:
    report = _reports(organization).filter(submission__reference=request_id).first()
    if report is None:
        raise Open311Error(404, _("service_request_id %(id)s not found.") % {"id": request_id[:100]})
    return [as_request(report, organization, exact=_exact_points(organization), request=request)]


def token(organization: Organization, token: str) -> list[dict[str, Any]]:
    row = RequestToken.objects.for_organization(organization).filter(token=token).first()
    if row is None:
        raise Open311Error(404, _("token %(token)s not found.") % {"token": token[:100]})
    return [{"service_request_id": row.service_request_id, "token": row.token}]

