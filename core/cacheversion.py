"""Version numbers in the cache, for invalidating a family of cached values at once.

A cached value's key carries the family's version; changing anything in the family bumps the version, so every
old key is simply never read again (and expires). Versions never expire themselves, or a stale value could return.
With Redis every app server sees the same version; with the in-process cache each process has its own, which is
why values cached this way also carry a timeout.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction

from core import requestmemo


def current(key: str, max_age: float = 0) -> int:
    """The family's version (read once per request; not at all when this process read it less than `max_age`
    seconds ago, for callers that accept a version that old)."""

    def read() -> int:
        version = recent(key, max_age) if max_age else None
        if version is None:
            version = cache.get_or_set(key, 1, None)
            note(key, version)
        return version

    return requestmemo.memoized(("cacheversion", key), read)


def bump(key: str) -> None:
    cache.add(key, 1, None)
    try:
        version = cache.incr(key)
    except ValueError:  # evicted between add and incr
        version = 2
        cache.set(key, version, None)
    requestmemo.remember(("cacheversion", key), version)
    note(key, version)


# key -> (version, monotonic time it was read): what this process last learnt of a version, for readers that may
# trust a version for a few seconds (the page cache's in-process tier, PAGE_CACHE_LOCAL_SECONDS) instead of asking
# the shared cache on every request. A bump made by this process is known here at once.
_recent: dict[str, tuple[int, float]] = {}


def note(key: str, version: int) -> None:
    """Record a version just read from (or written to) the shared cache."""
    _recent[key] = (version, time.monotonic())


def recent(key: str, max_age: float) -> int | None:
    """The version this process read at most `max_age` seconds ago, else None (ask the shared cache)."""
    entry = _recent.get(key)
    if entry is None or time.monotonic() - entry[1] >= max_age:
        return None
    return entry[0]


def forget_recent() -> None:
    _recent.clear()


def bump_now_and_on_commit(key: str) -> None:
    """Bump now and again after the transaction commits, so that a read between the change and the commit cannot
    cache the old state under the new version."""
    bump(key)
    transaction.on_commit(lambda: bump(key))
