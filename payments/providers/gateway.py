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
      "ref2": "2569",                        optional ("" when the bill has none; "ALL" pays every unpaid bill
                                             with this Ref1, oldest first: services.record_consolidated_payment)
      "amount": "150.00",                    required: a string of baht with at most 2 decimals (never a JSON number)
      "paid_at": "2026-11-25T14:05:09+07:00" required: ISO 8601; without an offset it is read as Bangkok time
    }

Outcomes and status codes
    200 ``recorded`` (payment and receipt made), 200 ``duplicate`` (seen before, nothing changed), 200 ``queued``
    (no payable invoice with these references: an officer resolves it), 401 ``bad_signature``, 400 ``stale``,
    400 ``malformed`` (also impossible dates, over-long or NUL-bearing values), 400 ``unknown_biller``, and 500
    ``error`` only when our side failed (the gateway should retry). Every call, including forged ones, is logged as a
    WebhookEvent; a stale timestamp under a valid signature is logged as stale with the signature marked valid.

    This module only verifies and parses; `payments.reconciliation.receive_online_payment` does the writing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import time
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
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
    WebhookOutcome,
)
from ..exceptions import InvalidInvoice, PaymentError
from ..models import WebhookEvent
from ..reconciliation import log_webhook_refusal, receive_online_payment
from ..services import to_money
from .base import PaymentProvider
from .registry import register

logger = logging.getLogger(__name__)


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


def verify_signature(body: bytes, timestamp: str, signature: str) -> None:
    """Raise WebhookRejected (401) unless the signature matches the body and timestamp."""
    if not timestamp or not signature:
        raise WebhookRejected(WebhookOutcome.BAD_SIGNATURE, "missing signature or timestamp header", 401)
    if not hmac.compare_digest(sign(body, timestamp), signature.strip().lower()):
        raise WebhookRejected(WebhookOutcome.BAD_SIGNATURE, "signature does not match", 401)


def verify_timestamp(timestamp: str, *, now: float | None = None) -> None:
    """Raise WebhookRejected (400 stale) unless the signed timestamp is within ±5 minutes of our clock.

    Checked after the signature, so the log tells a genuine but late (or replayed) notice from a forged one.
    """
    try:
        sent = int(timestamp)
    except ValueError as exc:
        raise WebhookRejected(WebhookOutcome.STALE, "timestamp is not Unix seconds") from exc
    if abs((now if now is not None else time.time()) - sent) > WEBHOOK_TOLERANCE_SECONDS:
        raise WebhookRejected(WebhookOutcome.STALE, "timestamp outside the 5-minute window")


# The longest value each field may have: what the queue and payment tables hold (a bank reference is at most 20).
_MAX_LENGTHS = {"transaction_id": 100, "ref1": 50, "ref2": 50, "amount": 20, "paid_at": 40, "biller_id": 15,
                "event_id": 100}


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
        if "\x00" in value:  # PostgreSQL text cannot hold NUL; no real reference or date contains one
            raise WebhookRejected(WebhookOutcome.MALFORMED, f"{key} contains a NUL character")
        if len(value.strip()) > _MAX_LENGTHS[key]:  # never cut: a shortened reference could match another
            raise WebhookRejected(WebhookOutcome.MALFORMED, f"{key} is longer than {_MAX_LENGTHS[key]} characters")
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
    try:
        paid_at = parse_datetime(texts["paid_at"])
    except ValueError as exc:  # well-formed but impossible: 30 February, hour 25
        raise WebhookRejected(WebhookOutcome.MALFORMED, "paid_at is not a date-time that exists") from exc
    if paid_at is None:
        raise WebhookRejected(WebhookOutcome.MALFORMED, "paid_at is not an ISO 8601 date-time")
    if timezone.is_naive(paid_at):
        paid_at = timezone.make_aware(paid_at)
    return Notice(
        event_id=(header_event_id or texts["event_id"])[:100], transaction_id=texts["transaction_id"],
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
        """Verify and parse the call, then hand it to `reconciliation.receive_online_payment`, which records it.

        Every call ends as one WebhookEvent and a JSON answer: 4xx for whatever the caller got wrong, 500 (so the
        gateway retries) only for a failure of ours, which is also written to the error log.
        """
        body = request.body
        event = WebhookEvent(provider=self.code, body=_printable(body[:10000].decode("utf-8", "replace")),
                             remote_addr=client_ip(request),
                             event_id=_printable(request.headers.get(WEBHOOK_EVENT_ID_HEADER, ""))[:100])
        try:
            timestamp = request.headers.get(WEBHOOK_TIMESTAMP_HEADER, "")
            verify_signature(body, timestamp, request.headers.get(WEBHOOK_SIGNATURE_HEADER, ""))
            event.signature_valid = True
            verify_timestamp(timestamp)
            notice = parse_notice(body, event.event_id)
            event.event_id = notice.event_id
            event.organization = self._organization(request, notice)
            receive_online_payment(
                event=event, ref1=notice.ref1, ref2=notice.ref2, amount=notice.amount, paid_at=notice.paid_at,
                transaction_id=notice.transaction_id,
            )
        except (WebhookRejected, PaymentError) as problem:
            rejected = problem if isinstance(problem, WebhookRejected) else WebhookRejected(
                WebhookOutcome.MALFORMED, str(problem))
            log_webhook_refusal(event=event, outcome=rejected.outcome, detail=rejected.detail)
            return JsonResponse({"status": rejected.outcome, "detail": rejected.detail}, status=rejected.status)
        except Exception:
            logger.exception("Payment webhook %s failed", event.event_id or "(no event id)")
            log_webhook_refusal(event=event, outcome=WebhookOutcome.ERROR, detail="internal error; retry later")
            return JsonResponse({"status": WebhookOutcome.ERROR, "detail": "internal error; retry later"},
                                status=500)
        return JsonResponse({"status": event.outcome})

    def _organization(self, request: HttpRequest, notice: Notice) -> Organization:
        """The LGO that was paid: the holder of the biller ID (unique per deployment), else the host's LGO."""
        if notice.biller_id:
            organization = Organization.objects.filter(biller_id=notice.biller_id).first()
        else:
            organization = current_organization(request)
        if organization is None:
            raise WebhookRejected(WebhookOutcome.UNKNOWN_BILLER, "no LGO has this biller ID or host")
        return organization


def _printable(text: str) -> str:
    """What may be stored as text: PostgreSQL refuses NUL characters, so they are logged as U+FFFD."""
    return text.replace("\x00", "\ufffd")
