"""E-receipt PDFs: rendered from the receipt's frozen snapshot, lazily on first download, kept in private storage.

Rendering on first download (instead of at payment time) keeps a statement import of 100,000 lines fast and means a
receipt nobody downloads costs nothing. The stored file is dropped when the receipt is voided, so the next download
renders the "ยกเลิก" (void) watermark. Because the PDF is built only from the receipt's snapshot (issuer, payer,
lines, amounts), re-rendering gives the same document.

The receipt is an official Thai document, so its wording is Thai whatever the reader's language.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import translation

from core.pdf import qr_png_data_uri, render_template_to_pdf
from core.thai import baht_text, format_baht, thai_date, thai_datetime
from organizations.links import base_url, drawn_for, pdf_storage_name

from .constants import PaymentChannel
from .links import verify_url
from .models import Receipt


def receipt_filename(receipt: Receipt) -> str:
    return f"receipt-{receipt.number.replace('/', '-')}.pdf"


def receipt_context(receipt: Receipt) -> dict:
    """Everything the PDF template prints, in Thai."""
    details = receipt.details or {}
    with translation.override("th"):
        channel = str(PaymentChannel(details["channel"]).label) if details.get("channel") in PaymentChannel.values \
            else ""
    paid_at = dt.datetime.fromisoformat(details["paid_at"]) if details.get("paid_at") else receipt.issued_at
    url = verify_url(receipt)
    return {
        "receipt": receipt,
        "issuer": receipt.issuer,
        "lines": [
            {**line, "unit_amount_text": format_baht(Decimal(line["unit_amount"])),
             "amount_text": format_baht(Decimal(line["amount"]))}
            for line in receipt.lines
        ],
        "details": details,
        "invoice_total_text": format_baht(Decimal(details.get("invoice_total", receipt.amount))),
        "balance_after": Decimal(details.get("balance_after", "0")),
        "amount_text": format_baht(receipt.amount),
        "amount_words": baht_text(receipt.amount),
        "issued_date": thai_date(receipt.issued_at),
        "paid_at_text": thai_datetime(paid_at),
        "voided_date": thai_date(receipt.voided_at) if receipt.voided_at else "",
        "channel": channel,
        "verify_url": url,
        "verify_qr": qr_png_data_uri(url, box_size=4),
    }


def render_receipt_pdf(receipt: Receipt) -> bytes:
    """A fresh PDF of the receipt as it stands (with the void watermark when voided)."""
    with translation.override("th"):
        return render_template_to_pdf("payments/receipt_pdf.html", receipt_context(receipt))


def receipt_pdf(receipt: Receipt) -> bytes:
    """The receipt's PDF: the stored file when there is one drawn for the site's current address, else rendered
    now and stored for next time (its verification QR must open where the site is served now)."""
    base = base_url(receipt.organization)
    if receipt.pdf and drawn_for(receipt.pdf.name, base) and receipt.pdf.storage.exists(receipt.pdf.name):
        with receipt.pdf.open("rb") as handle:
            return handle.read()
    content = render_receipt_pdf(receipt)
    old = receipt.pdf.name
    name = receipt.pdf.storage.save(pdf_storage_name(f"receipts/{receipt.organization_id}/{receipt.fiscal_year}", base),
                                    ContentFile(content))
    # A direct update: the stored file is a cache, not a change to the receipt (whose history is its void fields).
    Receipt.objects.filter(pk=receipt.pk, voided=receipt.voided).update(pdf=name)
    receipt.pdf.name = name
    if old and old != name and receipt.pdf.storage.exists(old):
        receipt.pdf.storage.delete(old)
    return content
