"""Errors the payments services raise. Messages are translated and safe to show to officers and citizens."""

from __future__ import annotations


class PaymentError(Exception):
    """Base class: `str(error)` is a translated message fit for a form error or an admin message."""


class InvalidInvoice(PaymentError, ValueError):
    """The invoice data breaks a rule (references, amounts, lines)."""


class ReferenceInUse(InvalidInvoice):
    """Another invoice that still expects money already uses this Ref1/Ref2 in the LGO."""


class InvoiceNotPayable(PaymentError):
    """The invoice was cancelled, so it cannot take money (the bank line goes to the reconciliation queue)."""


class InvoiceHasPayments(PaymentError):
    """An invoice that has taken money cannot be cancelled; void its receipts first."""


class ReceiptAlreadyVoided(PaymentError):
    """The receipt was voided before."""


class ReconciliationError(PaymentError):
    """A queue item cannot be resolved this way (already resolved, wrong LGO, …)."""
