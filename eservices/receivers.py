"""Reactions to events: a paid invoice advances its case; saved services and templates drop cached copies."""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)


def on_invoice_paid(sender: Any, invoice: Any, **kwargs: Any) -> None:
    """payments.signals.invoice_paid: advance the case the invoice belongs to, or settle a certificate's annual fee
    (idempotent)."""
    from .annualfees import ANNUAL_FEE_SOURCE_TYPE, record_fee_payment
    from .models import Submission
    from .services import INVOICE_SOURCE_TYPE, record_payment

    if getattr(invoice, "source_type", "") == ANNUAL_FEE_SOURCE_TYPE:
        record_fee_payment(invoice=invoice)
        return
    if getattr(invoice, "source_type", "") != INVOICE_SOURCE_TYPE:
        return
    submission = Submission.objects.filter(pk=invoice.source_id, organization_id=invoice.organization_id).first()
    if submission is None:
        logger.warning("Paid invoice %s points to missing case %s", invoice.pk, invoice.source_id)
        return
    record_payment(submission=submission)


def on_service_saved(sender: Any, instance: Any = None, **kwargs: Any) -> None:
    """A service page saved outside the publishing flow (scripts, data fixes) must not leave the wizard's cached
    copy (`wizard.service_for_request`) behind; publishing already purges the site."""
    from core.pagecache import purge_for_page

    purge_for_page(instance)


def on_template_changed(sender: Any, **kwargs: Any) -> None:
    """An LGO edited its notification wording: drop the cached copies (`notifications.lgo_template`)."""
    from core import cacheversion

    from .notifications import TEMPLATES_VERSION_KEY

    cacheversion.bump_now_and_on_commit(TEMPLATES_VERSION_KEY)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from payments.signals import invoice_paid

    from .models import NotificationTemplate, ServicePage

    post_save.connect(on_service_saved, sender=ServicePage, dispatch_uid="eservices.service_saved")
    post_save.connect(on_template_changed, sender=NotificationTemplate, dispatch_uid="eservices.template_saved")
    post_delete.connect(on_template_changed, sender=NotificationTemplate, dispatch_uid="eservices.template_deleted")
    invoice_paid.connect(on_invoice_paid, dispatch_uid="eservices.invoice_paid")
