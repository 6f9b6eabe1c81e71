"""Host-name validation that knows every LGO site in the database, so an LGO added on the web is served at once.

`ALLOWED_HOSTS = SiteHosts([...configured names...])` in the settings: Django iterates it on every request
(`validate_host`: `any(pattern == "*" or is_same_domain(host, pattern) for pattern in ALLOWED_HOSTS)`). It yields the
configured patterns, then one stand-in pattern, `ANY_SITE_HOST`, that equals a host name exactly when some Wagtail
Site has that host name. So the cost per request does not grow with the number of sites (a country holds ~7,850):
the answer for a host is kept in this process per version of the site table (the page cache's hosts version,
bumped whenever a Site is saved or deleted), else in the shared cache, else one indexed query. A host that is
neither configured nor a site's is still refused with 400, as before. This module imports no models at import time
(settings import it).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator

CACHE_KEY = "organizations:site-host:{version}:{host}"
CACHE_SECONDS = 3600
_KNOWN_LIMIT = 50_000  # host names remembered per process (unknown ones included: a flood of made-up hosts)


class _AnySiteHost(str):
    """A pattern for Django's `is_same_domain`: lower-cases to itself, is no wildcard, and equals `host` when `host`
    is some site's host name."""

    def __new__(cls) -> _AnySiteHost:
        return super().__new__(cls, "<the host name of any LGO site>")

    def lower(self) -> _AnySiteHost:
        return self

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and not isinstance(other, _AnySiteHost) and is_site_host(other)

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    __hash__ = str.__hash__


ANY_SITE_HOST = _AnySiteHost()


class SiteHosts(list):
    """An ALLOWED_HOSTS value (a list, as Django requires): the configured patterns, then `ANY_SITE_HOST`."""

    def __init__(self, configured: Iterable[str]) -> None:
        super().__init__(configured)
        self.configured = list(configured)

    def __iter__(self) -> Iterator[str]:
        yield from self.configured
        if "*" not in self.configured:
            yield ANY_SITE_HOST

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return f"SiteHosts({self.configured!r} + the LGO sites' host names)"


# host -> (is a site's host, site-table version it was learnt under)
_known: dict[str, tuple[bool, int]] = {}
_lock = threading.Lock()


def is_site_host(host: str) -> bool:
    """Whether a Wagtail Site has exactly this host name (Django hands it over lower-cased, without the port)."""
    from django.core.cache import cache
    from django.db import DatabaseError

    from core import cacheversion
    from core.pagecache import HOSTS_VERSION_KEY, _local_seconds

    version = cacheversion.current(HOSTS_VERSION_KEY, _local_seconds())
    known = _known.get(host)
    if known is not None and known[1] == version:
        return known[0]
    key = CACHE_KEY.format(version=version, host=host)
    found = cache.get(key)
    if found is None:
        from wagtail.models import Site

        try:
            found = Site.objects.filter(hostname=host).exists()
        except DatabaseError:  # no tables yet (first migrate): only the configured names count
            return False
        cache.set(key, found, CACHE_SECONDS)
    with _lock:
        if len(_known) >= _KNOWN_LIMIT:
            _known.clear()
        _known[host] = (found, version)
    return found


def forget_local() -> None:
    """Drop what this process learnt (tests start each case afresh)."""
    with _lock:
        _known.clear()


def site_hostnames() -> list[str]:
    """Host names of every site (for commands and reports, never per request: it reads them all)."""
    from wagtail.models import Site

    return sorted(set(Site.objects.values_list("hostname", flat=True)))
