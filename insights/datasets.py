"""The built-in open-data datasets of one LGO (`/open-data/`): statistics only, never personal data."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.insights import Column, Dataset, Table, open_datasets
from eservices.models import ServicePage, Submission

from .panels import fees_per_month
from .queries import as_month, days, medians, months, percent, window_start

#: Open data covers two years of months: enough for trends, small enough to compute in one query each.
DATASET_MONTHS = 24


def service_catalogue(organization) -> Table:
    """The LGO's live e-services (Thai pages): what the citizen manual promises, not who asked."""
    root = organization.site.root_page
    pages = (ServicePage.objects.live().descendant_of(root).select_related("department")
             .order_by("path"))
    return Table([{
        "title": page.title, "category": page.get_category_display(), "department": (
            page.department.name_th if page.department else ""),
        "time_limit_days": page.time_limit_days or None, "fee": page.fee_amount,
        "online": pgettext_lazy("online filing", "yes") if page.online_filing else pgettext_lazy("online filing", "no"),
        "url": page.full_url or "",
    } for page in pages])


def case_statistics(organization) -> Table:
    """Per month and service: received, decided, decided on time and the median days to a decision."""
    today = timezone.localdate()
    start = window_start(today, DATASET_MONTHS)
    cases = Submission.objects.for_organization(organization)
    rows: dict[tuple[dt.date, str], dict] = {}

    def row(month, service) -> dict:
        return rows.setdefault((as_month(month), service), {
            "month": as_month(month), "service": service, "received": 0, "decided": 0, "on_time": 0,
            "with_limit": 0, "median_days": None})

    for month, service, n in (cases.filter(received_at__gte=start).annotate(m=TruncMonth("received_at"))
                              .values("m", "service_title").annotate(n=Count("id"))
                              .values_list("m", "service_title", "n")):
        row(month, service)["received"] = n
    decided = cases.filter(decided_at__gte=start, received_at__isnull=False).annotate(m=TruncMonth("decided_at"))
    for month, service, n, limited, kept in (decided.values("m", "service_title").annotate(
            n=Count("id"), limited=Count("id", filter=Q(due_date__isnull=False)),
            kept=Count("id", filter=Q(decided_at__date__lte=F("due_date"))))
            .values_list("m", "service_title", "n", "limited", "kept")):
        entry = row(month, service)
        entry.update(decided=n, with_limit=limited, on_time=kept)
    for (month, service), middle in _grouped_medians(decided).items():
        key = (as_month(month), service)
        if key in rows:
            rows[key]["median_days"] = days(middle)
    result = []
    for key in sorted(rows):
        entry = rows[key]
        entry["on_time_share"] = percent(entry.pop("on_time"), entry.pop("with_limit"))
        result.append(entry)
    return Table(result)


def _grouped_medians(decided) -> dict[tuple, float]:
    """Median days to decision per (month, service) of `decided` (annotated with its decision month `m`)."""
    return medians(decided, ("m", "service_title"), "decided_at", "received_at")


def fees_collected(organization) -> Table:
    return fees_per_month(organization, timezone.localdate())


def complaint_statistics(organization) -> Table:
    """Complaints and repair requests per month: received, resolved, closed as outside the LGO's authority, and the
    median days to a resolution (from e-service cases of kind "complaint"; the complaints app may replace it)."""
    today = timezone.localdate()
    start = window_start(today, DATASET_MONTHS)
    cases = Submission.objects.for_organization(organization).filter(service_kind="complaint")
    received = dict(cases.filter(received_at__gte=start).annotate(m=TruncMonth("received_at")).values("m")
                    .annotate(n=Count("id")).values_list("m", "n"))
    closed = cases.filter(decided_at__gte=start, received_at__isnull=False).annotate(m=TruncMonth("decided_at"))
    outcome = {as_month(m): (done, rejected) for m, done, rejected in closed.values("m").annotate(
        done=Count("id", filter=Q(status="completed")), rejected=Count("id", filter=Q(status="rejected")))
        .values_list("m", "done", "rejected")}
    middle = {as_month(m): v for m, v in medians(closed, "m", "decided_at", "received_at").items()}
    received = {as_month(m): n for m, n in received.items()}
    return Table([{"month": month, "received": received.get(month, 0),
                   "resolved": outcome.get(month, (0, 0))[0], "not_our_authority": outcome.get(month, (0, 0))[1],
                   "median_days": days(middle.get(month))} for month in months(today, DATASET_MONTHS)])


MONTH = Column("month", _("Month"), "month")
SERVICE = Column("service", _("Service"))

open_datasets.register(Dataset(
    key="services", title=_("E-service catalogue"), order=10, frequency="irregular",
    description=_("The services this LGO offers, with the responsible department, the legal time limit, the fee "
                  "and whether requests can be filed online."),
    columns=(Column("title", _("Service")), Column("category", _("Category")), Column("department", _("Department")),
             Column("time_limit_days", _("Time limit (working days)"), "int"), Column("fee", _("Fee (baht)"), "baht"),
             Column("online", _("Online filing")), Column("url", _("Web address"))),
    compute=service_catalogue, keywords=("e-service", "บริการ", "คู่มือประชาชน"),
))
open_datasets.register(Dataset(
    key="case-statistics", title=_("Monthly e-service request statistics"), order=20,
    description=_("Per month and service: requests received and decided, the share decided within the legal time "
                  "limit and the median days to a decision. Counts only, no personal data."),
    columns=(MONTH, SERVICE, Column("received", pgettext_lazy("count", "Received"), "int"),
             Column("decided", _("Decided"), "int"),
             Column("on_time_share", _("On time (%)"), "percent"),
             Column("median_days", _("Median days to decision"), "days")),
    compute=case_statistics, keywords=("e-service", "สถิติ", "คำขอ"),
))
open_datasets.register(Dataset(
    key="fees", title=_("Fees billed and collected per month"), order=30,
    description=_("Fees and charges billed and payments received per month, in baht."),
    columns=(MONTH, Column("billed", _("Billed"), "baht"), Column("collected", _("Collected"), "baht")),
    compute=fees_collected, keywords=("ค่าธรรมเนียม", "รายได้", "fees"),
))
if "complaints" not in open_datasets:  # the complaints app's richer dataset wins (see core.insights)
    open_datasets.register(Dataset(
        key="complaints", title=_("Complaint statistics"), order=40,
        description=_("Complaints and repair requests per month: received, resolved, closed as outside the LGO's "
                      "authority, and the median days to a resolution."),
        columns=(MONTH, Column("received", pgettext_lazy("count", "Received"), "int"),
                 Column("resolved", _("Resolved"), "int"),
                 Column("not_our_authority", _("Outside our authority"), "int"),
                 Column("median_days", _("Median days to resolution"), "days")),
        compute=complaint_statistics, keywords=("ร้องเรียน", "complaints"),
    ))
