"""Throttle failed sign-ins to the admin: per account and client address, and per client address overall.

Counts live in the cache (Redis in production, shared by every app server) through core.ratelimit. A successful
sign-in clears the account's count. Limits come from settings LOGIN_THROTTLE_ATTEMPTS and
LOGIN_THROTTLE_WINDOW_SECONDS; one address may fail at most four times that many, whatever the usernames.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest

from . import ratelimit
from .audit import client_ip

logger = logging.getLogger("thongthin.security")
BUCKET_ACCOUNT = "login"
BUCKET_ADDRESS = "login-ip"
ADDRESS_FACTOR = 4


def _keys(request: HttpRequest | None, username: str) -> tuple[str, str]:
    address = client_ip(request) or "unknown"
    return f"{(username or '').strip().lower()}|{address}", address


def is_blocked(request: HttpRequest | None, username: str) -> bool:
    account, address = _keys(request, username)
    limit = settings.LOGIN_THROTTLE_ATTEMPTS
    return ratelimit.is_limited(BUCKET_ACCOUNT, account, limit=limit) or ratelimit.is_limited(
        BUCKET_ADDRESS, address, limit=limit * ADDRESS_FACTOR
    )


def record_failure(request: HttpRequest | None, username: str) -> None:
    account, address = _keys(request, username)
    window = settings.LOGIN_THROTTLE_WINDOW_SECONDS
    count = ratelimit.record_attempt(BUCKET_ACCOUNT, account, window_seconds=window)
    ratelimit.record_attempt(BUCKET_ADDRESS, address, window_seconds=window)
    if count == settings.LOGIN_THROTTLE_ATTEMPTS:
        logger.warning("Sign-in locked for %s minutes after %s failures: username=%r address=%s",
                       window // 60, count, username, address)


def record_success(request: HttpRequest | None, username: str) -> None:
    account, _address = _keys(request, username)
    ratelimit.reset(BUCKET_ACCOUNT, account)
