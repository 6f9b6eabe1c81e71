"""Logs as JSON lines (`LOG_FORMAT=json`) carrying the request id, LGO and user, with personal data masked.

`RequestContextMiddleware` gives every request an id (the proxy's `X-Request-ID` when it sent a sane one, else a new
one, echoed in the response) and keeps the request in a context variable; `JsonFormatter` adds `request_id`,
`organization_id` and `user_id` to every record logged while it is answered, so one citizen's complaint can be
followed across app servers. National IDs, phone numbers and e-mail addresses in messages are masked whatever the
format: a log is not a place for personal data (PDPA), and log shippers copy it far and wide.
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import time
import traceback
import uuid
from collections.abc import Callable
from datetime import UTC, datetime

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar("thongthin_request", default=None)
access_logger = logging.getLogger("thongthin.request")

_NATIONAL_ID = re.compile(r"(?<![\d๐-๙])([0-9๐-๙])[-\s]?(?:[0-9๐-๙][-\s]?){11}[0-9๐-๙](?![\d๐-๙])")
_PHONE = re.compile(r"(?<![\d๐-๙])0[0-9๐-๙]{1,2}[-\s]?[0-9๐-๙]{3}[-\s]?[0-9๐-๙]{1,2}([0-9๐-๙]{2})(?![\d๐-๙])")
_EMAIL = re.compile(r"([A-Za-z0-9._%+-]{1,2})[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def mask_personal_data(text: str) -> str:
    """Mask Thai national IDs (13 digits, Thai digits and dashes too), phone numbers and e-mail addresses."""
    text = _EMAIL.sub(lambda m: f"{m.group(1)}***@{m.group(2)}", text)
    text = _NATIONAL_ID.sub(lambda m: f"{m.group(1)}-xxxx-xxxxx-xx-x", text)
    return _PHONE.sub(lambda m: f"0xx-xxx-xx{m.group(1)}", text)


class MaskingFilter(logging.Filter):
    """Rewrite the message of every record with personal data masked (used by every handler)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:
            return True
        masked = mask_personal_data(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


def current_context() -> dict[str, object]:
    """request_id, organization_id and user_id of the request being answered (empty outside a request)."""
    request = _request.get()
    if request is None:
        return {}
    context: dict[str, object] = {"request_id": getattr(request, "request_id", None)}
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        context["user_id"] = user.pk
    organization = getattr(request, "_log_organization_id", "unset")
    if organization == "unset":
        organization = None
        try:
            from .tenants import organization_for_request

            organization = getattr(organization_for_request(request), "pk", None)
        except Exception:
            organization = None
        request._log_organization_id = organization
    context["organization_id"] = organization
    return context


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, request context, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": mask_personal_data(record.getMessage()),
            **current_context(),
        }
        for key in ("method", "path", "status", "duration_ms"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = mask_personal_data("".join(traceback.format_exception(*record.exc_info)))
        return json.dumps(entry, ensure_ascii=False, default=str)


class RequestContextMiddleware:
    """Give the request an id, keep it for the log formatter, and log one line per request when asked to."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        sent = request.META.get("HTTP_X_REQUEST_ID", "")
        request.request_id = sent if _REQUEST_ID.match(sent) else uuid.uuid4().hex
        token = _request.set(request)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.request_id
            if getattr(settings, "LOG_REQUESTS", False):
                access_logger.info(
                    "%s %s %s", request.method, request.path, response.status_code,
                    extra={"method": request.method, "path": request.path, "status": response.status_code,
                           "duration_ms": round((time.perf_counter() - started) * 1000, 1)})
            return response
        finally:
            _request.reset(token)
