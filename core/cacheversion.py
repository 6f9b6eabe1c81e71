"""Version numbers in the cache, for invalidating a family of cached values at once.

A cached value's key carries the family's version; changing anything in the family bumps the version, so every
old key is simply never read again (and expires). Versions never expire themselves, or a stale value could return.
With Redis every app server sees the same version; with the in-process cache each process has its own, which is
why values cached this way also carry a timeout.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction

from core import requestmemo


def current(key: str) -> int:
    """The family's version (read once per request)."""
    return requestmemo.memoized(("cacheversion", key), lambda: cache.get_or_set(key, 1, None))


def bump(key: str) -> None:
    cache.add(key, 1, None)
    try:
        version = cache.incr(key)
    except ValueError:  # evicted between add and incr
        version = 2
        cache.set(key, version, None)
    requestmemo.remember(("cacheversion", key), version)


def bump_now_and_on_commit(key: str) -> None:
    """Bump now and again after the transaction commits, so that a read between the change and the commit cannot
    cache the old state under the new version."""
    bump(key)
    transaction.on_commit(lambda: bump(key))
