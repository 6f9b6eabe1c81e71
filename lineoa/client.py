"""LINE Messaging API: check a webhook's signature, reply, push, and fetch a photo a user sent.

Hand-written rather than `line-bot-sdk`: we need four calls and one HMAC, and the SDK brings aiohttp, pydantic and
generated models for hundreds of endpoints. Every HTTP call goes through `transport`, the one function tests replace
to see the outgoing calls without a network.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from .constants import API_BASE, DATA_API_BASE, MAX_PHOTO_BYTES, TIMEOUT_SECONDS


def signature_ok(*, channel_secret: str, body: bytes, signature: str) -> bool:
    """X-Line-Signature is base64(HMAC-SHA256(channel secret, raw body)); compared in constant time."""
    if not channel_secret or not signature:
        return False
    digest = hmac.new(channel_secret.encode(), body, hashlib.sha256).digest()
    return hmac.compare_digest(base64.b64encode(digest).decode(), signature.strip())


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes
    content_type: str = ""


class LineApiError(Exception):
    """LINE answered with an error status (kept so the caller can tell a refusal from an outage)."""

    def __init__(self, status: int, body: bytes) -> None:
        super().__init__(f"LINE API {status}: {body[:300].decode(errors='replace')}")
        self.status = status

    @property
    def permanent(self) -> bool:
        """4xx other than 429 will fail the same way again (bad token, blocked user, bad message)."""
        return 400 <= self.status < 500 and self.status != 429


def transport(method: str, url: str, *, headers: dict[str, str], body: bytes | None = None) -> Response:
    """Send one HTTPS request to LINE (replaced in tests)."""
    request = urllib.request.Request(url, data=body, headers=headers, method=method)  # noqa: S310  (fixed https URLs)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as answer:  # noqa: S310
            return Response(answer.status, answer.read(MAX_PHOTO_BYTES + 1), answer.headers.get("Content-Type", ""))
    except urllib.error.HTTPError as error:
        return Response(error.code, error.read(2000), error.headers.get("Content-Type", ""))


class LineClient:
    """Calls made with one channel's access token."""

    def __init__(self, access_token: str) -> None:
        self.access_token = access_token

    def _call(self, method: str, url: str, payload: dict[str, Any] | None = None) -> Response:
        headers = {"Authorization": f"Bearer {self.access_token}"}
        body = None
        if payload is not None:
            headers["Content-Type"] = "application/json"
            body = json.dumps(payload, ensure_ascii=False).encode()
        response = transport(method, url, headers=headers, body=body)
        if response.status >= 300:
            raise LineApiError(response.status, response.body)
        return response

    def reply(self, reply_token: str, messages: list[dict[str, Any]]) -> None:
        self._call("POST", f"{API_BASE}/message/reply", {"replyToken": reply_token, "messages": messages[:5]})

    def push(self, to: str, messages: list[dict[str, Any]]) -> None:
        self._call("POST", f"{API_BASE}/message/push", {"to": to, "messages": messages[:5]})

    def content(self, message_id: str) -> Response:
        """The bytes of an image the user sent (kept by LINE for a limited time)."""
        return self._call("GET", f"{DATA_API_BASE}/message/{message_id}/content")


def text(message: str, quick_replies: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A text message (LINE's limit is 5,000 characters), with quick-reply buttons when given."""
    payload: dict[str, Any] = {"type": "text", "text": message[:5000]}
    if quick_replies:
        payload["quickReply"] = {"items": quick_replies[:13]}
    return payload


def postback_button(label: str, data: str, display: str = "") -> dict[str, Any]:
    return {"type": "action", "action": {"type": "postback", "label": label[:20], "data": data[:300],
                                         "displayText": (display or label)[:300]}}


def action_button(kind: str, label: str) -> dict[str, Any]:
    """camera, cameraRoll or location: LINE opens the phone's own picker."""
    return {"type": "action", "action": {"type": kind, "label": label[:20]}}
