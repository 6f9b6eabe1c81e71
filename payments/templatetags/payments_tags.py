"""Template helpers for showing an invoice's Thai QR and its receipts on citizen pages."""

from __future__ import annotations

from django import template

from core.pdf import data_uri

from .. import links
from ..models import Invoice, Receipt
from ..selectors import receipts_for_invoice
from ..thaiqr import consolidated_qr_payload, render_png

register = template.Library()


@register.simple_tag
def invoice_qr_data_uri(invoice: Invoice) -> str:
    """The invoice's Thai QR as an inline PNG (no extra request, works without JavaScript); "" when not payable."""
    payload = invoice.qr_payload()
    return data_uri(render_png(payload, box_size=6), "image/png") if payload else ""


@register.simple_tag
def consolidated_qr_data_uri(organization, ref1: str, amount) -> str:
    """One Thai QR paying everything owed under `ref1` (Ref2 = CONSOLIDATED_REF2); "" when there is no biller ID."""
    payload = consolidated_qr_payload(organization, ref1, amount)
    return data_uri(render_png(payload, box_size=6), "image/png") if payload else ""


@register.filter
def invoice_pay_url(invoice: Invoice) -> str:
    return links.invoice_public_url(invoice)


@register.filter
def receipt_download_url(receipt: Receipt) -> str:
    return links.receipt_public_url(receipt)


@register.simple_tag
def invoice_receipts(invoice: Invoice) -> list[Receipt]:
    """The invoice's receipts, oldest first (from prefetched payments when `invoices_for_source` fetched them)."""
    if "payments" in getattr(invoice, "_prefetched_objects_cache", {}):
        receipts = [p.receipt for p in invoice.payments.all() if hasattr(p, "receipt")]
        return sorted(receipts, key=lambda receipt: (receipt.issued_at, receipt.pk))
    return list(receipts_for_invoice(invoice))
