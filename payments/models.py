"""Invoices, payments, receipts, statement imports, the reconciliation queue and the webhook log.

Every change to these rows goes through `payments.services` (and `payments.reconciliation` for statement imports):
views, the admin and other apps never save them directly. Payments knows nothing of who bills: an invoice carries a
payer, lines, Ref1/Ref2 and an opaque `source_type`/`source_id` that the billing app uses to find its own records.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.files import private_storage
from core.tenants import TenantQuerySet
from organizations.models import OrganizationOwned

from .constants import (
    PAYABLE_STATUSES,
    SETTLED_STATUSES,
    InvoiceStatus,
    PaymentChannel,
    ReconciliationReason,
    ReconciliationSource,
    ReconciliationStatus,
    StatementLineOutcome,
    WebhookOutcome,
)

reference_validator = RegexValidator(
    r"^[A-Z0-9]{1,20}$", _("Use 1–20 capital English letters or digits (A–Z, 0–9), as bank apps require.")
)
MONEY = {"max_digits": 12, "decimal_places": 2}
logger = logging.getLogger(__name__)


# Tenancy: every payments row belongs to one LGO and is narrowed through core's one TenantQuerySet.
OrganizationQuerySet = TenantQuerySet


class InvoiceQuerySet(OrganizationQuerySet):
    def payable(self) -> InvoiceQuerySet:
        return self.filter(status__in=PAYABLE_STATUSES)


class Invoice(OrganizationOwned):
    """A demand for money from one payer, payable by Thai QR (bill payment, Ref1/Ref2) or at the counter."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="invoices", db_index=False,  # the (organization, …) indexes below serve it
    )
    number = models.CharField(
        _("invoice number"), max_length=30, help_text=_("Running per LGO and fiscal year, e.g. INV-2570-000123.")
    )
    payer_name = models.CharField(_("payer name"), max_length=255)
    payer_email = models.EmailField(_("payer e-mail"), blank=True)
    payer_phone = models.CharField(_("payer phone"), max_length=30, blank=True)
    payer_id = models.CharField(
        _("payer national ID or tax ID"), max_length=13, blank=True,
        help_text=_("Optional; printed on the receipt when given."),
    )
    total = models.DecimalField(_("total (baht)"), **MONEY)
    amount_paid = models.DecimalField(_("amount paid (baht)"), default=Decimal("0.00"), **MONEY)
    status = models.CharField(_("status"), max_length=20, choices=InvoiceStatus.choices, default=InvoiceStatus.OPEN)
    refund_pending = models.BooleanField(
        _("refund pending"), default=False,
        help_text=_("Set when more was paid than billed; an officer refunds the difference and clears it."),
    )
    ref1 = models.CharField(
        _("Ref1"), max_length=20, validators=[reference_validator],
        help_text=_("Reference 1 the bank reports back with the payment."),
    )
    ref2 = models.CharField(_("Ref2"), max_length=20, blank=True, validators=[reference_validator])
    due_date = models.DateField(_("due date"), null=True, blank=True)
    source_type = models.CharField(
        _("billed by"), max_length=100, blank=True,
        help_text=_("Which part of the platform raised this invoice, e.g. eservices.submission."),
    )
    source_id = models.CharField(_("source record"), max_length=100, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="invoice_number_unique"),
            # The bank reports only Ref1/Ref2: they must point at one invoice that still expects money.
            models.UniqueConstraint(
                fields=["organization", "ref1", "ref2"], condition=Q(status__in=PAYABLE_STATUSES),
                name="invoice_payable_refs_unique",
            ),
            # One live invoice per billed record: a double-click or a retried task cannot bill twice.
            models.UniqueConstraint(
                fields=["organization", "source_type", "source_id"],
                condition=~Q(status=InvoiceStatus.CANCELLED) & ~Q(source_type=""),
                name="invoice_source_unique",
            ),
            models.CheckConstraint(condition=Q(total__gte=0), name="invoice_total_not_negative"),
        ]
        # Few indexes on purpose: a statement import updates 100,000 invoices and every index costs each update.
        indexes = [
            models.Index(fields=["organization", "ref1"]),
            models.Index(fields=["organization", "status", "-created_at"]),
            models.Index(fields=["source_type", "source_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.payer_name}"

    @property
    def amount_due(self) -> Decimal:
        """What is still owed (never negative; see `overpaid_amount`)."""
        if self.status == InvoiceStatus.CANCELLED:
            return Decimal("0.00")
        return max(self.total - self.amount_paid, Decimal("0.00"))

    @property
    def overpaid_amount(self) -> Decimal:
        return max(self.amount_paid - self.total, Decimal("0.00"))

    @property
    def is_settled(self) -> bool:
        return self.status in SETTLED_STATUSES

    @property
    def is_payable(self) -> bool:
        return self.status in PAYABLE_STATUSES

    def qr_payload(self) -> str | None:
        """The Thai QR bill-payment payload (tag 30) for the amount due, or None when it cannot be paid by QR.

        None when the invoice is not payable or its LGO has no usable biller ID (none yet, or one saved with a wrong
        check digit before the LGO form checked it): then pages point the citizen to the counter, and the bad
        biller ID is logged for the administrators instead of breaking the citizen's page.
        """
        from .thaiqr import ThaiQRError, bill_payment_payload

        biller_id = self.organization.biller_id
        if not self.is_payable or not biller_id:
            return None
        try:
            return bill_payment_payload(
                biller_id=biller_id, ref1=self.ref1, ref2=self.ref2 or None, amount=self.amount_due
            )
        except ThaiQRError:
            logger.exception("No Thai QR for invoice %s of organization %s", self.pk, self.organization_id)
            return None


class InvoiceLine(models.Model):
    """One billed item. `amount` = quantity × unit amount, stored so totals never drift from what was printed."""

    invoice = models.ForeignKey(Invoice, verbose_name=_("invoice"), on_delete=models.CASCADE, related_name="lines")
    description = models.CharField(pgettext_lazy("invoice line", "description"), max_length=255)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    unit_amount = models.DecimalField(_("unit amount (baht)"), **MONEY)
    amount = models.DecimalField(_("amount (baht)"), **MONEY)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["invoice", "sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.description} {self.amount}"


class Payment(OrganizationOwned):
    """Money received against an invoice. Append-only; a mistaken payment is corrected by voiding its receipt."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="payments",
    )
    invoice = models.ForeignKey(Invoice, verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(_("amount (baht)"), **MONEY)
    paid_at = models.DateTimeField(_("paid at"))
    channel = models.CharField(_("channel"), max_length=20, choices=PaymentChannel.choices)
    provider = models.CharField(_("provider"), max_length=50, help_text=_("The provider registry code."))
    provider_reference = models.CharField(
        _("provider reference"), max_length=100,
        help_text=_("The provider's transaction ID; a second notice with the same ID records nothing."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)
    raw = models.JSONField(_("provider data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-paid_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "provider_reference"], name="payment_provider_ref_unique"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.amount} {self.get_channel_display()} {self.provider_reference}"


class ReceiptQuerySet(OrganizationQuerySet):
    def delete(self):
        raise PermissionError("Receipts are never deleted; void them with a reason instead.")


class Receipt(OrganizationOwned):
    """The e-receipt for one payment. Never deleted or renumbered: a supervisor voids it with a reason.

    What the receipt says (issuer, payer, lines) is copied in when it is issued, so a later change to the LGO's
    address or the invoice cannot change a receipt already handed out.
    """

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="receipts", db_index=False,  # receipt_number_unique starts with organization
    )
    payment = models.OneToOneField(Payment, verbose_name=_("payment"), on_delete=models.PROTECT,
                                   related_name="receipt")
    fiscal_year = models.PositiveIntegerField(_("fiscal year (BE)"))
    sequence = models.PositiveIntegerField(_("running number"))
    number = models.CharField(_("receipt number"), max_length=20, help_text=_("e.g. 2570/000123"))
    issued_at = models.DateTimeField(_("issued at"))
    payer_name = models.CharField(_("payer name"), max_length=255)
    payer_id = models.CharField(_("payer national ID or tax ID"), max_length=13, blank=True)
    issuer = models.JSONField(
        _("issuer details"), default=dict, help_text=_("LGO name, address and tax ID as printed.")
    )
    lines = models.JSONField(_("lines"), default=list, help_text=_("The invoice lines as printed."))
    details = models.JSONField(
        _("payment details"), default=dict,
        help_text=_("Invoice number and total, amounts paid before and still due, channel and reference as printed."),
    )
    amount = models.DecimalField(_("amount (baht)"), **MONEY)
    verification_code = models.CharField(_("verification code"), max_length=32, unique=True)
    pdf = models.FileField(_("PDF"), storage=private_storage, upload_to="receipts/", blank=True)
    voided = models.BooleanField(_("voided"), default=False)
    void_reason = models.CharField(_("reason for voiding"), max_length=500, blank=True)
    voided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("voided by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)

    objects = ReceiptQuerySet.as_manager()

    class Meta:
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "fiscal_year", "sequence"], name="receipt_number_unique"),
        ]

    def __str__(self) -> str:
        return self.number

    def delete(self, *args, **kwargs):
        raise PermissionError("Receipts are never deleted; void them with a reason instead.")


class StatementImport(OrganizationOwned):
    """One bank bill-payment statement file. Its SHA-256 is unique per LGO, so importing it again changes nothing."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="statement_imports",
    )
    file_name = models.CharField(_("file name"), max_length=255)
    file_hash = models.CharField(_("SHA-256"), max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    line_count = models.PositiveIntegerField(_("lines"), default=0)
    matched_count = models.PositiveIntegerField(_("matched"), default=0)
    confirmed_count = models.PositiveIntegerField(_("confirmed online payments"), default=0)
    queued_count = models.PositiveIntegerField(_("sent to queue"), default=0)
    duplicate_count = models.PositiveIntegerField(
        _("already imported"), default=0, help_text=_("Lines whose bank reference an earlier file already had.")
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("statement import")
        verbose_name_plural = _("statement imports")
        ordering = ["-imported_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "file_hash"], name="statement_file_unique"),
        ]

    def __str__(self) -> str:
        return self.file_name


class StatementLine(OrganizationOwned):
    """One line of an imported statement and what became of it. A bank reference is imported once per LGO."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT, related_name="+",
        db_index=False,  # statement_bank_ref_unique starts with organization
    )
    statement = models.ForeignKey(
        StatementImport, verbose_name=_("statement"), on_delete=models.PROTECT, related_name="lines"
    )
    row_number = models.PositiveIntegerField(_("row"))
    paid_at = models.DateTimeField(_("paid at"))
    ref1 = models.CharField(_("Ref1"), max_length=50)
    ref2 = models.CharField(_("Ref2"), max_length=50, blank=True)
    amount = models.DecimalField(_("amount (baht)"), **MONEY)
    bank_reference = models.CharField(_("bank reference"), max_length=100)
    outcome = models.CharField(_("outcome"), max_length=20, choices=StatementLineOutcome.choices)
    payment = models.ForeignKey(
        Payment, verbose_name=_("payment"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="statement_lines",
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("statement line")
        verbose_name_plural = _("statement lines")
        ordering = ["statement", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "bank_reference"], name="statement_bank_ref_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.bank_reference} {self.amount}"


class WebhookEvent(OrganizationOwned):
    """Every call to the gateway webhook, including forged and stale ones (which change nothing else)."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    provider = models.CharField(_("provider"), max_length=50)
    event_id = models.CharField(_("event ID"), max_length=100, blank=True)
    received_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    signature_valid = models.BooleanField(_("signature valid"), default=False)
    outcome = models.CharField(_("outcome"), max_length=20, choices=WebhookOutcome.choices)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    body = models.TextField(_("body"), blank=True, help_text=_("The first 10,000 characters as received."))
    remote_addr = models.GenericIPAddressField(_("sender address"), null=True, blank=True)
    payment = models.ForeignKey(
        Payment, verbose_name=_("payment"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook event")
        verbose_name_plural = _("webhook events")
        ordering = ["-received_at", "-pk"]
        indexes = [models.Index(fields=["provider", "event_id"])]

    def __str__(self) -> str:
        return f"{self.provider} {self.event_id} {self.outcome}"


class ReconciliationItem(OrganizationOwned):
    """Money the bank reported that could not be matched automatically: an officer matches or dismisses it."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="reconciliation_items",
    )
    source = models.CharField(_("source"), max_length=20, choices=ReconciliationSource.choices)
    reason = models.CharField(_("reason"), max_length=30, choices=ReconciliationReason.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ReconciliationStatus.choices, default=ReconciliationStatus.OPEN,
        db_index=True,
    )
    statement_line = models.OneToOneField(
        StatementLine, verbose_name=_("statement line"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="reconciliation_item",
    )
    provider = models.CharField(_("provider"), max_length=50)
    provider_reference = models.CharField(_("provider reference"), max_length=100)
    paid_at = models.DateTimeField(_("paid at"))
    ref1 = models.CharField(_("Ref1"), max_length=50)
    ref2 = models.CharField(_("Ref2"), max_length=50, blank=True)
    amount = models.DecimalField(_("amount (baht)"), **MONEY)
    candidate_invoice = models.ForeignKey(
        Invoice, verbose_name=_("invoice with these references"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    payment = models.ForeignKey(
        Payment, verbose_name=_("payment recorded"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("officer's note"), max_length=500, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("resolved by"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("reconciliation item")
        verbose_name_plural = _("reconciliation queue")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "provider_reference"], name="reconciliation_ref_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.ref1}/{self.ref2} {self.amount} ({self.get_reason_display()})"
