"""Payment-gateway notifications: POST /payments/webhook/<provider>/ (not language-prefixed, no login, no CSRF).

Signature
    Every request carries three headers::

        X-Thongthin-Timestamp: 1764050400            (Unix seconds when the gateway signed the request)
        X-Thongthin-Signature: sha256=<hex digest>   (HMAC-SHA256, see below)
        X-Thongthin-Event-Id:  evt_01HF...           (optional; the gateway's ID of this notification)

    The digest is HMAC-SHA256 with the deployment's secret (environment variable PAYMENT_WEBHOOK_SECRET) over the
    bytes ``<timestamp>.<raw request body>``. Requests whose timestamp is more than 5 minutes from our clock are
    refused, so a captured request cannot be replayed later; within the window, a replay is caught by the event ID
    and by the transaction ID (a payment's provider reference is unique), so it records nothing twice.

Body (JSON, UTF-8)::

    {
      "event_id": "evt_01HF...",            optional if the header is sent
      "transaction_id": "TXN20261125000123", required: the bank's or gateway's reference of the payment
      "biller_id": "099400015880701",        optional: which LGO was paid (else the LGO of the host called)
      "ref1": "SUB2569000123",               required
      "ref2": "2569",                        optional ("" when the bill has none)
      "amount": "150.00",                    required: a string of baht with at most 2 decimals (never a JSON number)
      "paid_at": "2026-11-25T14:05:09+07:00" required: ISO 8601; without an offset it is read as Bangkok time
    }

Outcomes and status codes
    200 ``recorded`` (payment and receipt made), 200 ``duplicate`` (seen before, nothing changed), 200 ``queued``
    (no payable invoice with these references: an officer resolves it), 401 ``bad_signature``, 400 ``stale``,
    400 ``malformed``, 400 ``unknown_biller``. Every call, including forged ones, is logged as a WebhookEvent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from core.audit import client_ip
from organizations.models import Organization
from organizations.tenancy import current_organization

from ..constants import (
    WEBHOOK_EVENT_ID_HEADER,
    WEBHOOK_SIGNATURE_HEADER,
    WEBHOOK_TIMESTAMP_HEADER,
    WEBHOOK_TOLERANCE_SECONDS,
    PaymentChannel,
    ReconciliationReason,
    ReconciliationSource,
    WebhookOutcome,
)
from ..exceptions import InvalidInvoice, InvoiceNotPayable, PaymentError
from ..models import Payment, ReconciliationItem, WebhookEvent
from ..selectors import invoice_for_references
from ..services import record_payment, to_money
from .base import PaymentProvider
from .registry import register


class WebhookRejected(Exception):
    def __init__(self, outcome: WebhookOutcome, detail: str, status: int = 400) -> None:
        super().__init__(detail)
        self.outcome, self.detail, self.status = outcome, detail, status


@dataclass(frozen=True)
class Notice:
    event_id: str
    transaction_id: str
    biller_id: str
    ref1: str
    ref2: str
    amount: Decimal
    paid_at: dt.datetime


def sign(body: bytes, timestamp: int | str, secret: str | None = None) -> str:
    """The signature header value for `body` sent at `timestamp` (what the gateway computes; tests use it too)."""
    key = (secret if secret is not None else settings.PAYMENT_WEBHOOK_SECRET).encode()
    digest = hmac.new(key, str(timestamp).encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify_signature(body: bytes, timestamp: str, signature: str, *, now: float | None = None) -> None:
    """Raise WebhookRejected unless the signature matches and the timestamp is within ±5 minutes."""
    if not timestamp or not signature:
        raise WebhookRejected(WebhookOutcome.BAD_SIGNATURE, "missing signature or timestamp header", 401)
    if not hmac.compare_digest(sign(body, timestamp), signature.strip().lower()):
        raise WebhookRejected(WebhookOutcome.BAD_SIGNATURE, "signature does not match", 401)
    try:
        sent = int(timestamp)
    except ValueError as exc:
        raise WebhookRejected(WebhookOutcome.STALE, "timestamp is not Unix seconds") from exc
    if abs((now if now is not None else time.time()) - sent) > WEBHOOK_TOLERANCE_SECONDS:
        raise WebhookRejected(WebhookOutcome.STALE, "timestamp outside the 5-minute window")


def parse_notice(body: bytes, header_event_id: str) -> Notice:
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise WebhookRejected(WebhookOutcome.MALFORMED, "body is not JSON") from exc
    if not isinstance(data, dict):
        raise WebhookRejected(WebhookOutcome.MALFORMED, "body is not a JSON object")
    texts = {}
    for key in ("transaction_id", "ref1", "ref2", "amount", "paid_at", "biller_id", "event_id"):
        value = data.get(key, "")
        if not isinstance(value, str):
            raise WebhookRejected(WebhookOutcome.MALFORMED, f"{key} must be a string")
        texts[key] = value.strip()
    for key in ("transaction_id", "ref1", "amount", "paid_at"):
        if not texts[key]:
            raise WebhookRejected(WebhookOutcome.MALFORMED, f"{key} is required")
    try:
        amount = Decimal(texts["amount"])
    except InvalidOperation as exc:
        raise WebhookRejected(WebhookOutcome.MALFORMED, "amount is not a number") from exc
    refused = "amount must be positive baht with at most 2 decimals"
    try:
        amount = to_money(amount)
    except InvalidInvoice as exc:  # not finite, more than 2 decimals, or 10 billion baht or more
        raise WebhookRejected(WebhookOutcome.MALFORMED, refused) from exc
    if amount <= 0:
        raise WebhookRejected(WebhookOutcome.MALFORMED, refused)
    paid_at = parse_datetime(texts["paid_at"])
    if paid_at is None:
        raise WebhookRejected(WebhookOutcome.MALFORMED, "paid_at is not an ISO 8601 date-time")
    if timezone.is_naive(paid_at):
        paid_at = timezone.make_aware(paid_at)
    return Notice(
        event_id=(header_event_id or texts["event_id"])[:100], transaction_id=texts["transaction_id"][:100],
        biller_id=texts["biller_id"], ref1=texts["ref1"].upper(), ref2=texts["ref2"].upper(),
        amount=amount, paid_at=paid_at,
    )


@register
class GatewayProvider(PaymentProvider):
    """A payment gateway or the bank's bill-payment API that notifies us of each Thai QR payment."""

    code = "gateway"
    label = _("Payment gateway (Thai QR)")
    accepts_webhooks = True

    def handle_webhook(self, request: HttpRequest) -> JsonResponse:
        body = request.body
        event = WebhookEvent(provider=self.code, body=body[:10000].decode("utf-8", "replace"),
                             remote_addr=client_ip(request),
                             event_id=request.headers.get(WEBHOOK_EVENT_ID_HEADER, "")[:100])
        try:
            verify_signature(body, request.headers.get(WEBHOOK_TIMESTAMP_HEADER, ""),
                             request.headers.get(WEBHOOK_SIGNATURE_HEADER, ""))
            event.signature_valid = True
            notice = parse_notice(body, event.event_id)
            event.event_id = notice.event_id
            event.organization = self._organization(request, notice)
            with transaction.atomic():
                self._process(event, notice)
                event.save()
        except (WebhookRejected, PaymentError) as problem:
            rejected = problem if isinstance(problem, WebhookRejected) else WebhookRejected(
                WebhookOutcome.MALFORMED, str(problem))
            event.outcome, event.detail = rejected.outcome, rejected.detail[:500]
            event.save()
            return JsonResponse({"status": rejected.outcome, "detail": rejected.detail}, status=rejected.status)
        return JsonResponse({"status": event.outcome})

    def _organization(self, request: HttpRequest, notice: Notice) -> Organization:
        if notice.biller_id:
            organization = Organization.objects.filter(biller_id=notice.biller_id).first()
        else:
            organization = current_organization(request)
        if organization is None:
            raise WebhookRejected(WebhookOutcome.UNKNOWN_BILLER, "no LGO has this biller ID or host")
        return organization

    def _process(self, event: WebhookEvent, notice: Notice) -> None:
        """Record the payment, or queue it for an officer; a notice seen before changes nothing."""
        if self._seen(notice):
            event.outcome, event.detail = WebhookOutcome.DUPLICATE, "event or transaction already received"
            event.payment = Payment.objects.filter(provider=self.code,
                                                   provider_reference=notice.transaction_id).first()
            return
        invoice = invoice_for_references(event.organization, notice.ref1, notice.ref2)
        raw = {"event_id": notice.event_id, "transaction_id": notice.transaction_id}
        if invoice is not None and invoice.is_payable:
            try:
                event.payment = record_payment(
                    invoice=invoice, amount=notice.amount, channel=PaymentChannel.GATEWAY, provider=self.code,
                    provider_reference=notice.transaction_id, paid_at=notice.paid_at, raw=raw,
                )
                event.outcome = WebhookOutcome.RECORDED
                return
            except InvoiceNotPayable:  # cancelled between the look-up and the lock
                pass
        reason = ReconciliationReason.UNKNOWN_REFERENCE
        if invoice is not None:
            reason = (ReconciliationReason.ALREADY_SETTLED if invoice.is_settled
                      else ReconciliationReason.INVOICE_CANCELLED)
        ReconciliationItem.objects.create(
            organization=event.organization, source=ReconciliationSource.GATEWAY, reason=reason,
            provider=self.code, provider_reference=notice.transaction_id, paid_at=notice.paid_at,
            ref1=notice.ref1, ref2=notice.ref2, amount=notice.amount, candidate_invoice=invoice,
        )
        event.outcome, event.detail = WebhookOutcome.QUEUED, str(reason.label)

    def _seen(self, notice: Notice) -> bool:
        if notice.event_id and WebhookEvent.objects.filter(
            provider=self.code, event_id=notice.event_id, signature_valid=True,
            outcome__in=(WebhookOutcome.RECORDED, WebhookOutcome.QUEUED),
        ).exists():
            return True
        return (
            Payment.objects.filter(provider=self.code, provider_reference=notice.transaction_id).exists()
            or ReconciliationItem.objects.filter(provider=self.code,
                                                 provider_reference=notice.transaction_id).exists()
        )
