"""A small fixed-window rate limiter on the cache (Redis in production), for logins and citizen look-ups."""

from __future__ import annotations

import hashlib

from django.core.cache import cache


def _key(bucket: str, ident: str) -> str:
    digest = hashlib.sha256(ident.encode()).hexdigest()[:32]
    return f"rl:{bucket}:{digest}"


def is_limited(bucket: str, ident: str, *, limit: int) -> bool:
    """True when `ident` has already used up `limit` attempts in the current window of `bucket`."""
    return int(cache.get(_key(bucket, ident), 0)) >= limit


def record_attempt(bucket: str, ident: str, *, window_seconds: int) -> int:
    """Count one attempt and return the count in this window (the window starts at the first attempt)."""
    key = _key(bucket, ident)
    if cache.add(key, 1, timeout=window_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window_seconds)
        return 1


def reset(bucket: str, ident: str) -> None:
    """Forget the attempts of `ident`, for example after a successful login."""
    cache.delete(_key(bucket, ident))
