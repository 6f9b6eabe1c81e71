"""Signed, unguessable links a citizen can open without logging in (e-mailed, shown on tracking pages).

The token is the row's primary key signed with SECRET_KEY and a per-purpose salt: it cannot be guessed or
changed to reach another invoice, and rotating SECRET_KEY revokes every link at once. Links do not expire: a receipt
must stay downloadable for years.
"""

from __future__ import annotations

from django.core import signing
from django.urls import reverse

from organizations.links import absolute_url

from .models import Invoice, Receipt

RECEIPT_SALT = "payments.receipt.v1"
INVOICE_SALT = "payments.invoice.v1"


def _sign(pk: int, salt: str) -> str:
    return signing.Signer(salt=salt).sign(str(pk)).replace(":", ".")


def _unsign(token: str, salt: str) -> int | None:
    try:
        value = signing.Signer(salt=salt).unsign((token or "").replace(".", ":"))
    except signing.BadSignature:
        return None
    return int(value) if value.isdigit() else None


def _absolute(organization, path: str) -> str:
    return absolute_url(path, organization)


def receipt_token(receipt: Receipt) -> str:
    return _sign(receipt.pk, RECEIPT_SALT)


def receipt_from_token(token: str) -> Receipt | None:
    pk = _unsign(token, RECEIPT_SALT)
    if pk is None:
        return None
    return Receipt.objects.select_related("organization", "payment").filter(pk=pk).first()


def receipt_public_url(receipt: Receipt, *, absolute: bool = False) -> str:
    """Where a citizen downloads the receipt PDF (not language-prefixed)."""
    path = reverse("payments_api:receipt_pdf", kwargs={"token": receipt_token(receipt)})
    return _absolute(receipt.organization, path) if absolute else path


def verify_url(receipt: Receipt) -> str:
    """The absolute public verification address printed as a QR on the receipt: /verify/r/<code>/."""
    path = reverse("payments_api:verify_receipt", kwargs={"code": receipt.verification_code})
    return _absolute(receipt.organization, path)


def invoice_token(invoice: Invoice) -> str:
    return _sign(invoice.pk, INVOICE_SALT)


def invoice_from_token(token: str) -> Invoice | None:
    pk = _unsign(token, INVOICE_SALT)
    if pk is None:
        return None
    return Invoice.objects.select_related("organization").filter(pk=pk).first()


def invoice_public_url(invoice: Invoice, *, absolute: bool = False) -> str:
    """The public pay page of an invoice, /pay/<token>/ (in the active language)."""
    path = reverse("payments:invoice_public", kwargs={"token": invoice_token(invoice)})
    return _absolute(invoice.organization, path) if absolute else path
