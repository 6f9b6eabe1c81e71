"""The one write path for invoices, payments and receipts.

Every function is keyword-only and runs inside `transaction.atomic()`. Money is `Decimal` baht (an `int` is taken
as whole baht); a `float` raises `TypeError` everywhere, because it cannot hold most satang amounts exactly.

Receipts are issued in the same transaction as their payment, with a number from a locked counter, so receipt
numbers are gap-free per LGO and fiscal year (Oct–Sep). The receipt PDF is rendered lazily on first download and
kept in private storage (`payments.receipts.receipt_pdf`): a bulk statement import of 100,000 lines must not render
100,000 PDFs, and a void simply drops the stored file so the next download shows the "ยกเลิก" watermark.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import json
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, ClassVar, NamedTuple

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.bulk import ANALYZE_THRESHOLD, RawJSON, analyze, insert_rows, matching, reserve_ids
from core.counters import next_number
from core.thai import fiscal_year

from .constants import (
    CONSOLIDATED_REF2,
    MONEY_PLACES,
    PAYABLE_STATUSES,
    SETTLED_STATUSES,
    InvoiceStatus,
    PaymentChannel,
)
from .exceptions import (
    InvalidInvoice,
    InvoiceHasPayments,
    InvoiceNotPayable,
    ReceiptAlreadyVoided,
    ReferenceInUse,
)
from .models import Invoice, InvoiceLine, Payment, Receipt
from .permissions import can_take_payments, can_void_receipts
from .tasks import send_invoice_paid

IN_CHUNK = 2000  # keys per IN (...) query: well under SQLite's and PostgreSQL's parameter limits
ZERO = Decimal("0.00")


# --- Values ------------------------------------------------------------------------------------------------------


def to_money(value: Any, *, field: str = "amount") -> Decimal:
    """Check and normalise an amount of baht to a Decimal with 2 places. Floats raise TypeError."""
    if isinstance(value, (float, bool)):
        raise TypeError(f"{field} must be a Decimal (or int baht), never {type(value).__name__}")
    if isinstance(value, int):
        value = Decimal(value)
    if not isinstance(value, Decimal):
        raise TypeError(f"{field} must be a Decimal, got {type(value).__name__}")
    if not value.is_finite():
        raise InvalidInvoice(_("The amount must be a number."))
    if abs(value) >= Decimal("10000000000"):  # checked first: quantizing 1E+30 would overflow the context
        raise InvalidInvoice(_("The amount is too large."))
    quantized = value.quantize(MONEY_PLACES)
    if quantized != value:
        raise InvalidInvoice(_("Amounts have at most 2 decimal places (satang)."))
    return quantized


_REFERENCE = re.compile(r"[A-Z0-9]{1,20}")


def normalize_reference(value: str, *, field: str = "Ref1", required: bool = True) -> str:
    """Upper-case and check a bank reference: 1–20 of A–Z and 0–9 (what every Thai bank's settlement file keeps)."""
    if not isinstance(value, str):
        raise TypeError(f"{field} must be a str")
    text = value.strip().upper()
    if not text and not required:
        return ""
    if not _REFERENCE.fullmatch(text):  # reference_validator's rule, without a validator call per invoice
        raise InvalidInvoice(
            _("%(field)s must be 1–20 capital English letters or digits; got “%(value)s”.")
            % {"field": field, "value": value}
        )
    return text


@dataclass(frozen=True)
class InvoiceLineData:
    """One line to bill: `amount` is per unit, in baht."""

    description: str
    amount: Decimal
    quantity: int = 1


@dataclass(frozen=True)
class InvoiceDraft:
    """Everything `create_invoices` needs for one invoice (the bulk form of `create_invoice`'s arguments)."""

    payer_name: str
    lines: Sequence[InvoiceLineData]
    ref1: str = ""
    ref2: str = ""
    due_date: dt.date | None = None
    source_type: str = ""
    source_id: str = ""
    payer_email: str = ""
    payer_phone: str = ""
    payer_id: str = ""


# --- Invoices ----------------------------------------------------------------------------------------------------


def create_invoice(
    *,
    organization,
    payer_name: str,
    lines: Sequence[InvoiceLineData],
    ref1: str,
    ref2: str = "",
    due_date: dt.date | None,
    source_type: str,
    source_id: str,
    payer_email: str = "",
    payer_phone: str = "",
    payer_id: str = "",
) -> Invoice:
    """Raise one invoice. Idempotent per (organization, source_type, source_id): a second call returns the live one.

    `ref1` may be empty: the invoice number (without dashes) is then used. Raises `InvalidInvoice` for bad data and
    `ReferenceInUse` when another payable invoice of the LGO already has this Ref1/Ref2.
    """
    draft = InvoiceDraft(
        payer_name=payer_name, lines=lines, ref1=ref1, ref2=ref2, due_date=due_date, source_type=source_type,
        source_id=str(source_id), payer_email=payer_email, payer_phone=payer_phone, payer_id=payer_id,
    )
    try:
        return create_invoices(organization=organization, drafts=[draft])[0]
    except IntegrityError:
        # A concurrent call for the same source won the race: return its invoice.
        existing = _live_for_sources(organization, [(draft.source_type, draft.source_id)]) if source_type else {}
        if existing:
            return next(iter(existing.values()))
        raise


def create_invoices(*, organization, drafts: Sequence[InvoiceDraft]) -> list[Invoice]:
    """Raise many invoices in one transaction with a few queries. Returns them in `drafts` order.

    Drafts whose (source_type, source_id) already has a live (not cancelled) invoice return that invoice instead,
    so a re-run adds nothing. Every draft is checked before anything is written. Billing runs, which need only ids
    and totals, call `create_invoice_refs` and skip building a model instance per invoice.
    """
    with transaction.atomic():
        refs, written = _create_invoices(organization, drafts)
        found = Invoice.objects.select_related("organization").in_bulk(
            [ref.pk for ref in refs if ref.pk not in written])
    attnames = [field.attname for field in Invoice._meta.concrete_fields]
    for pk, row in written.items():
        invoice = Invoice.from_db("default", attnames, row)  # the positional fast path of Model.__init__
        invoice.organization = organization
        found[pk] = invoice
    return [found[ref.pk] for ref in refs]


class InvoiceRef(NamedTuple):
    """What a bulk biller keeps of each invoice: its id and total (100,000 model instances cost seconds)."""

    pk: int
    total: Decimal
    source_type: str
    source_id: str


def create_invoice_refs(*, organization, drafts: Sequence[InvoiceDraft]) -> list[InvoiceRef]:
    """`create_invoices` for billing runs: the same checks and idempotency (a draft whose source already has a live
    invoice gets that invoice's ref), returning (id, total, source) tuples instead of model instances."""
    with transaction.atomic():
        return _create_invoices(organization, drafts)[0]


def _create_invoices(organization, drafts: Sequence[InvoiceDraft]) -> tuple[list[InvoiceRef], dict[int, tuple]]:
    """The refs in `drafts` order, and the rows written (by id, in `_INVOICE_FIELDS` order)."""
    lines_seen: dict[int, list[InvoiceLineData]] = {}
    cleaned = [_clean_draft(draft, lines_seen) for draft in drafts]
    keys = [(d.source_type, d.source_id) for d in cleaned if d.source_type]
    existing = _live_refs_for_sources(organization, keys)
    new = [d for d in cleaned if not (d.source_type and (d.source_type, d.source_id) in existing)]
    rows = _insert_invoices(organization, _drop_repeated_sources(new))
    made = [InvoiceRef(row[0], row[7], row[14], row[15]) for row in rows]
    by_source = {**existing, **{(r.source_type, r.source_id): r for r in made if r.source_type}}
    fresh = iter([r for r in made if not r.source_type])
    refs = [by_source[(d.source_type, d.source_id)] if d.source_type else next(fresh) for d in cleaned]
    return refs, {row[0]: row for row in rows}


def _clean_draft(draft: InvoiceDraft, lines_seen: dict[int, list[InvoiceLineData]] | None = None) -> InvoiceDraft:
    """Check and normalise one draft. A billing run hands the same list of lines to thousands of drafts:
    `lines_seen` (keyed by the list's id, alive as long as the drafts) checks each such list once."""
    if not draft.payer_name or not draft.payer_name.strip():
        raise InvalidInvoice(_("The payer's name is required."))
    if not draft.lines:
        raise InvalidInvoice(_("An invoice needs at least one line."))
    lines = lines_seen.get(id(draft.lines)) if lines_seen is not None else None
    if lines is None:
        lines = _clean_lines(draft.lines)
        if lines_seen is not None:
            lines_seen[id(draft.lines)] = lines
    return InvoiceDraft(
        payer_name=draft.payer_name.strip()[:255],
        lines=lines,
        ref1=normalize_reference(draft.ref1, field="Ref1", required=False),
        ref2=_own_ref2(draft.ref2),
        due_date=draft.due_date,
        source_type=draft.source_type[:100],
        source_id=str(draft.source_id)[:100],
        payer_email=draft.payer_email.strip(),
        payer_phone=draft.payer_phone.strip()[:30],
        payer_id=draft.payer_id.replace("-", "").replace(" ", "")[:13],
    )


def _clean_lines(draft_lines: Sequence[InvoiceLineData]) -> list[InvoiceLineData]:
    lines = []
    for line in draft_lines:
        if not isinstance(line.quantity, int) or isinstance(line.quantity, bool) or line.quantity < 1:
            raise InvalidInvoice(_("A line's quantity must be a whole number of at least 1."))
        amount = to_money(line.amount, field="line amount")
        if amount < 0:
            raise InvalidInvoice(_("A line's amount cannot be negative."))
        if not line.description.strip():
            raise InvalidInvoice(_("Every line needs a description."))
        lines.append(InvoiceLineData(description=line.description.strip()[:255], amount=amount,
                                     quantity=line.quantity))
    return lines


def _own_ref2(value: str) -> str:
    ref2 = normalize_reference(value, field="Ref2", required=False)
    if ref2 == CONSOLIDATED_REF2:
        raise InvalidInvoice(_("Ref2 “%(ref2)s” is reserved for paying several bills at once.") % {"ref2": ref2})
    return ref2


def _drop_repeated_sources(drafts: list[InvoiceDraft]) -> list[InvoiceDraft]:
    """The same source twice in one batch bills once."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for draft in drafts:
        key = (draft.source_type, draft.source_id)
        if draft.source_type and key in seen:
            continue
        seen.add(key)
        kept.append(draft)
    return kept


def _live_for_sources(organization, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Invoice]:
    found: dict[tuple[str, str], Invoice] = {}
    by_type: dict[str, list[str]] = {}
    for source_type, source_id in keys:
        by_type.setdefault(source_type, []).append(source_id)
    for source_type, ids in by_type.items():
        for chunk in chunks(ids):
            rows = (
                Invoice.objects.for_organization(organization)
                .filter(source_type=source_type, source_id__in=chunk)
                .exclude(status=InvoiceStatus.CANCELLED)
                .select_related("organization")
            )
            found.update({(row.source_type, row.source_id): row for row in rows})
    return found


_INVOICE_FIELDS = ("id", "organization", "number", "payer_name", "payer_email", "payer_phone", "payer_id", "total",
                   "amount_paid", "status", "refund_pending", "ref1", "ref2", "due_date", "source_type", "source_id",
                   "cancelled_at", "cancel_reason", "created_at", "updated_at")
_LINE_FIELDS = ("invoice", "description", "quantity", "unit_amount", "amount", "sort_order")


def _live_refs_for_sources(organization, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], InvoiceRef]:
    """The live invoices already raised for these sources, as refs (one array query per source type)."""
    found: dict[tuple[str, str], InvoiceRef] = {}
    by_type: dict[str, list[str]] = {}
    for source_type, source_id in keys:
        by_type.setdefault(source_type, []).append(source_id)
    for source_type, ids in by_type.items():
        live = (Invoice.objects.for_organization(organization).filter(source_type=source_type)
                .exclude(status=InvoiceStatus.CANCELLED))
        for queryset in matching(live, "source_id", ids):
            for row in queryset.values_list("pk", "total", "source_type", "source_id"):
                ref = InvoiceRef(*row)
                found[(ref.source_type, ref.source_id)] = ref
    return found


def _insert_invoices(organization, drafts: list[InvoiceDraft]) -> list[tuple]:
    """Number and write the invoices and their lines (COPY on PostgreSQL: billing runs write 100,000 at once).
    Returns the invoice rows written, in `_INVOICE_FIELDS` order."""
    if not drafts:
        return []
    now = timezone.now()
    year = fiscal_year(now)
    first = next_number(f"payments.invoice:{organization.pk}:{year}", len(drafts))
    ids = reserve_ids(Invoice, len(drafts))
    totals: dict[int, Decimal] = {}  # drafts of one billing run share their lines: add each list up once
    rows = []
    open_status = InvoiceStatus.OPEN.value
    for offset, (pk, draft) in enumerate(zip(ids, drafts, strict=True)):
        sequence = first + offset
        total = totals.get(id(draft.lines))
        if total is None:
            total = totals[id(draft.lines)] = to_money(
                sum((line.amount * line.quantity for line in draft.lines), ZERO), field="total")
        rows.append((
            pk, organization.pk, f"INV-{year}-{sequence:06d}", draft.payer_name, draft.payer_email,
            draft.payer_phone, draft.payer_id, total, ZERO, open_status, False, draft.ref1 or f"{year}{sequence:06d}",
            draft.ref2, draft.due_date, draft.source_type, draft.source_id, None, "", now, now,
        ))
    _refuse_reference_clashes(organization, rows)
    insert_rows(Invoice, _INVOICE_FIELDS, rows)
    insert_rows(InvoiceLine, _LINE_FIELDS, [
        (row[0], line.description, line.quantity, line.amount, line.amount * line.quantity, index)
        for row, draft in zip(rows, drafts, strict=True)
        for index, line in enumerate(draft.lines)
    ])
    if len(rows) >= ANALYZE_THRESHOLD:
        analyze(Invoice, InvoiceLine)
    return rows


def _refuse_reference_clashes(organization, rows: list[tuple]) -> None:
    """Ref1/Ref2 must name one payable invoice: the bank reports nothing else (rows in `_INVOICE_FIELDS` order)."""
    wanted: set[tuple[str, str]] = set()
    for row in rows:
        key = (row[11], row[12])
        if key in wanted:
            raise ReferenceInUse(_("Two invoices in this batch have Ref1 %(ref1)s and Ref2 %(ref2)s.")
                                 % {"ref1": key[0], "ref2": key[1] or "-"})
        wanted.add(key)
    payable = Invoice.objects.for_organization(organization).payable()
    for queryset in matching(payable, "ref1", sorted({ref1 for ref1, _ref2 in wanted})):
        for ref1, ref2 in queryset.values_list("ref1", "ref2"):
            if (ref1, ref2) in wanted:
                raise ReferenceInUse(
                    _("An unpaid invoice with Ref1 %(ref1)s and Ref2 %(ref2)s already exists.")
                    % {"ref1": ref1, "ref2": ref2 or "-"}
                )


def cancel_invoice(*, invoice: Invoice, reason: str, actor=None) -> Invoice:
    """Cancel an invoice that has taken no money (a bill raised by mistake or withdrawn). `actor` None = the system."""
    if actor is not None and not can_take_payments(actor, invoice.organization):
        raise PermissionDenied
    if not reason or not reason.strip():
        raise InvalidInvoice(_("Give a reason for cancelling."))
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        if locked.status == InvoiceStatus.CANCELLED:
            return locked
        if locked.amount_paid != ZERO:
            raise InvoiceHasPayments(_("This invoice has payments; void their receipts before cancelling it."))
        locked.status = InvoiceStatus.CANCELLED
        locked.cancelled_at = timezone.now()
        locked.cancel_reason = reason.strip()[:500]
        locked.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
    _copy_state(locked, invoice)
    return invoice


def clear_refund(*, invoice: Invoice, actor, note: str = "") -> Invoice:
    """An officer confirms the overpaid difference was refunded to the payer."""
    if not can_take_payments(actor, invoice.organization):
        raise PermissionDenied
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().get(pk=invoice.pk)
        locked.refund_pending = False
        locked.save(update_fields=["refund_pending", "updated_at"])
    _copy_state(locked, invoice)
    return invoice


# --- Payments ----------------------------------------------------------------------------------------------------


def record_payment(
    *,
    invoice: Invoice,
    amount: Decimal,
    channel: PaymentChannel | str,
    provider: str,
    provider_reference: str,
    paid_at: dt.datetime,
    recorded_by=None,
    raw: dict | None = None,
    note: str = "",
) -> Payment:
    """Record money received against `invoice` and issue its receipt, atomically.

    Idempotent on (provider, provider_reference): a second call returns the first payment and changes nothing.
    The invoice row is locked (`select_for_update`) so concurrent payments add up instead of overwriting each other.
    Partial payment leaves the invoice PARTIALLY_PAID; paying more than due makes it OVERPAID with `refund_pending`
    set for an officer. `invoice_paid` is sent after commit when the invoice becomes settled. A cancelled invoice
    raises `InvoiceNotPayable`.
    """
    amount = to_money(amount)
    if amount <= 0:
        raise InvalidInvoice(_("A payment must be more than 0 baht."))
    if channel not in PaymentChannel.values:
        raise ValueError(f"unknown payment channel {channel!r}")
    if not provider or not provider_reference:
        raise ValueError("provider and provider_reference are required")
    if not isinstance(paid_at, dt.datetime) or timezone.is_naive(paid_at):
        raise ValueError("paid_at must be a timezone-aware datetime")
    with transaction.atomic():
        locked = Invoice.objects.select_for_update().select_related("organization").get(pk=invoice.pk)
        existing = Payment.objects.filter(provider=provider, provider_reference=provider_reference).first()
        if existing is not None:
            _copy_state(locked, invoice)
            return existing
        if locked.status == InvoiceStatus.CANCELLED:
            raise InvoiceNotPayable(_("Invoice %(number)s was cancelled.") % {"number": locked.number})
        [payment_id] = record_payments(organization=locked.organization, payments=[NewPayment(
            bill=BillState.of(locked), amount=amount, paid_at=paid_at, channel=str(channel), provider=provider,
            provider_reference=provider_reference[:100], recorded_by_id=getattr(recorded_by, "pk", None),
            raw=raw or {}, note=note[:500],
        )])
        locked.refresh_from_db(fields=["amount_paid", "status", "refund_pending", "updated_at"])
        payment = Payment.objects.select_related("receipt").get(pk=payment_id)
    _copy_state(locked, invoice)
    return payment


@dataclass(slots=True)
class BillState:
    """The invoice fields a payment needs, as plain values: a statement import reads 100,000 of them, and building
    model instances for that many costs more than the whole import may take."""

    pk: int
    number: str
    payer_name: str
    payer_id: str
    ref1: str
    ref2: str
    total: Decimal
    amount_paid: Decimal
    status: str

    FIELDS: ClassVar[tuple[str, ...]] = ("pk", "number", "payer_name", "payer_id", "ref1", "ref2", "total",
                                         "amount_paid", "status")

    @classmethod
    def of(cls, invoice: Invoice) -> BillState:
        return cls(*(getattr(invoice, name) for name in cls.FIELDS))

    @property
    def amount_due(self) -> Decimal:
        return self.total - self.amount_paid


@dataclass(frozen=True)
class NewPayment:
    """One payment for `record_payments`: money received against the invoice `bill` describes."""

    bill: BillState
    amount: Decimal
    paid_at: dt.datetime
    channel: str
    provider: str
    provider_reference: str
    recorded_by_id: int | None = None
    raw: dict[str, Any] = dataclasses.field(default_factory=dict)
    note: str = ""


_PAYMENT_FIELDS = ("id", "organization", "invoice", "amount", "paid_at", "channel", "provider", "provider_reference",
                   "recorded_by", "note", "raw", "created_at")
_RECEIPT_FIELDS = ("organization", "payment", "fiscal_year", "sequence", "number", "issued_at", "payer_name",
                   "payer_id", "issuer", "lines", "details", "amount", "verification_code", "pdf", "voided",
                   "void_reason", "voided_by", "voided_at")
NOTIFY_INLINE_MAX = 20  # settled invoices announced in the request; more go to the task worker


def record_payments(*, organization, payments: Sequence[NewPayment]) -> list[int]:
    """The one writer of payments: store them, move their invoices on, issue their receipts. Returns payment ids.

    Both the single path (`record_payment`: gateway, counter, the officer's queue) and the bulk path (a statement
    import's exact matches) come here, so a receipt says the same whichever way the money was recorded. The caller
    runs inside `transaction.atomic()`, holds every invoice locked (`select_for_update`), has checked that none is
    cancelled and that no payment has the same provider reference. Several payments for one invoice add up in
    order. Receipt numbers come from one counter lock; rows go in with `core.bulk` (COPY on PostgreSQL).
    `invoice_paid` is sent after commit for each invoice these payments settled.
    """
    if not payments:
        return []
    now = timezone.now()
    ids = reserve_ids(Payment, len(payments))
    bills: dict[int, BillState] = {}
    was_settled: dict[int, bool] = {}
    before_after: list[tuple[Decimal, Decimal]] = []
    for payment in payments:
        bill = bills.setdefault(payment.bill.pk, payment.bill)
        was_settled.setdefault(bill.pk, bill.status in SETTLED_STATUSES)
        before = bill.amount_paid
        bill.amount_paid = before + payment.amount
        bill.status = status_for(bill.total, bill.amount_paid)
        before_after.append((before, bill.amount_paid))
    insert_rows(Payment, _PAYMENT_FIELDS, [
        (pk, organization.pk, p.bill.pk, p.amount, p.paid_at, p.channel, p.provider, p.provider_reference,
         p.recorded_by_id, p.note, p.raw, now)
        for pk, p in zip(ids, payments, strict=True)
    ])
    _save_bills(list(bills.values()), now)
    _issue_receipts(organization, payments, ids, before_after, now)
    announce_paid([pk for pk, bill in bills.items() if bill.status in SETTLED_STATUSES and not was_settled[pk]])
    return ids


def _save_bills(bills: list[BillState], now: dt.datetime) -> None:
    """Write the invoices' new amounts, grouped so that a statement import of exact matches is one UPDATE per chunk."""
    groups: dict[tuple[Any, str], list[int]] = {}
    for bill in bills:
        key = ("total" if bill.amount_paid == bill.total else bill.amount_paid, bill.status)
        groups.setdefault(key, []).append(bill.pk)
    for (paid, status), pks in groups.items():
        for chunk in chunks(pks):
            Invoice.objects.filter(pk__in=chunk).update(
                amount_paid=F("total") if paid == "total" else paid, status=status,
                refund_pending=status == InvoiceStatus.OVERPAID, updated_at=now,
            )


def _issue_receipts(organization, payments: Sequence[NewPayment], ids: list[int],
                    before_after: list[tuple[Decimal, Decimal]], now: dt.datetime) -> None:
    """One receipt per payment, numbered consecutively, frozen from the LGO and invoice as they are now."""
    year = fiscal_year(now)
    first = next_number(receipt_scope(organization.pk, year), len(payments))
    issuer = RawJSON(json.dumps(issuer_snapshot(organization), ensure_ascii=False))
    lines = line_snapshots_json(list({p.bill.pk: None for p in payments}))
    insert_rows(Receipt, _RECEIPT_FIELDS, [
        (organization.pk, pk, year, first + offset, receipt_number(year, first + offset), now, p.bill.payer_name,
         p.bill.payer_id, issuer, lines.get(p.bill.pk, RawJSON("[]")),
         receipt_details(invoice=p.bill, paid_before=before, amount_paid_after=after, channel=p.channel,
                         provider_reference=p.provider_reference, paid_at=p.paid_at),
         p.amount, new_verification_code(), "", False, "", None, None)
        for offset, (pk, p, (before, after)) in enumerate(zip(ids, payments, before_after, strict=True))
    ])


def record_consolidated_payment(*, organization, ref1: str, amount: Decimal, paid_at: dt.datetime, channel: str,
                                provider: str, provider_reference: str, raw: dict | None = None) -> list[int]:
    """One payment under Ref1 + `CONSOLIDATED_REF2`: split it over the payable invoices with that Ref1, oldest due
    first, each part with its own receipt. Returns the payment ids (empty when nothing is payable).

    Each invoice gets what it still owes until the money runs out (the last one paid may stay part-paid); money left
    over goes on the newest, which becomes overpaid with a refund pending. The first part carries the provider's
    reference as given, so a replayed notice is recognised; the others add "/2", "/3"….
    """
    if len(provider_reference) > 95:  # room for the "/n" of the later parts in the 100-character column
        raise InvalidInvoice(_("The payment reference is too long."))
    with transaction.atomic():
        invoices = list(Invoice.objects.select_for_update().for_organization(organization).payable()
                        .filter(ref1=ref1).order_by(F("due_date").asc(nulls_last=True), "pk")
                        .values_list(*BillState.FIELDS))
        bills = [BillState(*row) for row in invoices]
        parts: list[tuple[BillState, Decimal]] = []
        remaining = amount
        for bill in bills:
            if remaining <= 0:
                break
            share = min(bill.amount_due, remaining)
            parts.append((bill, share))
            remaining -= share
        if parts and remaining > 0:
            parts[-1] = (parts[-1][0], parts[-1][1] + remaining)
        marker = {**(raw or {}), "consolidated": provider_reference}
        return record_payments(organization=organization, payments=[
            NewPayment(bill=bill, amount=share, paid_at=paid_at, channel=channel, provider=provider,
                       provider_reference=provider_reference if index == 0 else f"{provider_reference}/{index + 1}",
                       raw=marker)
            for index, (bill, share) in enumerate(parts)
        ])


def apply_amount(invoice: Invoice, amount: Decimal) -> None:
    """Add (or, for a voided receipt, subtract) money on an invoice held locked, and recompute its status."""
    invoice.amount_paid += amount
    invoice.status = status_for(invoice.total, invoice.amount_paid)
    if invoice.status == InvoiceStatus.OVERPAID:
        invoice.refund_pending = True
    elif invoice.amount_paid <= invoice.total:
        invoice.refund_pending = False


def status_for(total: Decimal, paid: Decimal) -> InvoiceStatus:
    if paid <= 0:
        return InvoiceStatus.OPEN
    if paid < total:
        return InvoiceStatus.PARTIALLY_PAID
    if paid == total:
        return InvoiceStatus.PAID
    return InvoiceStatus.OVERPAID


def announce_paid(invoice_ids: Sequence[int]) -> None:
    """Send `invoice_paid` for these invoices once the surrounding transaction commits.

    A few are sent at once (the citizen who just paid sees the case move on); a statement import's thousands go to
    the task worker, so what each billing app does on payment neither slows the import down nor rolls it back.
    """
    if not invoice_ids:
        return
    ids = list(invoice_ids)
    if len(ids) <= NOTIFY_INLINE_MAX:
        transaction.on_commit(lambda: send_invoice_paid.call(ids))
    else:
        transaction.on_commit(lambda: send_invoice_paid.enqueue(ids))


def _copy_state(source: Invoice, target: Invoice) -> None:
    """Refresh the caller's instance with the locked row's new state."""
    if source is target:
        return
    for field in ("amount_paid", "status", "refund_pending", "cancelled_at", "cancel_reason", "updated_at"):
        setattr(target, field, getattr(source, field))


# --- Receipts ----------------------------------------------------------------------------------------------------


def new_verification_code() -> str:
    """80 random bits as 16 characters of A–Z and 2–7: unguessable, and easy to read off paper."""
    return base64.b32encode(secrets.token_bytes(10)).decode("ascii")


def issuer_snapshot(organization) -> dict[str, str]:
    return {
        "name_th": organization.name_th,
        "name_en": organization.name_en,
        "address": organization.address,
        "subdistrict": organization.subdistrict,
        "district": organization.district,
        "province": organization.province,
        "postcode": organization.postcode,
        "phone": organization.phone,
        "tax_id": organization.tax_id,
    }


def line_snapshots(invoice_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    snapshots: dict[int, list[dict[str, Any]]] = {}
    for chunk in chunks(list(invoice_ids)):
        rows = InvoiceLine.objects.filter(invoice_id__in=chunk).order_by("invoice_id", "sort_order", "pk").values_list(
            "invoice_id", "description", "quantity", "unit_amount", "amount"
        )
        for invoice_id, description, quantity, unit_amount, amount in rows:
            snapshots.setdefault(invoice_id, []).append({
                "description": description, "quantity": quantity,
                "unit_amount": str(unit_amount), "amount": str(amount),
            })
    return snapshots


def line_snapshots_json(invoice_ids: list[int]) -> dict[int, RawJSON]:
    """Each invoice's lines as the JSON a receipt stores (same content as `line_snapshots`).

    On PostgreSQL the database builds the JSON text, so 200,000 lines are neither turned into Python objects nor
    serialised again.
    """
    if connection.vendor != "postgresql":
        return {pk: RawJSON(json.dumps(lines, ensure_ascii=False)) for pk, lines in line_snapshots(invoice_ids).items()}
    found: dict[int, RawJSON] = {}
    table = InvoiceLine._meta.db_table
    with connection.cursor() as cursor:
        for chunk in chunks(invoice_ids):
            cursor.execute(
                f"""SELECT invoice_id, json_agg(json_build_object('description', description, 'quantity', quantity,
                           'unit_amount', unit_amount::text, 'amount', amount::text) ORDER BY sort_order, id)::text
                    FROM "{table}" WHERE invoice_id = ANY(%s) GROUP BY invoice_id""",  # noqa: S608 (name from _meta)
                [list(chunk)],
            )
            found.update((pk, RawJSON(text)) for pk, text in cursor.fetchall())
    return found


def receipt_details(*, invoice: BillState | Invoice, paid_before: Decimal, amount_paid_after: Decimal, channel: str,
                    provider_reference: str, paid_at: dt.datetime) -> dict[str, str]:
    """What a receipt prints about the invoice and the payment, frozen at issue time."""
    return {
        "invoice_number": invoice.number,
        "invoice_total": str(invoice.total),
        "paid_before": str(paid_before),
        "balance_after": str(invoice.total - amount_paid_after),
        "ref1": invoice.ref1,
        "ref2": invoice.ref2,
        "channel": str(channel),
        "provider_reference": provider_reference,
        "paid_at": paid_at.isoformat(),
    }


def receipt_scope(organization_id: int, year: int) -> str:
    """The counter of receipt numbers: one per LGO per fiscal year, so numbering restarts each 1 October."""
    return f"payments.receipt:{organization_id}:{year}"


def receipt_number(year: int, sequence: int) -> str:
    return f"{year}/{sequence:06d}"


def void_receipt(*, receipt: Receipt, reason: str, actor) -> Receipt:
    """Void a receipt (supervisors only: LGO administrator or head of the finance division) and reverse its payment.

    The receipt keeps its number and stays visible as void (verify page, PDF watermark); its payment no longer counts
    towards the invoice, which goes back to PARTIALLY_PAID or OPEN. Payments are append-only, so the payment row and
    its provider reference stay: a replayed gateway notice for it still records nothing.
    """
    if not can_void_receipts(actor, receipt.organization):
        raise PermissionDenied
    if not reason or not reason.strip():
        raise InvalidInvoice(_("Give a reason for voiding the receipt."))
    with transaction.atomic():
        locked = Receipt.objects.select_for_update().select_related("payment").get(pk=receipt.pk)
        if locked.voided:
            raise ReceiptAlreadyVoided(_("Receipt %(number)s is already void.") % {"number": locked.number})
        invoice = Invoice.objects.select_for_update().get(pk=locked.payment.invoice_id)
        old_pdf = locked.pdf.name
        locked.voided = True
        locked.void_reason = reason.strip()[:500]
        locked.voided_by = actor
        locked.voided_at = timezone.now()
        locked.pdf = ""
        locked.save(update_fields=["voided", "void_reason", "voided_by", "voided_at", "pdf"])
        apply_amount(invoice, -locked.payment.amount)
        try:
            with transaction.atomic():
                invoice.save(update_fields=["amount_paid", "status", "refund_pending", "updated_at"])
        except IntegrityError as exc:
            raise ReferenceInUse(
                _("Another unpaid invoice now uses Ref1 %(ref1)s; cancel it before voiding this receipt.")
                % {"ref1": invoice.ref1}
            ) from exc
        if old_pdf:
            transaction.on_commit(lambda: locked.pdf.storage.delete(old_pdf))
    for field in ("voided", "void_reason", "voided_by", "voided_at", "pdf"):
        setattr(receipt, field, getattr(locked, field))
    return receipt


# --- Helpers -----------------------------------------------------------------------------------------------------


def chunks(items: Sequence, size: int = IN_CHUNK) -> Iterable[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


__all__ = [
    "PAYABLE_STATUSES",
    "InvoiceDraft",
    "InvoiceLineData",
    "cancel_invoice",
    "clear_refund",
    "create_invoice",
    "create_invoice_refs",
    "create_invoices",
    "record_payment",
    "record_payments",
    "to_money",
    "void_receipt",
]
