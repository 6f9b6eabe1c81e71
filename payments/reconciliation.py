"""Bank bill-payment statement import and the officer's reconciliation queue.

Statement file (CSV, UTF-8 with or without BOM, or Windows-874 as Thai bank portals export it). The first non-empty
row names the columns, in any order, in Thai or English (case, spaces, dots and underscores are ignored):

=================  =========================================================  ==========================================
column             accepted header names                                      values
=================  =========================================================  ==========================================
date/time          date, datetime, date/time, transaction date, payment date,  dd/mm/yyyy (BE such as 25/11/2569 or CE
                   วันที่, วันที่/เวลา, วันเวลา, วันที่ชำระ, วันที่ทำรายการ   25/11/2026) or yyyy-mm-dd, optionally
                                                                              followed by HH:MM or HH:MM:SS (Bangkok)
time (optional)    time, เวลา                                                 HH:MM or HH:MM:SS when not in the date
Ref1               ref1, ref 1, reference 1, customer ref 1, เลขอ้างอิง 1,        the bill's Ref1 (required)
                   อ้างอิง 1, รหัสอ้างอิง 1, ref.1
Ref2 (optional)    ref2, ref 2, reference 2, เลขอ้างอิง 2, อ้างอิง 2, ...         the bill's Ref2
amount             amount, paid amount, จำนวนเงิน, ยอดเงิน, ยอดชำระ            baht, e.g. 1,234.50 (> 0, ≤ 2 decimals)
bank reference     bank reference, bank ref, transaction id, reference no,     the bank's unique ID of the payment
                   เลขที่อ้างอิงธนาคาร, เลขอ้างอิงธนาคาร, เลขที่รายการ
=================  =========================================================  ==========================================

Rules: a file is imported all or nothing; if any row is malformed nothing is stored and every bad row is reported.
The same file (same SHA-256) imported again changes nothing, and so does a line whose bank reference an earlier file
already brought in. A line whose Ref1/Ref2 name a payable invoice and whose amount equals the amount due becomes a
payment (with its receipt); a line that repeats an online (gateway) payment already recorded for a settled invoice
confirms it; every other line goes to the officer's queue with the reason. Lookups are done in bulk (a few queries
per 2,000 lines), so 100,000 lines import in seconds (bench/bench_payments.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import re
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.bulk import ANALYZE_THRESHOLD, analyze, insert_rows, reserve_ids
from core.thai import decode_thai_text, parse_thai_date

from .constants import (
    CONSOLIDATED_REF2,
    PAYABLE_STATUSES,
    SETTLED_STATUSES,
    STATEMENT_PROVIDER,
    InvoiceStatus,
    PaymentChannel,
    ReconciliationReason,
    ReconciliationSource,
    ReconciliationStatus,
    StatementLineOutcome,
    WebhookOutcome,
)
from .exceptions import InvalidInvoice, InvoiceNotPayable, PaymentError, ReconciliationError
from .models import (
    Invoice,
    Payment,
    Receipt,
    ReconciliationItem,
    StatementImport,
    StatementLine,
    WebhookEvent,
)
from .permissions import can_take_payments
from .selectors import invoice_for_references, unconfirmed_online_payment
from .services import (
    BillState,
    NewPayment,
    chunks,
    record_consolidated_payment,
    record_payment,
    record_payments,
    to_money,
)

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
MAX_REPORTED_ERRORS = 200

_HEADER_ALIASES: dict[str, tuple[str, ...]] = {
    "date": ("date", "datetime", "date/time", "transactiondate", "paymentdate", "txndate", "วันที่", "วันที่/เวลา",
             "วันเวลา", "วันที่เวลา", "วันที่ชำระ", "วันที่ทำรายการ", "วันที่ชำระเงิน"),
    "time": ("time", "เวลา", "เวลาทำรายการ"),
    "ref1": ("ref1", "reference1", "customerref1", "เลขอ้างอิง1", "อ้างอิง1", "รหัสอ้างอิง1", "ref1no"),
    "ref2": ("ref2", "reference2", "customerref2", "เลขอ้างอิง2", "อ้างอิง2", "รหัสอ้างอิง2", "ref2no"),
    "amount": ("amount", "paidamount", "amountthb", "จำนวนเงิน", "ยอดเงิน", "ยอดชำระ", "จำนวนเงิน(บาท)"),
    "bank_reference": ("bankreference", "bankref", "transactionid", "referenceno", "txnid", "เลขที่อ้างอิงธนาคาร",
                       "เลขอ้างอิงธนาคาร", "เลขที่รายการ", "รหัสรายการ"),
}
_ALIAS_TO_KEY = {alias: key for key, aliases in _HEADER_ALIASES.items() for alias in aliases}
_REQUIRED = ("date", "ref1", "amount", "bank_reference")
_DATE = re.compile(
    r"^\s*(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2})"
    r"(?:[ T,]+(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?\s*$"
)
_TIME = re.compile(r"^\s*(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*$")


@dataclass(frozen=True)
class StatementRow:
    row_number: int
    paid_at: dt.datetime
    ref1: str
    ref2: str
    amount: Decimal
    bank_reference: str


@dataclass(frozen=True)
class RowError:
    row_number: int
    message: str


class StatementFormatError(PaymentError):
    """The file cannot be imported; `errors` lists every bad row (row 0 = the file or its header)."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        super().__init__(_("The statement has errors; nothing was imported."))
        self.errors = list(errors)


