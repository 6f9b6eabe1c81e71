"""Reactions to other apps' events: a paid invoice advances its case."""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def on_invoice_paid(sender: Any, invoice: Any, **kwargs: Any) -> None:
    """payments.signals.invoice_paid: advance the case the invoice belongs to (idempotent)."""
    from .models import Submission
    from .services import INVOICE_SOURCE_TYPE, record_payment

    if getattr(invoice, "source_type", "") != INVOICE_SOURCE_TYPE:
        return
    submission = Submission.objects.filter(pk=invoice.source_id, organization_id=invoice.organization_id).first()
    if submission is None:
        logger.warning("Paid invoice %s points to missing case %s", invoice.pk, invoice.source_id)
        return
    record_payment(submission=submission)


def connect() -> None:
    try:
        from payments.signals import invoice_paid
    except ImportError:  # payments not installed in this deployment: cases with fees cannot be paid online
        return
    invoice_paid.connect(on_invoice_paid, dispatch_uid="eservices.invoice_paid")
