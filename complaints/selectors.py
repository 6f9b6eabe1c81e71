"""Reads of complaints that are more than a filter: the reporter's report, timelines, nearby and the board."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .models import Report, ReportEvent


def report_for_token(request: HttpRequest, token: str) -> Report | None:
    """The report whose case has this tracking token, on the LGO serving the request."""
    return (Report.objects.for_request(request).select_related("category", "submission", "organization")
            .prefetch_related("photos").filter(submission__tracking_token=token).first())


def timeline(report: Report) -> list[ReportEvent]:
    return list(report.events.filter(is_public=True).select_related("department"))


def photos_by_kind(report: Report) -> dict[str, list[Any]]:
    result: dict[str, list[Any]] = {"before": [], "after": []}
    for photo in report.photos.all():
        result.setdefault(photo.kind, []).append(photo)
    return result


def board(organization: Any, *, category: str = "", state: str = "", limit: int = 200):
    """Reports the public may see, newest first, optionally of one topic and open/closed."""
    from .constants import OPEN_STATUSES

    reports = (Report.objects.for_organization(organization).public()
               .select_related("category").prefetch_related("photos").order_by("-created_at", "-pk"))
    if category:
        reports = reports.filter(category__code=category)
    if state == "open":
        reports = reports.filter(status__in=OPEN_STATUSES)
    elif state == "closed":
        reports = reports.exclude(status__in=OPEN_STATUSES)
    return reports[:limit]


def public_point(report: Report, settings: Any) -> tuple[Any, Any] | None:
    return report.public_point(exact=settings.publish_exact_points)


def topic_statistics(organization: Any) -> list[dict[str, Any]]:
    """Per topic: reports, median days to fixed, share fixed within the topic's target, average rating, reopened.

    One query over the LGO's reports (a few thousand rows a year at most), summarised here so the same figures
    serve the board, the dashboard and open data on SQLite and PostgreSQL alike."""
    from statistics import mean, median

    from django.utils import timezone

    from .constants import ReportStatus
    from .models import Category

    categories = list(Category.objects.for_organization(organization).order_by("sort_order", "name_th"))
    rows = (Report.objects.for_organization(organization).public()
            .values_list("category_id", "status", "created_at", "done_at", "resolve_by", "rating", "reopen_count"))
    per: dict[int, dict[str, list]] = {c.pk: {"days": [], "within": [], "ratings": [], "count": [], "reopened": []}
                                       for c in categories}
    for category_id, status, created, done, resolve_by, rating, reopened in rows:
        bucket = per.get(category_id)
        if bucket is None:
            continue
        bucket["count"].append(1)
        bucket["reopened"].append(reopened)
        if status == ReportStatus.DONE and done:
            bucket["days"].append((done - created).total_seconds() / 86400)
            bucket["within"].append(bool(resolve_by and timezone.localdate(done) <= resolve_by))
        if rating:
            bucket["ratings"].append(rating)
    result = []
    for category in categories:
        b = per[category.pk]
        result.append({
            "category": category, "code": category.code, "name": category.name, "count": len(b["count"]),
            "done": len(b["days"]),
            "median_days": round(median(b["days"]), 1) if b["days"] else None,
            "within_target": round(100 * sum(b["within"]) / len(b["within"])) if b["within"] else None,
            "average_rating": round(mean(b["ratings"]), 1) if b["ratings"] else None,
            "reopened": sum(b["reopened"]),
        })
    return result


def nearby_open(organization: Any, *, category: Any, latitude: Any, longitude: Any,
                metres: float | None = None, limit: int = 5) -> list[Report]:
    """Open reports of the same topic within `metres` of the point, nearest first ("already reported?")."""
    from . import geo
    from .constants import NEARBY_METRES

    if category is None or latitude is None or longitude is None:
        return []
    metres = metres or NEARBY_METRES
    lat, lon = float(latitude), float(longitude)
    lat_min, lat_max, lon_min, lon_max = geo.box(lat, lon, metres)
    candidates = (Report.objects.for_organization(organization).open().filter(
        category=category, latitude__gte=lat_min, latitude__lte=lat_max, longitude__gte=lon_min,
        longitude__lte=lon_max).select_related("category").prefetch_related("photos")[:50])
    scored = [(geo.distance_m(lat, lon, float(r.latitude), float(r.longitude)), r) for r in candidates]
    nearest = sorted((item for item in scored if item[0] <= metres), key=lambda item: item[0])[:limit]
    for distance, report in nearest:
        report.distance_m = round(distance)
    return [report for _distance, report in nearest]


def settings_for(organization: Any):
    """The LGO's complaint settings, or the defaults (unsaved) when its administrator has not changed any."""
    from .models import ComplaintSettings

    found = ComplaintSettings.objects.for_organization(organization).select_related("fallback_department").first()
    return found or ComplaintSettings(organization_id=getattr(organization, "pk", organization))
