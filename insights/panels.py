"""The built-in executive-dashboard panels: cases, money and correspondence of one LGO.

Each `compute` is one or two aggregate queries over the LGO's rows in the last 12 months (or over open items only),
registered in `core.insights.dashboard_panels`; complaints and outreach add theirs from their own apps.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.insights import Chart, Column, Panel, Table, dashboard_panels
from eservices.constants import FINAL_STATUSES, SubmissionStatus
from eservices.models import Submission
from payments.constants import InvoiceStatus
from payments.models import Invoice, Payment
from saraban.constants import RoutingStatus, Urgency
from saraban.models import Routing
from wastefees.models import Bill

from .queries import as_month, days, fill_months, medians, months, percent, window_start

OVERDUE_LISTED = 20
DECIDED = [SubmissionStatus.APPROVED, *FINAL_STATUSES]


def _cases(organization, today: dt.date):
    return Submission.objects.for_organization(organization).filter(received_at__gte=window_start(today))


# --- Cases --------------------------------------------------------------------------------------------------------

def cases_by_service(organization, today: dt.date) -> Table:
    """Requests received in the window per service, split into open, decided and cancelled."""
    rows = (_cases(organization, today).values("service_title")
            .annotate(total=Count("id"),
                      open=Count("id", filter=~Q(status__in=DECIDED)),
                      decided=Count("id", filter=Q(status__in=DECIDED) & ~Q(status=SubmissionStatus.CANCELLED)),
                      cancelled=Count("id", filter=Q(status=SubmissionStatus.CANCELLED)))
            .order_by("-total", "service_title"))
    return Table([{"service": r["service_title"], **{k: r[k] for k in ("open", "decided", "cancelled", "total")}}
                  for r in rows])


def cases_per_month(organization, today: dt.date) -> Table:
    """Received vs decided per month (decided counts cases whose decision fell in that month)."""
    cases = Submission.objects.for_organization(organization)
    start = window_start(today)
    received = dict(cases.filter(received_at__gte=start).annotate(m=TruncMonth("received_at"))
                    .values("m").annotate(n=Count("id")).values_list("m", "n"))
    decided = dict(cases.filter(decided_at__gte=start).annotate(m=TruncMonth("decided_at"))
                   .values("m").annotate(n=Count("id")).values_list("m", "n"))
    by_month: dict[dt.date, dict] = {}
    for raw, n in received.items():
        by_month.setdefault(as_month(raw), {})["received"] = n
    for raw, n in decided.items():
        by_month.setdefault(as_month(raw), {})["decided"] = n
    return Table(fill_months(months(today), by_month, {"received": 0, "decided": 0}))


def on_time(organization, today: dt.date) -> Table:
    """Per service: decided cases with a legal time limit, how many were decided by their due date, and the share."""
    rows = (Submission.objects.for_organization(organization)
            .filter(decided_at__gte=window_start(today), due_date__isnull=False)
            .values("service_title")
            .annotate(decided=Count("id"), on_time=Count("id", filter=Q(decided_at__date__lte=F("due_date"))))
            .order_by("-decided", "service_title"))
    return Table([{"service": r["service_title"], "decided": r["decided"], "on_time": r["on_time"],
                   "late": r["decided"] - r["on_time"], "share": percent(r["on_time"], r["decided"])}
                  for r in rows])


def overdue_now(organization, today: dt.date) -> Table:
    """The open cases longest past their due date, each a link to the case (references only, no names)."""
    overdue = Submission.objects.for_organization(organization).overdue(today)
    total = overdue.count()
    rows = [{"reference": reference, "service": service, "due_date": due, "days_late": (today - due).days,
             "_url": reverse("eservices_admin:case", args=[pk])}
            for pk, reference, service, due in overdue.order_by("due_date", "id")
            .values_list("id", "reference", "service_title", "due_date")[:OVERDUE_LISTED]]
    note = _t("%(shown)s of %(total)s overdue requests, the longest overdue first.") % {
        "shown": len(rows), "total": f"{total:,}"} if total else _t("No request is overdue.")
    return Table(rows, note=note)


def median_days(organization, today: dt.date) -> Table:
    """Median days from receipt to decision per service, over decisions in the window."""
    decided = Submission.objects.for_organization(organization).filter(
        decided_at__gte=window_start(today), received_at__isnull=False)
    counts = dict(decided.values("service_title").annotate(n=Count("id")).values_list("service_title", "n"))
    middle = medians(decided, "service_title", "decided_at", "received_at")
    rows = sorted(({"service": s, "decided": n, "median_days": days(middle.get(s))} for s, n in counts.items()),
                  key=lambda r: (-r["decided"], r["service"]))
    return Table(rows)


# --- Money --------------------------------------------------------------------------------------------------------

def fees_per_month(organization, today: dt.date) -> Table:
    """Billed (invoices issued, not cancelled) vs collected (payments received) per month, in baht."""
    start = window_start(today)
    billed = (Invoice.objects.for_organization(organization).filter(created_at__gte=start)
              .exclude(status=InvoiceStatus.CANCELLED).annotate(m=TruncMonth("created_at"))
              .values("m").annotate(s=Sum("total")).values_list("m", "s"))
    collected = (Payment.objects.for_organization(organization).filter(paid_at__gte=start)
                 .annotate(m=TruncMonth("paid_at")).values("m").annotate(s=Sum("amount")).values_list("m", "s"))
    by_month: dict[dt.date, dict] = {}
    for raw, amount in billed:
        by_month.setdefault(as_month(raw), {})["billed"] = amount
    for raw, amount in collected:
        by_month.setdefault(as_month(raw), {})["collected"] = amount
    return Table(fill_months(months(today), by_month, {"billed": Decimal("0.00"), "collected": Decimal("0.00")}))


def arrears_by_zone(organization, today: dt.date) -> Table:
    """Waste-fee bills past due and not fully paid, per zone: how many and how much is owed."""
    rows = (Bill.objects.for_organization(organization)
            .filter(invoice__status__in=[InvoiceStatus.OPEN, InvoiceStatus.PARTIALLY_PAID],
                    invoice__due_date__lt=today)
            .values("zone__name")
            .annotate(bills=Count("id"), accounts=Count("account", distinct=True),
                      owed=Sum(F("invoice__total") - F("invoice__amount_paid")))
            .order_by("-owed", "zone__name"))
    return Table([{"zone": r["zone__name"], "accounts": r["accounts"], "bills": r["bills"],
                   "owed": (r["owed"] or Decimal(0)).quantize(Decimal("0.01"))} for r in rows])


def receipts_today(organization, today: dt.date) -> Table:
    """Money received today, by channel (cash, transfer, Thai QR, bank statement)."""
    from payments.constants import PaymentChannel

    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min), timezone.get_default_timezone())
    rows = (Payment.objects.for_organization(organization).filter(paid_at__gte=start)
            .values("channel").annotate(n=Count("id"), s=Sum("amount")).order_by("channel"))
    labels = dict(PaymentChannel.choices)
    return Table([{"channel": str(labels.get(r["channel"], r["channel"])), "payments": r["n"], "amount": r["s"]}
                  for r in rows])


# --- Correspondence -----------------------------------------------------------------------------------------------

URGENCY_KEYS = [u.value for u in Urgency]


def correspondence_waiting(organization, today: dt.date) -> Table:
    """Routings not yet done per receiving department and urgency, and how many are stalled (unread past the day
    they should have been read by)."""
    routings = Routing.objects.filter(document__organization=organization).exclude(status=RoutingStatus.DONE)
    grouped = (routings.values("to_department__name_th", "document__urgency")
               .annotate(n=Count("id"),
                         stalled=Count("id", filter=Q(status=RoutingStatus.PENDING, acknowledge_by__lt=today))))
    by_department: dict[str, dict] = {}
    for row in grouped:
        name = row["to_department__name_th"] or _t("Officers named directly")
        entry = by_department.setdefault(name, {"department": name, **dict.fromkeys(URGENCY_KEYS, 0),
                                                "stalled": 0, "total": 0})
        entry[row["document__urgency"]] = entry.get(row["document__urgency"], 0) + row["n"]
        entry["stalled"] += row["stalled"]
        entry["total"] += row["n"]
    return Table(sorted(by_department.values(), key=lambda r: (-r["total"], r["department"])))


SERVICE = Column("service", _("Service"))
MONTH = Column("month", _("Month"), "month")

dashboard_panels.register(Panel(
    key="cases_per_month", title=_("Requests received and decided per month"), section="cases", order=10,
    columns=(MONTH, Column("received", pgettext_lazy("count", "Received"), "int"),
             Column("decided", _("Decided"), "int")),
    compute=cases_per_month, chart=Chart("bar", "month", ("received", "decided")),
))
dashboard_panels.register(Panel(
    key="cases_by_service", title=_("Requests by service and status (last 12 months)"), section="cases", order=20,
    columns=(SERVICE, Column("open", _("In progress"), "int"), Column("decided", _("Decided"), "int"),
             Column("cancelled", _("Cancelled"), "int"), Column("total", _("Total"), "int")),
    compute=cases_by_service, chart=Chart("hbar", "service", ("open", "decided")),
))
dashboard_panels.register(Panel(
    key="on_time", title=_("Decided within the legal time limit"), section="cases", order=30,
    description=_("Decisions in the last 12 months of services with a time limit under the Licensing Facilitation "
                  "Act, against each case's due date in working days."),
    columns=(SERVICE, Column("decided", _("Decided"), "int"), Column("on_time", _("On time"), "int"),
             Column("late", _("Late"), "int"), Column("share", _("On time (%)"), "percent")),
    compute=on_time, chart=Chart("hbar", "service", ("share",)),
))
dashboard_panels.register(Panel(
    key="median_days", title=_("Median days from receipt to decision"), section="cases", order=40,
    columns=(SERVICE, Column("decided", _("Decided"), "int"), Column("median_days", _("Median (days)"), "days")),
    compute=median_days, chart=Chart("hbar", "service", ("median_days",)),
))
dashboard_panels.register(Panel(
    key="overdue_now", title=_("Overdue now"), section="cases", order=50, in_drilldown=False,
    columns=(Column("reference", _("Reference")), SERVICE, Column("due_date", _("Due date"), "date"),
             Column("days_late", _("Days overdue"), "int")),
    compute=overdue_now,
))
dashboard_panels.register(Panel(
    key="fees_per_month", title=_("Fees billed and collected per month (baht)"), section="money", order=10,
    columns=(MONTH, Column("billed", _("Billed"), "baht"), Column("collected", _("Collected"), "baht")),
    compute=fees_per_month, chart=Chart("bar", "month", ("billed", "collected")),
))
dashboard_panels.register(Panel(
    key="arrears_by_zone", title=_("Waste-fee arrears by zone"), section="money", order=20,
    columns=(Column("zone", _("Zone")), Column("accounts", pgettext_lazy("count", "Accounts"), "int"),
             Column("bills", pgettext_lazy("count", "Bills"), "int"),
             Column("owed", _("Owed (baht)"), "baht")),
    compute=arrears_by_zone, chart=Chart("hbar", "zone", ("owed",)),
))
dashboard_panels.register(Panel(
    key="receipts_today", title=_("Received today"), section="money", order=30,
    columns=(Column("channel", _("Channel")), Column("payments", pgettext_lazy("count", "Payments"), "int"),
             Column("amount", _("Amount (baht)"), "baht")),
    compute=receipts_today, chart=Chart("hbar", "channel", ("amount",)),
))
dashboard_panels.register(Panel(
    key="correspondence_waiting", title=_("Correspondence waiting, by department and urgency"),
    section="correspondence", order=10,
    columns=(Column("department", _("Department")),
             *(Column(u.value, u.label, "int") for u in Urgency),
             Column("stalled", _("Stalled"), "int"), Column("total", _("Total"), "int")),
    compute=correspondence_waiting, chart=Chart("stacked", "department", tuple(URGENCY_KEYS)),
))
