"""Complaint figures for the executive dashboard and open data (`core.insights` registries; statistics only).

Panel `complaints_by_topic`: per topic over the last 12 months, reports, median days to fixed, share fixed within
the topic's target, average rating and times reopened. Dataset `complaints`: the same per month and topic for 24
months. Both read one bounded window of the LGO's reports (the dashboard counts every topic; open data leaves out the
corruption-like topics kept off the public board) and name no person, place or description.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from statistics import median
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.insights import Chart, Column, Dataset, Panel, Table, dashboard_panels, open_datasets

from .constants import ReportStatus
from .models import Category, Report
from .selectors import topic_statistics

PANEL_MONTHS, DATASET_MONTHS = 12, 24


def _months(today: dt.date, count: int) -> list[dt.date]:
    first = today.replace(day=1)
    result = []
    for _i in range(count):
        result.append(first)
        first = (first - dt.timedelta(days=1)).replace(day=1)
    return result[::-1]


def _start(today: dt.date, count: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(_months(today, count)[0], dt.time.min))


def _one_place(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _percent(part: int, whole: int) -> Decimal | None:
    return None if not whole else (Decimal(100 * part) / whole).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def by_topic(organization: Any, today: dt.date) -> Table:
    rows = []
    for row in topic_statistics(organization, since=_start(today, PANEL_MONTHS), public_only=False):
        if not row["count"]:
            continue
        rows.append({"topic": row["name"], "reports": row["count"], "median_days": _one_place(row["median_days"]),
                     "within_target": None if row["within_target"] is None else Decimal(row["within_target"]),
                     "average_rating": _one_place(row["average_rating"]), "reopened": row["reopened"]})
    return Table(rows)


def per_month_and_topic(organization: Any) -> Table:
    today = timezone.localdate()
    names = {c.pk: c.name for c in Category.objects.for_organization(organization)}
    window = (Report.objects.for_organization(organization).public()
              .filter(created_at__gte=_start(today, DATASET_MONTHS))
              .values_list("category_id", "status", "created_at", "done_at", "resolve_by", "rating"))
    cells: dict[tuple[dt.date, int], dict[str, list]] = {}
    for category_id, status, created, done, resolve_by, rating in window:
        month = timezone.localdate(created).replace(day=1)
        cell = cells.setdefault((month, category_id), {"n": [], "days": [], "within": [], "ratings": []})
        cell["n"].append(1)
        if status == ReportStatus.DONE and done:
            cell["days"].append((done - created).total_seconds() / 86400)
            cell["within"].append(bool(resolve_by and timezone.localdate(done) <= resolve_by))
        if rating:
            cell["ratings"].append(rating)
    rows = []
    for (month, category_id), cell in sorted(cells.items(), key=lambda item: (item[0][0], names.get(item[0][1], ""))):
        rows.append({
            "month": month, "topic": names.get(category_id, ""), "reports": len(cell["n"]), "fixed": len(cell["days"]),
            "median_days": _one_place(median(cell["days"])) if cell["days"] else None,
            "within_target": _percent(sum(cell["within"]), len(cell["within"])),
            "average_rating": _one_place(sum(cell["ratings"]) / len(cell["ratings"])) if cell["ratings"] else None,
        })
    return Table(rows)


TOPIC = Column("topic", _("Topic"))
REPORTS = Column("reports", pgettext_lazy("count", "Reports"), "int")
MEDIAN = Column("median_days", _("Median days to fix"), "days")
WITHIN = Column("within_target", _("Fixed within target (%)"), "percent")
RATING = Column("average_rating", _("Average rating (1–5)"), "decimal")


def register() -> None:
    if "complaints_by_topic" not in dashboard_panels:
        dashboard_panels.register(Panel(
            key="complaints_by_topic", title=_("Complaints and repair requests by topic"), section="complaints",
            order=10, description=_("Reports of the last 12 months per topic: how fast they were fixed, how many "
                                    "within the topic's target, how citizens rated the fixes and how often a fix "
                                    "was reopened."),
            columns=(TOPIC, REPORTS, MEDIAN, WITHIN, RATING, Column("reopened", _("Reopened"), "int")),
            compute=by_topic, chart=Chart("hbar", x="topic", series=("reports",)),
        ))
    if "complaints" not in open_datasets:
        open_datasets.register(Dataset(
            key="complaints", title=_("Complaint and repair-request statistics"), order=40,
            description=_("Per month and topic: reports received and fixed, the median days to a fix, the share "
                          "fixed within the LGO's target and the average rating. Counts only, no personal data."),
            columns=(Column("month", _("Month"), "month"), TOPIC, REPORTS, Column("fixed", _("Fixed"), "int"),
                     MEDIAN, WITHIN, RATING),
            compute=per_month_and_topic, keywords=("ร้องเรียน", "แจ้งซ่อม", "complaints"),
        ))
