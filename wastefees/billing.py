"""The monthly billing run: one invoice per active account per period, idempotent.

`run_billing` is the only way bills come into being. It reads the whole LGO in a handful of queries and hands all
invoices to `payments.services.create_invoice_refs` in one go (one counter lock for the whole number range, COPY,
ids and totals back instead of 100,000 model instances), because an LGO with 100,000 accounts must be billed within
10 seconds; one `create_invoice` per account would take minutes. Idempotency rests on two constraints:
`Bill(account, period)` is unique here, and payments keeps one live invoice per (source_type, source_id). A re-run
finds every account billed and adds nothing.

Choices the ordinances leave to us, written down once:
* An account is billed for a month when its service covers any day of that month (no pro-rating).
* The tariff is the one in force on the first day of the month.
* A month is due on its last day (bills go out at the start of the month they cover).
* Ref1 is the account number, Ref2 the period as Buddhist Era year and month ("256911").
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.bulk import analyze, insert_rows, reserve_ids
from core.thai import thai_date
from organizations.models import Organization
from payments.exceptions import PaymentError
from payments.services import InvoiceDraft, InvoiceLineData, create_invoice_refs

from .constants import BILL_SOURCE_TYPE, BillingRunStatus, PickupBilling
from .models import Bill, BillingRun, Pickup, ServiceAccount, TariffRate
from .periods import period_end, period_key, period_ref2, thai_period
from .selectors import tariff_in_force

logger = logging.getLogger(__name__)
ZERO = Decimal("0.00")
BATCH = 2000
ANALYZE_AFTER = 10_000  # bills in one run; below that autovacuum's statistics are good enough
# Bills go in with COPY (core.bulk): every column, in this order, Django defaults not applied.
BILL_FIELDS = ("id", "organization_id", "account_id", "period", "zone_id", "invoice_id", "run_id", "total",
               "created_at")


class BillingError(Exception):
    """The run cannot start (for example no tariff in force); the message is translated and fit to show."""


@dataclass
class _Counts:
    considered: int = 0
    created: int = 0
    existing: int = 0
    skipped: int = 0
    total: Decimal = ZERO


def bill_source_id(account_id: int, period: dt.date) -> str:
    """The invoice source id of one account's month: "123:2026-11"."""
    return f"{account_id}:{period_key(period)}"


def start_billing_run(*, organization: Organization, period: dt.date, actor=None) -> BillingRun:
    """Record a run for `period` and bill it (in the background when a task worker is configured)."""
    from .tasks import billing_run_task

    run = BillingRun.objects.create(organization=organization, period=period.replace(day=1), started_by=actor)
    billing_run_task.enqueue(run.pk)
    run.refresh_from_db()
    return run


def run_billing(*, organization: Organization, period: dt.date, actor=None) -> BillingRun:
    """Bill `period` for every active account of `organization` now, recording the run. Returns the finished run."""
    run = BillingRun.objects.create(organization=organization, period=period.replace(day=1), started_by=actor)
    return execute_run(run)


def execute_run(run: BillingRun) -> BillingRun:
    """Do the billing of a recorded run. A failure rolls every bill back and leaves the run marked FAILED."""
    try:
        with transaction.atomic():
            # One run per LGO at a time: the second waits here, then finds everything billed.
            Organization.objects.select_for_update().filter(pk=run.organization_id).first()
            counts = _bill_period(run)
    except BillingError as exc:
        _finish(run, status=BillingRunStatus.FAILED, error=str(exc))
        raise
    except Exception as exc:
        # Officers read run.error: a payments rule says what is wrong in their words; anything else (a database
        # error) is for the logs, and the officer is told that nothing was saved.
        logger.exception("Billing run %s failed", run.pk)
        _finish(run, status=BillingRunStatus.FAILED, error=str(exc) if isinstance(exc, PaymentError) else _(
            "Billing failed and no bill was saved. Please contact the system administrator."))
        raise
    run.accounts_considered = counts.considered
    run.bills_created = counts.created
    run.bills_existing = counts.existing
    run.accounts_skipped = counts.skipped
    run.total_billed = counts.total
    _finish(run, status=BillingRunStatus.FINISHED)
    return run


def _finish(run: BillingRun, *, status: str, error: str = "") -> None:
    run.status = status
    run.error = error[:2000]
    run.finished_at = timezone.now()
    run.save()


