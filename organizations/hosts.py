"""Host-name validation that knows every LGO site in the database, so an LGO added on the web is served at once.

`ALLOWED_HOSTS = SiteHosts([...configured names...])` in the settings: Django iterates it on every request, and it
yields the configured names plus the host name of every Wagtail Site (cached; dropped whenever a Site changes). A
host that is neither is still refused with 400, as before. This module imports no models at import time (settings
import it).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

CACHE_KEY = "organizations:site-hostnames"
CACHE_SECONDS = 3600


class SiteHosts(list):
    """An ALLOWED_HOSTS value (a list, as Django requires): the configured patterns, then every site's host name."""

    def __init__(self, configured: Iterable[str]) -> None:
        super().__init__(configured)
        self.configured = list(configured)

    def __iter__(self) -> Iterator[str]:
        yield from self.configured
        if "*" not in self.configured:
            yield from site_hostnames()

    def __bool__(self) -> bool:
        return True

    def __repr__(self) -> str:
        return f"SiteHosts({self.configured!r} + the LGO sites' host names)"


def site_hostnames() -> list[str]:
    """Host names of every site in the database (cached for all app servers; forgotten when a site changes)."""
    from django.core.cache import cache
    from django.db import DatabaseError

    names = cache.get(CACHE_KEY)
    if names is None:
        from wagtail.models import Site

        try:
            names = sorted(set(Site.objects.values_list("hostname", flat=True)))
        except DatabaseError:  # no tables yet (first migrate): only the configured names count
            return []
        cache.set(CACHE_KEY, names, CACHE_SECONDS)
    return names


def forget_site_hostnames(*args, **kwargs) -> None:
    from django.core.cache import cache

    cache.delete(CACHE_KEY)
