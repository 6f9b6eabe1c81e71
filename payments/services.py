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
import datetime as dt
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.counters import next_number
from core.models import Counter
from core.thai import fiscal_year

from .bulk import ANALYZE_THRESHOLD, analyze, insert_rows, reserve_ids
from .constants import MONEY_PLACES, PAYABLE_STATUSES, InvoiceStatus, PaymentChannel
from .exceptions import (
    InvalidInvoice,
    InvoiceHasPayments,
    InvoiceNotPayable,
    ReceiptAlreadyVoided,
    ReferenceInUse,
)
from .models import Invoice, InvoiceLine, Payment, Receipt, reference_validator
from .permissions import can_take_payments, can_void_receipts
from .signals import invoice_paid

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


def normalize_reference(value: str, *, field: str = "Ref1", required: bool = True) -> str:
    """Upper-case and check a bank reference: 1–20 of A–Z and 0–9 (what every Thai bank's settlement file keeps)."""
    if not isinstance(value, str):
        raise TypeError(f"{field} must be a str")
    text = value.strip().upper()
    if not text and not required:
        return ""
    try:
        reference_validator(text)
    except Exception as exc:
        raise InvalidInvoice(
            _("%(field)s must be 1–20 capital English letters or digits; got “%(value)s”.")
            % {"field": field, "value": value}
        ) from exc
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
    """Raise many invoices in one transaction with a few queries (billing runs). Returns them in `drafts` order.

    Drafts whose (source_type, source_id) already has a live (not cancelled) invoice return that invoice instead,
    so a re-run adds nothing. Every draft is checked before anything is written.
    """
    cleaned = [_clean_draft(draft) for draft in drafts]
    with transaction.atomic():
        keys = [(d.source_type, d.source_id) for d in cleaned if d.source_type]
        existing = _live_for_sources(organization, keys)
        new = [d for d in cleaned if not (d.source_type and (d.source_type, d.source_id) in existing)]
        new = _drop_repeated_sources(new)
        invoices = _insert_invoices(organization, new)
        by_source = {**existing, **{(i.source_type, i.source_id): i for i in invoices if i.source_type}}
        fresh = iter([i for i in invoices if not i.source_type])
        return [by_source[(d.source_type, d.source_id)] if d.source_type else next(fresh) for d in cleaned]


def _clean_draft(draft: InvoiceDraft) -> InvoiceDraft:
    if not draft.payer_name or not draft.payer_name.strip():
        raise InvalidInvoice(_("The payer's name is required."))
    if not draft.lines:
        raise InvalidInvoice(_("An invoice needs at least one line."))
    lines = []
    for line in draft.lines:
        if not isinstance(line.quantity, int) or isinstance(line.quantity, bool) or line.quantity < 1:
            raise InvalidInvoice(_("A line's quantity must be a whole number of at least 1."))
        amount = to_money(line.amount, field="line amount")
        if amount < 0:
            raise InvalidInvoice(_("A line's amount cannot be negative."))
        if not line.description.strip():
            raise InvalidInvoice(_("Every line needs a description."))
        lines.append(InvoiceLineData(description=line.description.strip()[:255], amount=amount,
                                     quantity=line.quantity))
    return InvoiceDraft(
        payer_name=draft.payer_name.strip()[:255],
        lines=lines,
        ref1=normalize_reference(draft.ref1, field="Ref1", required=False),
        ref2=normalize_reference(draft.ref2, field="Ref2", required=False),
        due_date=draft.due_date,
        source_type=draft.source_type[:100],
        source_id=str(draft.source_id)[:100],
        payer_email=draft.payer_email.strip(),
        payer_phone=draft.payer_phone.strip()[:30],
        payer_id=draft.payer_id.replace("-", "").replace(" ", "")[:13],
    )


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


def _insert_invoices(organization, drafts: list[InvoiceDraft]) -> list[Invoice]:
    """Number and write the invoices and their lines (COPY on PostgreSQL: billing runs write 100,000 at once)."""
    if not drafts:
        return []
    now = timezone.now()
    year = fiscal_year(now)
    first = allocate_numbers(f"payments.invoice:{organization.pk}:{year}", len(drafts))
    ids = reserve_ids(Invoice, len(drafts))
    invoices = []
    for offset, (pk, draft) in enumerate(zip(ids, drafts, strict=True)):
        sequence = first + offset
        total = sum((line.amount * line.quantity for line in draft.lines), ZERO)
        invoices.append(Invoice(
            pk=pk, organization=organization, number=f"INV-{year}-{sequence:06d}", payer_name=draft.payer_name,
            payer_email=draft.payer_email, payer_phone=draft.payer_phone, payer_id=draft.payer_id,
            total=to_money(total, field="total"), amount_paid=ZERO, status=InvoiceStatus.OPEN,
            ref1=draft.ref1 or f"{year}{sequence:06d}", ref2=draft.ref2, due_date=draft.due_date,
            source_type=draft.source_type, source_id=draft.source_id, created_at=now, updated_at=now,
        ))
    _refuse_reference_clashes(organization, invoices)
    insert_rows(Invoice, _INVOICE_FIELDS, [
        (i.pk, organization.pk, i.number, i.payer_name, i.payer_email, i.payer_phone, i.payer_id, i.total, ZERO,
         InvoiceStatus.OPEN.value, False, i.ref1, i.ref2, i.due_date, i.source_type, i.source_id, None, "", now, now)
        for i in invoices
    ])
    insert_rows(InvoiceLine, _LINE_FIELDS, [
        (invoice.pk, line.description, line.quantity, line.amount, line.amount * line.quantity, index)
        for invoice, draft in zip(invoices, drafts, strict=True)
        for index, line in enumerate(draft.lines)
    ])
    if len(invoices) >= ANALYZE_THRESHOLD:
        analyze(Invoice, InvoiceLine)
    for invoice in invoices:
        invoice._state.adding = False
        invoice._state.db = "default"
    return invoices