def _bill_period(run: BillingRun) -> _Counts:
    organization = run.organization
    period = run.period
    tariff = tariff_in_force(organization, period)
    if tariff is None:
        raise BillingError(
            _("No tariff is in force on %(date)s; add the ordinance's tariff first.") % {"date": thai_date(period)}
        )
    rates = {rate.tariff_class_id: rate for rate in TariffRate.objects.filter(tariff=tariff)
             .select_related("tariff_class")}
    counts = _Counts()
    end = period_end(period)
    billed = set(Bill.objects.for_organization(organization).filter(period=period)
                 .values_list("account_id", flat=True))
    pickups = _pending_pickups(organization, end)
    accounts = (
        ServiceAccount.objects.for_organization(organization).active_during(period, end)
        .order_by("pk")
        .values_list("pk", "number", "owner_name", "phone", "email", "tax_id", "tariff_class_id", "wastewater",
                     "zone_id", named=True)
    )
    drafts: list[InvoiceDraft] = []
    billed_accounts: list[Any] = []
    ref2 = period_ref2(period)
    with translation.override("th"):  # bills and receipts are printed in Thai whatever the officer's language
        texts = BillTexts.for_period(period)
        # Most accounts share their lines with every other account of the same class: build each set once.
        shared: dict[tuple[int, bool], list[InvoiceLineData]] = {}
        for account in accounts.iterator(chunk_size=BATCH):
            counts.considered += 1
            if account.pk in billed:
                counts.existing += 1
                continue
            own_pickups = pickups.get(account.pk)
            key = (account.tariff_class_id, account.wastewater)
            if own_pickups:
                lines = monthly_lines(account, rates.get(account.tariff_class_id), texts, own_pickups)
            elif key in shared:
                lines = shared[key]
            else:
                lines = shared[key] = monthly_lines(account, rates.get(account.tariff_class_id), texts, [])
            if not lines:
                counts.skipped += 1
                continue
            drafts.append(InvoiceDraft(
                payer_name=account.owner_name, lines=lines, ref1=account.number, ref2=ref2, due_date=end,
                source_type=BILL_SOURCE_TYPE, source_id=bill_source_id(account.pk, period),
                payer_email=account.email, payer_phone=account.phone, payer_id=account.tax_id,
            ))
            billed_accounts.append(account)
    invoices = create_invoice_refs(organization=organization, drafts=drafts)
    now = timezone.now()
    bill_ids = reserve_ids(Bill, len(invoices))
    rows = [
        (bill_id, organization.pk, account.pk, period, account.zone_id, invoice.pk, run.pk, invoice.total, now)
        for bill_id, account, invoice in zip(bill_ids, billed_accounts, invoices, strict=True)
    ]
    insert_rows(Bill, BILL_FIELDS, rows)
    if len(rows) >= ANALYZE_AFTER:
        analyze(Bill)  # the dashboard and next month's run plan from fresh statistics, not last month's
    _attach_pickups(pickups, {row[2]: (row[0], row[5]) for row in rows})
    counts.created = len(rows)
    counts.total = sum((row[7] for row in rows), ZERO)
    return counts


@dataclass(frozen=True)
class BillTexts:
    """The line descriptions of one period, translated once per run (not 300,000 times)."""

    collection: str
    disposal: str
    wastewater: str

    @classmethod
    def for_period(cls, period: dt.date) -> BillTexts:
        label = {"period": thai_period(period)}
        return cls(
            collection=_("Waste collection fee, %(period)s") % label,
            disposal=_("Waste disposal fee, %(period)s") % label,
            wastewater=_("Wastewater treatment fee, %(period)s") % label,
        )


def pickup_description(pickup: Pickup) -> str:
    return _("Occasional pickup: %(what)s (%(date)s)") % {
        "what": pickup.description, "date": thai_date(pickup.picked_up_on, short=True)}


def monthly_lines(account: Any, rate: TariffRate | None, texts: BillTexts,
                  pickups: list[Pickup]) -> list[InvoiceLineData]:
    """The lines of one account's monthly bill: collection, disposal, wastewater (if ticked), pending pickups.

    Zero lines are left out (an ordinance may charge no disposal fee for a class). No rate means the class was left
    out of the tariff: the account is skipped and the run reports it, rather than billing a guessed amount.
    """
    if rate is None:
        return []
    lines = [
        InvoiceLineData(description=texts.collection, amount=rate.collection_fee),
        InvoiceLineData(description=texts.disposal, amount=rate.disposal_fee),
    ]
    if account.wastewater:
        lines.append(InvoiceLineData(description=texts.wastewater, amount=rate.wastewater_fee))
    lines.extend(InvoiceLineData(description=pickup_description(pickup), amount=pickup.amount) for pickup in pickups)
    return [line for line in lines if line.amount > ZERO]


def _pending_pickups(organization: Organization, end: dt.date) -> dict[int, list[Pickup]]:
    """Pickups waiting for the next bill, up to the end of the period, by account."""
    pending: dict[int, list[Pickup]] = {}
    rows = (
        Pickup.objects.for_organization(organization)
        .filter(billing=PickupBilling.NEXT_BILL, invoice__isnull=True, picked_up_on__lte=end)
        .order_by("picked_up_on", "pk")
    )
    for pickup in rows:
        pending.setdefault(pickup.account_id, []).append(pickup)
    return pending


def _attach_pickups(pickups: dict[int, list[Pickup]], bills: dict[int, tuple[int, int]]) -> None:
    """Mark the pickups as charged on the bill (bill id, invoice id) of their account."""
    changed = []
    for account_id, items in pickups.items():
        if account_id not in bills:
            continue
        for pickup in items:
            pickup.bill_id, pickup.invoice_id = bills[account_id]
            changed.append(pickup)
    Pickup.objects.bulk_update(changed, ["bill", "invoice"], batch_size=BATCH)
