"""Reads that are more than a filter: tariffs in force, arrears, an account's bills, the dashboard figures."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import Least
from django.utils import timezone

from payments.constants import PAYABLE_STATUSES, InvoiceStatus
from payments.models import Invoice

from .constants import AccountStatus, PickupBilling
from .models import Bill, Pickup, ServiceAccount, Tariff, Zone

ZERO = Decimal("0.00")


def tariff_in_force(organization, day: dt.date) -> Tariff | None:
    """The tariff of `organization` in force on `day` (the latest-starting one, should data ever overlap)."""
    return Tariff.objects.for_organization(organization).in_force_on(day).order_by("-effective_from").first()


def account_invoices(account: ServiceAccount) -> QuerySet[Invoice]:
    """Every live invoice of an account: its monthly bills and pickups billed at once, newest first.

    The invoice ids come from two small indexed look-ups (bills and pickups by account) rather than one query with
    an OR across joins, which PostgreSQL can only answer by scanning every invoice of the LGO (seconds at a million).
    """
    ids = list(Bill.objects.filter(account=account).values_list("invoice_id", flat=True))
    ids += Pickup.objects.filter(account=account, invoice__isnull=False, billing=PickupBilling.IMMEDIATE) \
        .values_list("invoice_id", flat=True)
    return (
        Invoice.objects.for_organization(account.organization_id).filter(pk__in=ids)
        .exclude(status=InvoiceStatus.CANCELLED)
        .order_by("-due_date", "-pk")
    )


def arrears_total(invoices) -> Decimal:
    return sum((invoice.amount_due for invoice in invoices), ZERO)


def overdue_bills(organization, *, older_than_days: int, today: dt.date | None = None) -> QuerySet[Bill]:
    """Bills still unpaid more than `older_than_days` days after their due date."""
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=older_than_days)
    return Bill.objects.for_organization(organization).filter(
        invoice__status__in=PAYABLE_STATUSES, invoice__due_date__lt=cutoff
    )


def accounts_for_list(organization, *, zone: Zone | int | None = None, status: str = "", arrears: bool = False,
                      query: str = "", today: dt.date | None = None,
                      flag_arrears: bool = False) -> QuerySet[ServiceAccount]:
    """The officer's account list: filters by zone, active status and arrears, plus a search box.

    `arrears` keeps the accounts with a monthly bill unpaid past its due date (one EXISTS subquery);
    `flag_arrears` annotates every account with that as `in_arrears` (for exports: a page of the list gets its
    counts and amounts from `arrears_for_accounts` instead, 50 accounts at a time).
    """
    today = today or timezone.localdate()
    accounts = ServiceAccount.objects.for_organization(organization).select_related("zone", "tariff_class")
    if zone:
        accounts = accounts.filter(zone=zone)
    if status == AccountStatus.ACTIVE:
        accounts = accounts.active_during(today, today)
    elif status == AccountStatus.ENDED:
        accounts = accounts.filter(active_to__lt=today)
    elif status == AccountStatus.FUTURE:
        accounts = accounts.filter(active_from__gt=today)
    query = (query or "").strip()
    if query:
        accounts = accounts.filter(
            Q(number__iexact=query.upper()) | Q(owner_name__icontains=query) | Q(address__icontains=query)
            | Q(phone=query) | Q(tax_id=query.replace("-", ""))
        )
    overdue = Exists(Bill.objects.filter(
        account=OuterRef("pk"), invoice__status__in=PAYABLE_STATUSES, invoice__due_date__lt=today
    ))
    if flag_arrears:
        accounts = accounts.annotate(in_arrears=overdue)
    if arrears:
        accounts = accounts.filter(overdue)
    return accounts.order_by("number")


def arrears_for_accounts(account_ids: list[int], *, today: dt.date | None = None) -> dict[int, tuple[int, Decimal]]:
    """{account id: (number of overdue bills, amount still due)} for one page of accounts, in one query."""
    today = today or timezone.localdate()
    rows = (
        Bill.objects.filter(account_id__in=account_ids, invoice__status__in=PAYABLE_STATUSES,
                            invoice__due_date__lt=today)
        .values("account_id")
        .annotate(n=Count("pk"), total=Sum("invoice__total"), paid=Sum("invoice__amount_paid"))
    )
    return {row["account_id"]: (row["n"], (row["total"] or ZERO) - (row["paid"] or ZERO)) for row in rows}


@dataclass
class DashboardCell:
    billed: Decimal = ZERO
    paid: Decimal = ZERO
    bills: int = 0
    paid_bills: int = 0

    @property
    def unpaid(self) -> Decimal:
        return max(self.billed - self.paid, ZERO)

    @property
    def paid_percent(self) -> int:
        return int(self.paid * 100 / self.billed) if self.billed else 0


@dataclass
class Dashboard:
    """Billed, paid and unpaid by zone (rows) and month (columns), with totals both ways."""

    periods: list[dt.date]
    zones: list[Zone]
    cells: dict[tuple[int, dt.date], DashboardCell] = field(default_factory=dict)
    by_period: dict[dt.date, DashboardCell] = field(default_factory=dict)
    by_zone: dict[int, DashboardCell] = field(default_factory=dict)
    total: DashboardCell = field(default_factory=DashboardCell)

    def cell(self, zone_id: int, period: dt.date) -> DashboardCell:
        return self.cells.get((zone_id, period), DashboardCell())

    @property
    def max_billed(self) -> Decimal:
        return max((cell.billed for cell in self.by_period.values()), default=ZERO)


def dashboard(organization, *, periods: list[dt.date]) -> Dashboard:
    """Sum monthly bills by zone and period in one grouped query (the amount paid counts what settled each bill)."""
    zones = list(Zone.objects.for_organization(organization))
    board = Dashboard(periods=periods, zones=zones)
    rows = (
        Bill.objects.for_organization(organization).filter(period__in=periods)
        .exclude(invoice__status=InvoiceStatus.CANCELLED)
        .values("zone_id", "period")
        .annotate(
            # Overpayment is a refund matter, not revenue of the month: a bill counts at most what it billed.
            billed=Sum("invoice__total"), paid=Sum(Least("invoice__amount_paid", "invoice__total")), bills=Count("pk"),
            paid_bills=Count("pk", filter=Q(invoice__status__in=[InvoiceStatus.PAID, InvoiceStatus.OVERPAID])),
        )
    )
    for row in rows:
        cell = DashboardCell(billed=row["billed"] or ZERO, paid=row["paid"] or ZERO,
                             bills=row["bills"], paid_bills=row["paid_bills"])
        board.cells[(row["zone_id"], row["period"])] = cell
        for bucket in (board.by_period.setdefault(row["period"], DashboardCell()),
                       board.by_zone.setdefault(row["zone_id"], DashboardCell()), board.total):
            bucket.billed += cell.billed
            bucket.paid += cell.paid
            bucket.bills += cell.bills
            bucket.paid_bills += cell.paid_bills
    return board