@dataclass
class ImportResult:
    statement: StatementImport
    created: bool
    queued: list[ReconciliationItem] = field(default_factory=list)


# --- Parsing -----------------------------------------------------------------------------------------------------


def _normalise_header(text: str) -> str:
    return re.sub(r"[\s._\-]", "", text.strip().lower())


def _decode(content: bytes) -> str:
    try:
        return decode_thai_text(content)
    except UnicodeDecodeError as exc:
        raise StatementFormatError([RowError(0, _("The file is not UTF-8 or Thai Windows-874 text."))]) from exc


def _columns(header: list[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _ALIAS_TO_KEY.get(_normalise_header(name))
        if key and key not in found:
            found[key] = index
    missing = [key for key in _REQUIRED if key not in found]
    if missing:
        labels = {"date": _("date"), "ref1": "Ref1", "amount": _("amount"), "bank_reference": _("bank reference")}
        raise StatementFormatError([RowError(1, _("Missing columns: %(columns)s.")
                                             % {"columns": ", ".join(str(labels[key]) for key in missing)})])
    return found


def _parse_datetime(date_text: str, time_text: str) -> dt.datetime:
    match = _DATE.match(date_text)
    if not match:
        raise ValueError(_("Date “%(value)s” is not dd/mm/yyyy or yyyy-mm-dd.") % {"value": date_text})
    date, hour, minute, second = match.groups()
    if hour is None and time_text:
        time_match = _TIME.match(time_text)
        if not time_match:
            raise ValueError(_("Time “%(value)s” is not HH:MM.") % {"value": time_text})
        hour, minute, second = time_match.groups()
    try:  # the pattern has checked the form: a ValueError here is a day or time that does not exist
        return dt.datetime.combine(parse_thai_date(date), dt.time(int(hour or 0), int(minute or 0), int(second or 0)),
                                   tzinfo=BANGKOK)
    except ValueError as exc:
        raise ValueError(_("Date “%(value)s” does not exist.") % {"value": date_text}) from exc


def _parse_amount(text: str) -> Decimal:
    cleaned = text.replace(",", "").replace("฿", "").replace("บาท", "").strip()
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(_("Amount “%(value)s” is not a number.") % {"value": text}) from exc
    refused = _("Amount “%(value)s” must be more than 0 with at most 2 decimals.") % {"value": text}
    try:
        amount = to_money(amount)
    except InvalidInvoice as exc:  # not finite, more than 2 decimals, or 10 billion baht or more
        raise ValueError(refused) from exc
    if amount <= 0:
        raise ValueError(refused)
    return amount


def parse_statement(content: bytes) -> list[StatementRow]:
    """Read a statement file into rows, or raise StatementFormatError listing every bad row."""
    reader = csv.reader(io.StringIO(_decode(content)))
    header: list[str] | None = None
    columns: dict[str, int] = {}
    rows: list[StatementRow] = []
    errors: list[RowError] = []
    seen_references: dict[str, int] = {}
    for row_number, cells in enumerate(reader, start=1):
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = cells
            columns = _columns(cells)
            continue
        values = {key: (cells[index].strip() if index < len(cells) else "") for key, index in columns.items()}
        try:
            row = _row(row_number, values)
        except ValueError as exc:
            errors.append(RowError(row_number, str(exc)))
            continue
        first = seen_references.setdefault(row.bank_reference, row_number)
        if first != row_number:
            errors.append(RowError(row_number, _("Bank reference %(ref)s repeats row %(row)s.")
                                   % {"ref": row.bank_reference, "row": first}))
            continue
        rows.append(row)
    if header is None:
        errors.append(RowError(0, _("The file is empty.")))
    if errors:
        raise StatementFormatError(errors[:MAX_REPORTED_ERRORS])
    return rows


def _row(row_number: int, values: dict[str, str]) -> StatementRow:
    if not (values.get("ref1") and values.get("bank_reference") and values.get("amount") and values.get("date")):
        labels = {"ref1": "Ref1", "bank_reference": _("bank reference"), "amount": _("amount"), "date": _("date")}
        raise ValueError(" ".join(_("%(column)s is empty.") % {"column": label}
                                  for key, label in labels.items() if not values.get(key)))
    if len(values["ref1"]) > 50 or len(values.get("ref2", "")) > 50 or len(values["bank_reference"]) > 100:
        raise ValueError(_("A reference is too long."))
    return StatementRow(
        row_number=row_number,
        paid_at=_parse_datetime(values["date"], values.get("time", "")),
        ref1=values["ref1"].upper(),
        ref2=values.get("ref2", "").upper(),
        amount=_parse_amount(values["amount"]),
        bank_reference=values["bank_reference"],
    )


# --- Import ------------------------------------------------------------------------------------------------------


def import_statement(*, organization, content: bytes, file_name: str, actor) -> ImportResult:
    """Import one statement file for `organization` (see the module docstring for the format and rules).

    Returns the StatementImport (the earlier one, with created=False, when this exact file was imported before).
    Raises StatementFormatError (nothing stored) when any row is malformed, PermissionDenied for the wrong officer.
    """
    if actor is not None and not can_take_payments(actor, organization):
        raise PermissionDenied
    file_hash = hashlib.sha256(content).hexdigest()
    earlier = StatementImport.objects.for_organization(organization).filter(file_hash=file_hash).first()
    if earlier is not None:
        return ImportResult(statement=earlier, created=False)
    rows = parse_statement(content)
    try:
        with transaction.atomic():
            statement = StatementImport.objects.create(
                organization=organization, file_name=file_name[:255], file_hash=file_hash, imported_by=actor,
                line_count=len(rows),
            )
            queued = _apply_rows(organization, statement, rows)
    except IntegrityError:
        # The same file (or lines of it) went in concurrently: the other import wins; this one changes nothing.
        earlier = StatementImport.objects.for_organization(organization).filter(file_hash=file_hash).first()
        if earlier is None:
            raise
        return ImportResult(statement=earlier, created=False)
    return ImportResult(statement=statement, created=True, queued=queued)


_BILL_FIELDS = BillState.FIELDS


def _apply_rows(organization, statement: StatementImport, rows: list[StatementRow]) -> list[ReconciliationItem]:
    if len(rows) >= ANALYZE_THRESHOLD:
        analyze(Invoice, StatementLine)  # invoices billed in bulk minutes ago may have no planner statistics yet
    known = _known_bank_references(organization, [row.bank_reference for row in rows])
    fresh = [row for row in rows if row.bank_reference not in known]
    payable = _lock_payable(organization, fresh)
    others = _latest_closed(organization, [r for r in fresh if (r.ref1, r.ref2) not in payable])
    # A line may be the bank's record of money the gateway already reported (a part-payment on a bill still open,
    # or the payment that settled it): that confirms the online payment and must never be recorded a second time.
    unconfirmed = _unconfirmed_gateway_payments(
        [bill.pk for bill in payable.values() if bill.status == InvoiceStatus.PARTIALLY_PAID]
        + [bill.pk for bill in others.values() if bill.status in SETTLED_STATUSES]
    )

    matched: list[tuple[StatementRow, BillState]] = []
    matched_bills: set[int] = set()
    confirmed: dict[str, int] = {}  # bank reference -> id of the online payment it confirms
    queued: list[tuple[StatementRow, ReconciliationReason, BillState | None]] = []
    consolidated: list[StatementRow] = []
    split = 0
    for row in fresh:
        if row.ref2 == CONSOLIDATED_REF2:
            consolidated.append(row)
            continue
        key = (row.ref1, row.ref2)
        bill = payable.get(key)
        if bill is not None:
            payment_id = _take_confirmation(unconfirmed, bill.pk, row.amount)
            if payment_id is not None:
                confirmed[row.bank_reference] = payment_id
            elif bill.pk in matched_bills:  # a second line for an invoice this file already paid
                queued.append((row, ReconciliationReason.ALREADY_SETTLED, bill))
            elif row.amount == bill.amount_due:
                matched_bills.add(bill.pk)
                matched.append((row, bill))
            else:
                queued.append((row, ReconciliationReason.AMOUNT_MISMATCH, bill))
            continue
        bill = others.get(key)
        if bill is None:
            queued.append((row, ReconciliationReason.UNKNOWN_REFERENCE, None))
        elif bill.status == InvoiceStatus.CANCELLED:
            queued.append((row, ReconciliationReason.INVOICE_CANCELLED, bill))
        else:
            payment_id = _take_confirmation(unconfirmed, bill.pk, row.amount)
            if payment_id is not None:
                confirmed[row.bank_reference] = payment_id
            else:
                queued.append((row, ReconciliationReason.ALREADY_SETTLED, bill))

    payment_ids = _record_matched(organization, matched)
    for row in consolidated:  # after the exact matches, which may have paid some of the same Ref1's bills
        outcome, payment_id = _apply_consolidated(organization, row)
        if outcome == StatementLineOutcome.CONFIRMED:
            confirmed[row.bank_reference] = payment_id
        elif payment_id is not None:
            payment_ids[row.bank_reference] = payment_id
            split += 1
        else:
            queued.append((row, ReconciliationReason.UNKNOWN_REFERENCE, None))
    line_ids = _store_lines(organization, statement, fresh, payment_ids, confirmed,
                            {row.bank_reference for row, *_rest in queued})
    items = _queue(organization, line_ids, queued)
    statement.matched_count = len(matched) + split
    statement.confirmed_count = len(confirmed)
    statement.queued_count = len(queued)
    statement.duplicate_count = len(rows) - len(fresh)
    statement.save(update_fields=["matched_count", "confirmed_count", "queued_count", "duplicate_count"])
    if len(fresh) >= ANALYZE_THRESHOLD:
        analyze(Invoice, Payment, Receipt, StatementLine)
    return items


def _apply_consolidated(organization, row: StatementRow) -> tuple[str, int | None]:
    """A line paying everything owed under its Ref1: it confirms the same online payment (its parts add up to the
    line) when the gateway reported it, else it is split over the payable bills; (QUEUED, None) when none is."""
    firsts = (Payment.objects.for_organization(organization).filter(channel=PaymentChannel.GATEWAY,
                                     invoice__ref1=row.ref1, raw__has_key="consolidated",
                                     statement_lines__isnull=True)
              .order_by("paid_at", "pk").values_list("pk", "provider_reference", "raw"))
    for pk, reference, raw in firsts:
        if raw.get("consolidated") != reference:
            continue  # a later part of a split payment: its first part stands for the whole
        parts = Payment.objects.for_organization(organization).filter(raw__consolidated=reference)
        if sum(parts.values_list("amount", flat=True), Decimal("0.00")) == row.amount:
            return StatementLineOutcome.CONFIRMED, pk
    ids = record_consolidated_payment(
        organization=organization, ref1=row.ref1, amount=row.amount, paid_at=row.paid_at,
        channel=PaymentChannel.BANK_STATEMENT.value, provider=STATEMENT_PROVIDER,
        provider_reference=row.bank_reference, raw={"row": row.row_number})
    return (StatementLineOutcome.MATCHED, ids[0]) if ids else (StatementLineOutcome.QUEUED, None)


def _known_bank_references(organization, references: list[str]) -> set[str]:
    known: set[str] = set()
    for chunk in chunks(references):
        known.update(
            StatementLine.objects.for_organization(organization).filter(bank_reference__in=chunk)
            .values_list("bank_reference", flat=True)
        )
    return known


def _lock_payable(organization, rows: list[StatementRow]) -> dict[tuple[str, str], BillState]:
    """The payable invoices the rows name, locked until commit so no concurrent payment slips in between."""
    found: dict[tuple[str, str], BillState] = {}
    wanted = {(row.ref1, row.ref2) for row in rows}
    for chunk in chunks(sorted({ref1 for ref1, _ref2 in wanted})):
        values = (
            Invoice.objects.select_for_update().for_organization(organization)
            .filter(status__in=PAYABLE_STATUSES, ref1__in=chunk).order_by("pk").values_list(*_BILL_FIELDS)
        )
        for value in values:
            bill = BillState(*value)
            if (bill.ref1, bill.ref2) in wanted:
                found[(bill.ref1, bill.ref2)] = bill
    return found


def _latest_closed(organization, rows: list[StatementRow]) -> dict[tuple[str, str], BillState]:
    """For rows with no payable invoice: the newest settled or cancelled invoice with the same references."""
    found: dict[tuple[str, str], BillState] = {}
    wanted = {(row.ref1, row.ref2) for row in rows}
    for chunk in chunks(sorted({ref1 for ref1, _ref2 in wanted})):
        values = (
            Invoice.objects.for_organization(organization)
            .filter(status__in=(*SETTLED_STATUSES, InvoiceStatus.CANCELLED), ref1__in=chunk)
            .order_by("created_at", "pk").values_list(*_BILL_FIELDS)
        )
        for value in values:
            bill = BillState(*value)
            if (bill.ref1, bill.ref2) in wanted:
                found[(bill.ref1, bill.ref2)] = bill  # the newest wins
    return found


def _unconfirmed_gateway_payments(invoice_ids: list[int]) -> dict[int, list[tuple[int, Decimal]]]:
    """Online payments (id, amount) of these invoices that no statement line has confirmed yet."""
    found: dict[int, list[tuple[int, Decimal]]] = {}
    for chunk in chunks(invoice_ids):
        values = Payment.objects.filter(
            invoice_id__in=chunk, channel=PaymentChannel.GATEWAY, statement_lines__isnull=True
        ).exclude(raw__has_key="consolidated").order_by("paid_at", "pk").values_list("pk", "invoice_id", "amount")
        for pk, invoice_id, amount in values:
            found.setdefault(invoice_id, []).append((pk, amount))
    return found


def _take_confirmation(unconfirmed: dict[int, list[tuple[int, Decimal]]], invoice_id: int,
                       amount: Decimal) -> int | None:
    candidates = unconfirmed.get(invoice_id, [])
    for index, (pk, paid) in enumerate(candidates):
        if paid == amount:
            candidates.pop(index)
            return pk
    return None


def _record_matched(organization, matched: list[tuple[StatementRow, BillState]]) -> dict[str, int]:
    """Exact matches become payments with receipts through the one writer, `services.record_payments`."""
    ids = record_payments(organization=organization, payments=[
        NewPayment(bill=bill, amount=row.amount, paid_at=row.paid_at, channel=PaymentChannel.BANK_STATEMENT.value,
                   provider=STATEMENT_PROVIDER, provider_reference=row.bank_reference, raw={"row": row.row_number})
        for row, bill in matched
    ])
    return {row.bank_reference: pk for pk, (row, _bill) in zip(ids, matched, strict=True)}


_LINE_FIELDS = ("id", "organization", "statement", "row_number", "paid_at", "ref1", "ref2", "amount",
                "bank_reference", "outcome", "payment")


def _store_lines(organization, statement, rows, payment_ids, confirmed, queued_refs) -> dict[str, int]:
    ids = reserve_ids(StatementLine, len(rows))
    data = []
    for pk, row in zip(ids, rows, strict=True):
        reference = row.bank_reference
        if reference in queued_refs:
            outcome = StatementLineOutcome.QUEUED.value
        elif reference in confirmed:
            outcome = StatementLineOutcome.CONFIRMED.value
        else:
            outcome = StatementLineOutcome.MATCHED.value
        data.append((pk, organization.pk, statement.pk, row.row_number, row.paid_at, row.ref1, row.ref2, row.amount,
                     reference, outcome, payment_ids.get(reference) or confirmed.get(reference)))
    insert_rows(StatementLine, _LINE_FIELDS, data)
    return {row.bank_reference: pk for pk, row in zip(ids, rows, strict=True)}


def _queue(organization, line_ids, queued) -> list[ReconciliationItem]:
    return ReconciliationItem.objects.bulk_create(
        [
            ReconciliationItem(
                organization=organization, source=ReconciliationSource.STATEMENT, reason=reason,
                statement_line_id=line_ids[row.bank_reference], provider=STATEMENT_PROVIDER,
                provider_reference=row.bank_reference, paid_at=row.paid_at, ref1=row.ref1, ref2=row.ref2,
                amount=row.amount, candidate_invoice_id=bill.pk if bill else None,
            )
            for row, reason, bill in queued
        ],
        batch_size=1000,
    )


# --- Online payments (gateway notices) ---------------------------------------------------------------------------


def receive_online_payment(*, event: WebhookEvent, transaction_id: str, ref1: str, ref2: str, amount: Decimal,
                           paid_at: dt.datetime) -> WebhookEvent:
    """Record a verified gateway notice for `event.organization`, or queue it for an officer; log it as `event`.

    A notice seen before (same event ID, or same transaction ID) changes nothing and is logged as a duplicate.
    The payment (or queue item) and the log row commit together.
    """
    provider = event.provider
    with transaction.atomic():
        if _seen_online(provider, event.event_id, transaction_id):
            event.outcome, event.detail = WebhookOutcome.DUPLICATE, "event or transaction already received"
            event.payment = Payment.objects.filter(provider=provider, provider_reference=transaction_id).first()
            event.save()
            return event
        if ref2 == CONSOLIDATED_REF2:
            ids = record_consolidated_payment(
                organization=event.organization, ref1=ref1, amount=amount, paid_at=paid_at,
                channel=PaymentChannel.GATEWAY.value, provider=provider, provider_reference=transaction_id,
                raw={"event_id": event.event_id, "transaction_id": transaction_id})
            if ids:
                event.payment_id, event.outcome = ids[0], WebhookOutcome.RECORDED
                event.save()
                return event
        invoice = invoice_for_references(event.organization, ref1, ref2 if ref2 != CONSOLIDATED_REF2 else "")
        if invoice is not None and invoice.is_payable:
            try:
                event.payment = record_payment(
                    invoice=invoice, amount=amount, channel=PaymentChannel.GATEWAY, provider=provider,
                    provider_reference=transaction_id, paid_at=paid_at,
                    raw={"event_id": event.event_id, "transaction_id": transaction_id},
                )
                event.outcome = WebhookOutcome.RECORDED
                event.save()
                return event
            except InvoiceNotPayable:  # cancelled between the look-up and the lock
                pass
        reason = ReconciliationReason.UNKNOWN_REFERENCE
        if invoice is not None:
            reason = (ReconciliationReason.ALREADY_SETTLED if invoice.is_settled
                      else ReconciliationReason.INVOICE_CANCELLED)
        ReconciliationItem.objects.create(
            organization=event.organization, source=ReconciliationSource.GATEWAY, reason=reason, provider=provider,
            provider_reference=transaction_id, paid_at=paid_at, ref1=ref1, ref2=ref2, amount=amount,
            candidate_invoice=invoice,
        )
        event.outcome, event.detail = WebhookOutcome.QUEUED, str(reason.label)
        event.save()
    return event


def log_webhook_refusal(*, event: WebhookEvent, outcome: str, detail: str) -> WebhookEvent:
    """Log a webhook call that changed nothing (forged, stale, malformed, unknown biller, or failed on our side)."""
    event.outcome, event.detail, event.payment = outcome, detail[:500], None
    event.pk = None
    with transaction.atomic():
        event.save()
    return event


def _seen_online(provider: str, event_id: str, transaction_id: str) -> bool:
    if event_id and WebhookEvent.objects.filter(
        provider=provider, event_id=event_id, signature_valid=True,
        outcome__in=(WebhookOutcome.RECORDED, WebhookOutcome.QUEUED),
    ).exists():
        return True
    return (
        Payment.objects.filter(provider=provider, provider_reference=transaction_id).exists()
        or ReconciliationItem.objects.filter(provider=provider, provider_reference=transaction_id).exists()
    )


# --- The officer's queue -----------------------------------------------------------------------------------------


def match_item(*, item: ReconciliationItem, invoice: Invoice, actor, note: str = "") -> Payment:
    """Resolve a queue item by recording its money against `invoice` (partial or over-payment allowed).

    A bank-statement line whose amount the gateway already reported for this invoice, and that no other line has
    confirmed, confirms that online payment instead: the money came once, so it is recorded once.
    """
    if not can_take_payments(actor, item.organization):
        raise PermissionDenied
    if invoice.organization_id != item.organization_id:
        raise ReconciliationError(_("The invoice belongs to another organization."))
    with transaction.atomic():
        locked = ReconciliationItem.objects.select_for_update().get(pk=item.pk)
        if locked.status != ReconciliationStatus.OPEN:
            raise ReconciliationError(_("This item was already resolved."))
        online = (unconfirmed_online_payment(invoice, locked.amount)
                  if locked.source == ReconciliationSource.STATEMENT else None)
        if online is not None:
            payment = online
            StatementLine.objects.filter(pk=locked.statement_line_id).update(
                payment=payment, outcome=StatementLineOutcome.CONFIRMED)
        else:
            channel = (PaymentChannel.BANK_STATEMENT if locked.source == ReconciliationSource.STATEMENT
                       else PaymentChannel.GATEWAY)
            payment = record_payment(
                invoice=invoice, amount=locked.amount, channel=channel, provider=locked.provider,
                provider_reference=locked.provider_reference, paid_at=locked.paid_at, recorded_by=actor,
                raw={"reconciliation_item": locked.pk}, note=note,
            )
            if locked.statement_line_id:
                StatementLine.objects.filter(pk=locked.statement_line_id).update(payment=payment)
        _resolve(locked, ReconciliationStatus.MATCHED, actor, note, payment=payment)
    item.status, item.payment = locked.status, payment
    return payment


def dismiss_item(*, item: ReconciliationItem, actor, note: str) -> ReconciliationItem:
    """Close a queue item without recording money (e.g. refunded by the bank, a test transfer); a note is required."""
    if not can_take_payments(actor, item.organization):
        raise PermissionDenied
    if not note or not note.strip():
        raise ReconciliationError(_("Write why this item is dismissed."))
    with transaction.atomic():
        locked = ReconciliationItem.objects.select_for_update().get(pk=item.pk)
        if locked.status != ReconciliationStatus.OPEN:
            raise ReconciliationError(_("This item was already resolved."))
        _resolve(locked, ReconciliationStatus.DISMISSED, actor, note)
    item.status = locked.status
    return locked


def _resolve(item: ReconciliationItem, status: str, actor, note: str, payment: Payment | None = None) -> None:
    item.status = status
    item.payment = payment
    item.note = note.strip()[:500]
    item.resolved_by = actor
    item.resolved_at = timezone.now()
    item.save(update_fields=["status", "payment", "note", "resolved_by", "resolved_at"])
