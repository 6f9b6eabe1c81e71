"""Choices and fixed values of the payments app."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MONEY_PLACES = Decimal("0.01")
# Officers who belong to this department (any role) work the payments desk; its head may void receipts.
FINANCE_DEPARTMENT_CODE = "finance"
# Gateway webhooks: how far the signed timestamp may be from our clock, either way.
WEBHOOK_TOLERANCE_SECONDS = 300
WEBHOOK_SIGNATURE_HEADER = "X-Thongthin-Signature"
WEBHOOK_TIMESTAMP_HEADER = "X-Thongthin-Timestamp"
WEBHOOK_EVENT_ID_HEADER = "X-Thongthin-Event-Id"
# Ref2 of a consolidated payment: Ref1 + "ALL" pays every payable invoice with that Ref1, oldest due first (one Thai
# QR for a waste-fee account's unpaid months). No invoice may carry it as its own Ref2.
CONSOLIDATED_REF2 = "ALL"
# Provider code stored on payments that come from an imported bank statement (the bank reference is unique per bank).
STATEMENT_PROVIDER = "bank_statement"


class InvoiceStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("invoice status", "Open")
    PARTIALLY_PAID = "partially_paid", _("Partially paid")
    PAID = "paid", _("Paid")
    OVERPAID = "overpaid", _("Overpaid")
    CANCELLED = "cancelled", _("Cancelled")


# An invoice that still expects money: at most one per (organization, ref1, ref2).
PAYABLE_STATUSES = (InvoiceStatus.OPEN, InvoiceStatus.PARTIALLY_PAID)
SETTLED_STATUSES = (InvoiceStatus.PAID, InvoiceStatus.OVERPAID)


class PaymentChannel(models.TextChoices):
    COUNTER_CASH = "counter_cash", _("Cash at the counter")
    COUNTER_TRANSFER = "counter_transfer", _("Bank transfer recorded at the counter")
    GATEWAY = "gateway", _("Thai QR / online payment")
    BANK_STATEMENT = "bank_statement", _("Bank bill-payment statement")


class WebhookOutcome(models.TextChoices):
    RECORDED = "recorded", _("Payment recorded")
    DUPLICATE = "duplicate", _("Already received (replay)")
    QUEUED = "queued", _("Sent to the reconciliation queue")
    BAD_SIGNATURE = "bad_signature", _("Bad or missing signature")
    STALE = "stale", _("Timestamp outside the allowed window")
    MALFORMED = "malformed", _("Malformed payload")
    UNKNOWN_BILLER = "unknown_biller", _("Unknown biller")
    ERROR = "error", _("Failed on our side (the gateway retries)")


class StatementLineOutcome(models.TextChoices):
    MATCHED = "matched", _("Matched: payment recorded")
    CONFIRMED = "confirmed", _("Confirms a payment already received online")
    QUEUED = "queued", _("Sent to the reconciliation queue")


class ReconciliationReason(models.TextChoices):
    UNKNOWN_REFERENCE = "unknown_reference", _("No invoice has these references")
    AMOUNT_MISMATCH = "amount_mismatch", _("Amount differs from the amount due")
    ALREADY_SETTLED = "already_settled", _("The invoice is already paid")
    INVOICE_CANCELLED = "invoice_cancelled", _("The invoice was cancelled")


class ReconciliationSource(models.TextChoices):
    STATEMENT = "statement", _("Bank statement")
    GATEWAY = "gateway", _("Online payment notification")


class ReconciliationStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an officer")
    MATCHED = "matched", _("Matched to an invoice")
    DISMISSED = "dismissed", _("Dismissed")
