"""Reads of payments data that are more than a filter."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import F, Prefetch, QuerySet

from .constants import PAYABLE_STATUSES, SETTLED_STATUSES, PaymentChannel
from .models import Invoice, Payment, Receipt


def invoices_for_source(source_type: str, source_id: str) -> QuerySet[Invoice]:
    """Every invoice a billing app raised for one of its records, newest first, with payments and receipts."""
    return (
        Invoice.objects.filter(source_type=source_type, source_id=str(source_id))
        .select_related("organization")
        .prefetch_related(
            Prefetch("payments", queryset=Payment.objects.select_related("receipt").order_by("paid_at", "pk"))
        )
        .order_by("-created_at", "-pk")
    )


def invoice_for_references(organization, ref1: str, ref2: str = "") -> Invoice | None:
    """The invoice the bank means by Ref1/Ref2: the payable one, else the most recently settled one."""
    rows = Invoice.objects.for_organization(organization).filter(ref1=ref1.strip().upper(), ref2=ref2.strip().upper())
    return (
        rows.filter(status__in=PAYABLE_STATUSES).first()
        or rows.filter(status__in=SETTLED_STATUSES).order_by("-created_at", "-pk").first()
    )


def consolidated_due(organization, ref1: str) -> tuple[list[Invoice], Decimal]:
    """The invoices a consolidated payment (Ref1 + CONSOLIDATED_REF2) would pay, oldest due first, and their total.

    The same set `services.record_consolidated_payment` splits the money over, so the QR's amount and the
    allocation agree.
    """
    invoices = list(Invoice.objects.for_organization(organization).payable().filter(ref1=ref1)
                    .order_by(F("due_date").asc(nulls_last=True), "pk"))
    return invoices, sum((invoice.amount_due for invoice in invoices), Decimal("0.00"))


def unconfirmed_online_payment(invoice: Invoice, amount) -> Payment | None:
    """The oldest online (gateway) payment of `invoice` of exactly `amount` that no bank-statement line confirms yet.

    The bank's statement lists Thai QR payments the gateway has already reported: such a line confirms this payment.
    """
    return (
        Payment.objects.filter(invoice=invoice, channel=PaymentChannel.GATEWAY, amount=amount,
                               statement_lines__isnull=True).exclude(raw__has_key="consolidated")
        .select_related("receipt").order_by("paid_at", "pk").first()
    )


def receipts_for_invoice(invoice: Invoice) -> QuerySet[Receipt]:
    return Receipt.objects.filter(payment__invoice=invoice).select_related("payment").order_by("issued_at", "pk")


def receipt_by_code(code: str) -> Receipt | None:
    """The receipt a verification QR points to (codes are printed in capitals; accept what people type)."""
    code = (code or "").strip().upper()
    if not code or len(code) > 32:
        return None
    return Receipt.objects.select_related("organization", "payment").filter(verification_code=code).first()
