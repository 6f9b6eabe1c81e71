"""The LINE webhook of the LGO whose host name LINE calls: https://<LGO host>/line/webhook/.

A call counts only with a valid X-Line-Signature for that LGO's channel secret (else 403, nothing read). Each event
is handled once: its id is stored in the transaction that applies it, so a redelivered or replayed event is ignored.
Replies go out after the transaction commits, so a failed write never tells the citizen "received".
"""

from __future__ import annotations

import hashlib
import json
import logging
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from organizations.tenancy import current_organization

from . import client, conversation
from .models import HandledEvent, LineSettings

logger = logging.getLogger(__name__)


def event_id(event: dict[str, Any]) -> str:
    """LINE's webhookEventId; for a payload without one, a digest of the event (less its redelivery flag)."""
    if event.get("webhookEventId"):
        return str(event["webhookEventId"])[:64]
    stable = {key: value for key, value in event.items() if key != "deliveryContext"}
    return "sha256:" + hashlib.sha256(json.dumps(stable, sort_keys=True).encode()).hexdigest()[:56]


def _send_replies(settings: LineSettings, reply_token: str, messages: list[dict[str, Any]]) -> None:
    try:
        client.LineClient(settings.access_token).reply(reply_token, messages)
    except (client.LineApiError, OSError):  # the report is filed; a lost reply must not undo it
        logger.warning("LINE reply failed for organization %s", settings.organization_id, exc_info=True)


def handle_event(settings: LineSettings, event: dict[str, Any]) -> bool:
    """Apply one event unless it was handled before; True when it was new."""
    organization = settings.organization
    identifier = event_id(event)
    try:
        with transaction.atomic():
            HandledEvent.objects.create(organization=organization, event_id=identifier)
            messages = conversation.handle(organization, event, identifier)
            reply_token = event.get("replyToken")
            if messages and reply_token and settings.can_send:
                transaction.on_commit(lambda: _send_replies(settings, reply_token, messages))
    except IntegrityError:
        logger.info("LINE event %s already handled", identifier)
        return False
    return True


@csrf_exempt  # LINE signs the body instead
@require_POST
def webhook(request: HttpRequest) -> HttpResponse:
    organization = current_organization(request)
    settings = LineSettings.objects.for_organization(organization).select_related("organization").first()
    if settings is None or not settings.can_receive:
        return JsonResponse({"error": "LINE is not set up for this LGO"}, status=404)
    body = request.body
    if not client.signature_ok(channel_secret=settings.channel_secret, body=body,
                               signature=request.headers.get("X-Line-Signature", "")):
        return JsonResponse({"error": "bad signature"}, status=403)
    try:
        events = json.loads(body).get("events", [])
        if not isinstance(events, list):
            raise ValueError
    except (ValueError, AttributeError):
        return JsonResponse({"error": "bad payload"}, status=400)
    handled = sum(handle_event(settings, event) for event in events if isinstance(event, dict))
    return JsonResponse({"handled": handled})