def _refuse_reference_clashes(organization, invoices: list[Invoice]) -> None:
    """Ref1/Ref2 must name one payable invoice: the bank reports nothing else."""
    wanted: set[tuple[str, str]] = set()
    for invoice in invoices:
        key = (invoice.ref1, invoice.ref2)
        if key in wanted:
            raise ReferenceInUse(_("Two invoices in this batch have Ref1 %(ref1)s and Ref2 %(ref2)s.")
                                 % {"ref1": invoice.ref1, "ref2": invoice.ref2 or "-"})
        wanted.add(key)
    for chunk in chunks(sorted({ref1 for ref1, _ref2 in wanted})):
        taken = (
            Invoice.objects.for_organization(organization).payable().filter(ref1__in=chunk)
            .values_list("ref1", "ref2")
        )
        for ref1, ref2 in taken:
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
        was_settled = locked.is_settled
        paid_before = locked.amount_paid
        payment = Payment.objects.create(
            organization_id=locked.organization_id, invoice=locked, amount=amount, paid_at=paid_at, channel=channel,
            provider=provider, provider_reference=provider_reference[:100], recorded_by=recorded_by,
            raw=raw or {}, note=note[:500],
        )
        apply_amount(locked, amount)
        locked.save(update_fields=["amount_paid", "status", "refund_pending", "updated_at"])
        issue_receipts([(payment, locked, paid_before)], lines=line_snapshots([locked.pk]))
        if locked.is_settled and not was_settled:
            notify_paid([locked])
    _copy_state(locked, invoice)
    return payment


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


def notify_paid(invoices: Sequence[Invoice]) -> None:
    """Send `invoice_paid` for each invoice once the surrounding transaction commits."""
    def send() -> None:
        for invoice in invoices:
            invoice_paid.send(sender=Invoice, invoice=invoice)

    transaction.on_commit(send)


def _copy_state(source: Invoice, target: Invoice) -> None:
    """Refresh the caller's instance with the locked row's new state."""
    if source is target:
        return
    for field in ("amount_paid", "status", "refund_pending", "cancelled_at", "cancel_reason", "updated_at"):
        setattr(target, field, getattr(source, field))


# --- Receipts ----------------------------------------------------------------------------------------------------


def allocate_numbers(scope: str, count: int) -> int:
    """Reserve `count` consecutive numbers in a gap-free counter (locked until commit); returns the first.

    Builds on `core.counters.next_number` (which creates and locks the row) and moves the counter on by the rest in
    the same transaction, so a bulk import takes one lock instead of one per receipt.
    """
    first = next_number(scope)
    if count > 1:
        Counter.objects.filter(scope=scope).update(value=first + count - 1)
    return first


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


def receipt_details(*, invoice, paid_before: Decimal, amount_paid_after: Decimal, channel: str,
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


def issue_receipts(
    items: Sequence[tuple[Payment, Invoice, Decimal]], *, lines: dict[int, list[dict[str, Any]]]
) -> list[Receipt]:
    """Issue one receipt per (payment, invoice after the payment, amount paid before) with consecutive numbers.

    Must run inside the transaction that recorded the payments. All items belong to one LGO.
    """
    if not items:
        return []
    organization = items[0][1].organization
    issued_at = timezone.now()
    year = fiscal_year(issued_at)
    first = allocate_numbers(receipt_scope(organization.pk, year), len(items))
    issuer = issuer_snapshot(organization)
    receipts = [
        Receipt(
            organization_id=organization.pk,
            payment=payment,
            fiscal_year=year,
            sequence=first + offset,
            number=receipt_number(year, first + offset),
            issued_at=issued_at,
            payer_name=invoice.payer_name,
            payer_id=invoice.payer_id,
            issuer=issuer,
            lines=lines.get(invoice.pk, []),
            details=receipt_details(
                invoice=invoice, paid_before=paid_before, amount_paid_after=invoice.amount_paid,
                channel=payment.channel, provider_reference=payment.provider_reference, paid_at=payment.paid_at,
            ),
            amount=payment.amount,
            verification_code=new_verification_code(),
        )
        for offset, (payment, invoice, paid_before) in enumerate(items)
    ]
    Receipt.objects.bulk_create(receipts, batch_size=1000)
    return receipts


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
    "create_invoices",
    "record_payment",
    "to_money",
    "void_receipt",
]
