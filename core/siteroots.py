"""Wagtail's table of site root paths, made to cost the same with 2 sites as with 7,850 (one per Thai LGO).

Every page URL Wagtail makes (`page.url`, `{% pageurl %}`, `get_url_parts`, `get_site`) starts from
`Site.get_site_root_paths()`: the root path of *every* site. Stock Wagtail reads that whole list from the shared
cache once per request (unpickling one tuple per site and language), then for each URL scans all of it for the root
paths the page's path starts with, and counts the distinct sites in it again. With a country's worth of sites that
is tens of thousands of tuples per request and per link: a page with 40 links did 600,000 string comparisons.

`install()` (from CoreConfig.ready) replaces three pieces:

- `Site.get_site_root_paths()` keeps the list in this process, per version of the site table (the page cache's
  hosts version, bumped whenever a Site is saved or deleted, and when Wagtail clears its own copy and the list did
  change, e.g. a site's home page was renamed). The shared cache holds one copy per version for the other
  processes; the database is read (in two queries, not one per site as Wagtail's does with translations on) only
  when neither has it.
- `Page._get_relevant_site_root_paths()` looks up the page path's few "/"-prefixes in an index instead of scanning.
- `Page.get_url()` takes the number of sites from the list instead of counting them per link.

Results are identical to Wagtail's, order included (tests compare them).
"""

from __future__ import annotations

import threading
from collections import defaultdict

from django.core.cache import cache
from django.db import transaction

from . import cacheversion

SHARED_KEY = "pc:srp:{version}"
SHARED_SECONDS = 24 * 3600


class SiteRootPaths(list):
    """Wagtail's list of SiteRootPath tuples plus an index by root path and the number of distinct sites."""

    def __init__(self, paths) -> None:
        super().__init__(paths)
        index: dict[str, list[int]] = defaultdict(list)
        for position, path in enumerate(self):
            index[path.root_path].append(position)
        self.by_root_path = dict(index)
        self.site_count = len({path.site_id for path in self})

    def relevant_to(self, url_path: str) -> tuple:
        """The root paths `url_path` starts with, in the list's order (Wagtail's `startswith` filter). A root path
        ends with "/", so only the prefixes of `url_path` that end with "/" can match."""
        positions: list[int] = []
        end = url_path.find("/", 1)
        positions += self.by_root_path.get("/", ())
        while end != -1:
            positions += self.by_root_path.get(url_path[:end + 1], ())
            end = url_path.find("/", end + 1)
        if len(positions) > 1:
            positions.sort()
        return tuple(self[position] for position in positions)


_local: tuple[int, SiteRootPaths] | None = None
#: Wagtail's own `Site.get_site_root_paths` (kept by `install()`; tests compare against it).
wagtail_site_root_paths = None
_local_lock = threading.Lock()


def _version() -> int:
    from .pagecache import HOSTS_VERSION_KEY, _local_seconds

    return cacheversion.current(HOSTS_VERSION_KEY, _local_seconds())


def site_root_paths() -> SiteRootPaths:
    """Every site's root paths (Wagtail's `Site.get_site_root_paths()`), kept in this process per site-table
    version: after the first request a version costs no cache read and no unpickling."""
    global _local
    version = _version()
    local = _local
    if local is not None and local[0] == version:
        return local[1]
    key = SHARED_KEY.format(version=version)
    rows = cache.get(key)
    if rows is None:
        rows = [tuple(path) for path in _read_from_database()]
        cache.set(key, rows, SHARED_SECONDS)
    from wagtail.models.sites import SiteRootPath

    paths = SiteRootPaths(SiteRootPath(*row) for row in rows)
    with _local_lock:
        _local = (version, paths)
    return paths


def _read_from_database() -> list:
    """Wagtail's list, in Wagtail's order, in two queries (Wagtail asks for each site's translations separately)."""
    from django.conf import settings
    from wagtail.models import Page, Site
    from wagtail.models.sites import SiteRootPath

    sites = list(Site.objects.select_related("root_page", "root_page__locale")
                 .order_by("-root_page__url_path", "-is_default_site", "hostname"))
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return [SiteRootPath(site.id, site.root_page.url_path, site.root_url, site.root_page.locale.language_code)
                for site in sites]
    translations: dict = defaultdict(list)
    keys = {site.root_page.translation_key for site in sites}
    # Page's default order (path), as `get_translations()` returns them.
    for page in (Page.objects.filter(translation_key__in=keys).select_related("locale").order_by("path")
                 .only("translation_key", "url_path", "locale__language_code")):
        translations[page.translation_key].append(page)
    return [SiteRootPath(site.id, page.url_path, site.root_url, page.locale.language_code)
            for site in sites for page in translations[site.root_page.translation_key]]


def clear() -> None:
    """Wagtail cleared its copy (a Site saved or deleted, or a site's home page or its translation saved): when the
    list really changed, every process reads it again; checked now and again after the commit, which also catches
    a list another process read between the change and the commit. Publishing a home page without renaming it
    changes nothing, so it leaves every other site's cached pages alone."""
    _bump_if_changed()
    transaction.on_commit(_bump_if_changed)


def _bump_if_changed() -> None:
    from .pagecache import HOSTS_VERSION_KEY

    served = [tuple(path) for path in site_root_paths()]
    if served != [tuple(path) for path in _read_from_database()]:
        cacheversion.bump(HOSTS_VERSION_KEY)


def forget_local() -> None:
    global _local
    with _local_lock:
        _local = None


def install() -> None:
    """Route Wagtail's site-root-path calls through this module (see the module docstring)."""
    from wagtail.models import Page, Site

    global wagtail_site_root_paths
    if wagtail_site_root_paths is None:
        wagtail_site_root_paths = Site.get_site_root_paths
    original_clear = Site.clear_site_root_paths_cache

    def clear_site_root_paths_cache() -> None:
        original_clear()
        clear()

    Site.get_site_root_paths = staticmethod(site_root_paths)
    Site.clear_site_root_paths_cache = staticmethod(clear_site_root_paths_cache)
    Page._get_relevant_site_root_paths = _get_relevant_site_root_paths
    Page.get_url = get_url
    Page.url = property(get_url)


def _get_relevant_site_root_paths(self, cache_object=None) -> tuple:
    paths = self._get_site_root_paths(cache_object)
    if isinstance(paths, SiteRootPaths):
        return paths.relevant_to(self.url_path)
    return tuple(srp for srp in paths if self.url_path.startswith(srp.root_path))


def get_url(self, request=None, current_site=None):
    """Wagtail's `Page.get_url` (a path when the page is on the current site or there is one site, else a full
    URL), with the number of sites taken from the list rather than counted on every call."""
    from wagtail.models import Site

    if current_site is None and request is not None:
        current_site = Site.find_for_request(request)
    url_parts = self.get_url_parts(request=request)
    if url_parts is None or (url_parts[1] is None and url_parts[2] is None):
        return None
    site_id, root_url, page_path = url_parts
    if current_site is not None and site_id == current_site.id:
        return page_path
    paths = self._get_site_root_paths(request)
    num_sites = paths.site_count if isinstance(paths, SiteRootPaths) else len({p[0] for p in paths})
    return page_path if num_sites == 1 else root_url + page_path
