"""A small, explicit page cache for anonymous visitors, per site and language, purged on publish.

Why not Django's per-site cache: it would also cache pages of other apps that show a citizen's own case or carry a
CSRF token. Here a response is stored only when the view opted in (`mark_cacheable`) and nothing about the request
or response is personal: no session or messages cookie came in, no cookie goes out, no CSRF token was used.

Keys carry the site's version number; publishing, unpublishing, moving or deleting a page, or saving the site's
settings or its organization, bumps that number so every stored page of that site (and only that site) is dropped
at once. Versions live in the same cache (Redis when REDIS_URL is set), so all app servers agree.

It lives in core because every app that serves public pages uses it (the website, the e-services catalogue); the
purges that need to know about pages, sites and page restrictions are connected here (`connect`), those that need
to know about LGOs (departments, collections, the LGO's own profile) by the organizations app, and the website
settings' purge by the website app.
"""

from __future__ import annotations

import fnmatch
import hashlib
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from functools import wraps
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.http import urlencode

from . import cacheversion, requestmemo

T = TypeVar("T")

HOST_KEY = "pc:host:{version}:{host}"
HOSTS_VERSION_KEY = "pc:hosts"
VERSION_KEY = "pc:v:{site_id}"
PAGE_KEY = "pc:q:{digest}"
HEADER = "X-Page-Cache"
HOST_TIMEOUT = 3600


def mark_cacheable(request: HttpRequest) -> None:
    """Let the page cache store this request's response (call it from public, non-personal views only)."""
    request._page_cacheable = True


class CacheablePageMixin:
    """Lets the anonymous page cache store what this page type serves: it shows nothing personal."""

    def serve(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().serve(request, *args, **kwargs)
        mark_cacheable(request)
        return response


def cache_public(view: Callable) -> Callable:
    """Decorator form of `mark_cacheable` for function views (robots.txt, feeds, search results)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        mark_cacheable(request)
        return response

    return wrapper


_MISSING = object()


def remember(site_id: int, name: str, compute: Callable[[], T]) -> T:
    """`compute()` cached until the site's next publish (the key carries the site's version), for fragments of
    uncached renders: the organization, settings, menu, latest news. Values must pickle (Redis). Read from the
    cache once per request."""
    key = f"pc:m:{site_id}:{site_version(site_id)}:{name}"
    return requestmemo.memoized(key, lambda: _cached(key, compute))


def _cached(key: str, compute: Callable[[], T]) -> T:
    local = _local_values.get(key)
    if local is not None:  # a copy per request: callers may change what they are given
        return pickle.loads(local)  # noqa: S301 -- bytes this process pickled itself
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, getattr(settings, "PAGE_CACHE_SECONDS", 600) or 600)
    if _local_seconds():
        with _local_lock:
            _local_values[key] = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
            while len(_local_values) > _LOCAL_VALUES_LIMIT:
                _local_values.popitem(last=False)
    return value


def _local_seconds() -> float:
    return getattr(settings, "PAGE_CACHE_LOCAL_SECONDS", 0)


def site_version(site_id: int) -> int:
    """The site's cache version: from the shared cache once per request, or (in-process tier on) as this process
    read it less than PAGE_CACHE_LOCAL_SECONDS ago."""
    return cacheversion.current(VERSION_KEY.format(site_id=site_id), _local_seconds())


def _bump(site_ids: Iterable[int]) -> None:
    for site_id in site_ids:
        cacheversion.bump(VERSION_KEY.format(site_id=site_id))


def purge_sites(site_ids: Iterable[int] | None = None) -> None:
    """Drop every cached page of these sites (of all sites when None), now and again after the transaction commits.

    The second bump closes the gap where a request renders the old content between the first bump and the commit.
    """
    from wagtail.models import Site

    if site_ids is None:  # a site added, removed or renamed changes which site a host means, too
        cacheversion.bump_now_and_on_commit(HOSTS_VERSION_KEY)
    ids = list(site_ids) if site_ids is not None else list(Site.objects.values_list("pk", flat=True))
    _bump(ids)
    transaction.on_commit(lambda: _bump(ids))


def purge_for_page(page) -> None:
    """Drop the cached pages of the site that shows `page` (every site when it cannot be told)."""
    site = page.get_site() if page is not None else None
    purge_sites([site.pk] if site is not None else None)


def site_id_for(request: HttpRequest) -> int | None:
    """The id of the Wagtail site serving this request's host, from the cache (one query per host per hour).

    A host that ALLOWED_HOSTS refuses belongs to no site: None, so that the Thai 400 page such a request gets can
    still render its context (which asks for the LGO) instead of failing on the same host again.
    """
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    return requestmemo.memoized(("site_id", host), lambda: _site_id_for_host(request))


def _site_id_for_host(request: HttpRequest) -> int | None:
    host = request.get_host()
    hosts_version = cacheversion.current(HOSTS_VERSION_KEY, _local_seconds())
    known = _known_hosts.get(host)
    if known is not None and known[1] == hosts_version:
        return known[0]
    key = HOST_KEY.format(version=hosts_version, host=host)
    site_id = cache.get(key)
    if site_id is None:
        from wagtail.models import Site

        site = Site.find_for_request(request)
        if site is None:
            return None
        site_id = site.pk
        cache.set(key, site_id, HOST_TIMEOUT)
    _learn_host(host, site_id, hosts_version)
    return site_id


def _eligible(request: HttpRequest) -> bool:
    """Only anonymous GET/HEAD requests without session or pending messages may use the cache."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(("/admin/", "/documents/", "/django-admin/"))
    )


def _cache_query(request: HttpRequest) -> tuple[str, bool] | None:
    """The query string as the cache sees it, and whether the request asked for exactly that.

    Only PAGE_CACHE_QUERY_PARAMS (they change what a page shows) are kept, in a fixed order; campaign tags
    (PAGE_CACHE_IGNORED_PARAMS, e.g. utm_*) are left out, so `/?utm_source=line` is served the cached home page;
    any other parameter returns None: the page is served uncached and never stored, so made-up query strings
    cannot fill the cache with one entry each.
    """
    wanted = set(getattr(settings, "PAGE_CACHE_QUERY_PARAMS", ("page", "category", "q")))
    ignored = getattr(settings, "PAGE_CACHE_IGNORED_PARAMS", ())
    kept: list[tuple[str, str]] = []
    exact = True
    for name, values in request.GET.lists():
        if name in wanted:
            kept += [(name, value) for value in values]
        elif any(fnmatch.fnmatchcase(name, pattern) for pattern in ignored):
            exact = False
        else:
            return None
    return urlencode(sorted(kept)), exact


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        getattr(request, "_page_cacheable", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a form asked for a CSRF token
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
        and not (hasattr(request, "user") and getattr(request.user, "is_authenticated", False))
    )


def _language_key(request: HttpRequest) -> str:
    """The language part of the key, known before LocaleMiddleware runs: the language of the URL prefix (or the
    default language), plus the visitor's own preference when that differs (an English browser asking for a Thai
    URL), because paths outside `i18n_patterns` (robots.txt, feeds) follow the browser. Both are pure functions of
    the request, so every render stored under one key was made in one language."""
    path_language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    preferred = translation.get_language_from_request(request, check_path=False)
    return path_language if preferred == path_language else f"{path_language}|{preferred}"


def _key(host: str, path: str, query: str, language: str) -> str:
    digest = hashlib.blake2b(f"{host}|{path}?{query}|{language}".encode(), digest_size=16).hexdigest()
    return PAGE_KEY.format(digest=digest)


# host -> (site id, hosts version it was learnt under): which site a host means changes only with the hosts version,
# so a process keeps the answer and checks the version in the same cache read as the page. Bounded by the sites.
_known_hosts: dict[str, tuple[int, int]] = {}
_KNOWN_HOSTS_LIMIT = 50_000


class PageCacheMiddleware:
    """Serve and store anonymous pages, before the session, locale, CSRF, auth and message middleware run.

    Place it right after SecurityMiddleware (HTTPS redirect) and WhiteNoise (static files), so a hit costs one cache
    round trip (one MGET of the page, the hosts version and the site's version) and a response object, nothing else.
    Pages are stored as they leave the whole inner stack (Content-Language, Vary, CSP headers included), together
    with the site and the versions they were rendered under; a hit whose site or hosts version moved on since is a
    miss. A miss leaves the versions it read in the request memo, so the render does not read them again.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = getattr(settings, "PAGE_CACHE_SECONDS", 600)
        if not seconds or not _eligible(request):
            _prime_site(request)
            return self.get_response(request)
        query = _cache_query(request)
        if query is None:
            return self.get_response(request)
        try:
            host = request.get_host()
        except DisallowedHost:
            return self.get_response(request)
        language = _language_key(request)
        key = _key(host, request.path, query[0], language)
        hit = _local_hit(key, host)
        if hit is None:
            hit, site_id, versions = _lookup(key, host)
        if hit is not None:
            return _rebuild(hit)
        if site_id is None:
            site_id = site_id_for(request)
            if site_id is None:
                return self.get_response(request)
            versions = (cacheversion.current(HOSTS_VERSION_KEY), site_version(site_id))
        _prime_site(request)
        response = self.get_response(request)
        # A page asked for with campaign tags is served from the cache but not stored: what it renders may echo them.
        if query[1] and _storable(request, response):
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
            stored = (site_id, *versions, *_freeze(response))
            cache.set(key, stored, seconds)
            _keep_local(key, stored)
            response[HEADER] = "miss"
        return response


def _lookup(key: str, host: str) -> tuple[tuple | None, int | None, tuple[int, int] | None]:
    """One cache read: the stored page (if still valid), the host's site id and the (hosts, site) versions, when
    known; the versions read are remembered for the rest of the request."""
    known = _known_hosts.get(host)
    keys = [key, HOSTS_VERSION_KEY] + ([VERSION_KEY.format(site_id=known[0])] if known else [])
    found = cache.get_many(keys)
    hosts_version = found.get(HOSTS_VERSION_KEY)
    if hosts_version is None:
        return None, None, None
    requestmemo.remember(("cacheversion", HOSTS_VERSION_KEY), hosts_version)
    cacheversion.note(HOSTS_VERSION_KEY, hosts_version)
    if known is None or known[1] != hosts_version:
        return None, None, None
    site_id = known[0]
    requestmemo.remember(("site_id", host), site_id)
    version = found.get(VERSION_KEY.format(site_id=site_id))
    if version is None:
        return None, None, None
    requestmemo.remember(("cacheversion", VERSION_KEY.format(site_id=site_id)), version)
    cacheversion.note(VERSION_KEY.format(site_id=site_id), version)
    stored = found.get(key)
    if stored is not None and stored[:3] == (site_id, hosts_version, version):
        _keep_local(key, stored)
        return stored[3:], site_id, (hosts_version, version)
    return None, site_id, (hosts_version, version)


# The in-process tier (PAGE_CACHE_LOCAL_SECONDS > 0): the most used pages kept in the worker's memory, served with
# no cache round trip while the site's and the hosts' versions this process read are younger than that many
# seconds. A publish on this process is seen at once; one on another app server within those seconds.
_local_pages: OrderedDict[str, tuple] = OrderedDict()
_local_lock = threading.Lock()
# ... and the values `remember()` computed, pickled (keys carry the site version, so they never go stale).
_local_values: OrderedDict[str, bytes] = OrderedDict()
_LOCAL_VALUES_LIMIT = 2000


def _local_hit(key: str, host: str) -> tuple | None:
    seconds = getattr(settings, "PAGE_CACHE_LOCAL_SECONDS", 0)
    known = _known_hosts.get(host)
    stored = _local_pages.get(key)
    if not seconds or known is None or stored is None:
        return None
    hosts_version = cacheversion.recent(HOSTS_VERSION_KEY, seconds)
    version = cacheversion.recent(VERSION_KEY.format(site_id=known[0]), seconds)
    if hosts_version != known[1] or stored[:3] != (known[0], hosts_version, version):
        return None
    with _local_lock:
        if key in _local_pages:
            _local_pages.move_to_end(key)
    return stored[3:]


def _keep_local(key: str, stored: tuple) -> None:
    if not getattr(settings, "PAGE_CACHE_LOCAL_SECONDS", 0):
        return
    limit = getattr(settings, "PAGE_CACHE_LOCAL_ENTRIES", 500)
    with _local_lock:
        _local_pages[key] = stored
        _local_pages.move_to_end(key)
        while len(_local_pages) > limit:
            _local_pages.popitem(last=False)


def forget_local() -> None:
    """Drop everything this process keeps in memory (tests start each case with an empty cache)."""
    with _local_lock:
        _local_pages.clear()
        _local_values.clear()
    _known_hosts.clear()
    cacheversion.forget_recent()
    from . import siteroots

    siteroots.forget_local()


def _prime_site(request: HttpRequest) -> None:
    """Hand Wagtail the request's Site from the cache (`Site.find_for_request` keeps it on the request), instead
    of the query Wagtail makes for it on every request."""
    from wagtail.models import Site

    if hasattr(request, "_wagtail_site"):
        return
    site_id = site_id_for(request)
    if site_id is not None:
        site = remember(site_id, "wagtail-site",
                        lambda: Site.objects.select_related("root_page").filter(pk=site_id).first())
        if site is not None:
            request._wagtail_site = site


def _learn_host(host: str, site_id: int, hosts_version: int) -> None:
    if len(_known_hosts) >= _KNOWN_HOSTS_LIMIT:
        _known_hosts.clear()
    _known_hosts[host] = (site_id, hosts_version)


def _freeze(response: HttpResponse) -> tuple[int, bytes, list[tuple[str, str]]]:
    headers = [(k, v) for k, v in response.items() if k.lower() not in ("set-cookie", HEADER.lower())]
    return (response.status_code, response.content, headers)


def _rebuild(stored: tuple[int, bytes, list[tuple[str, str]]]) -> HttpResponse:
    status, content, headers = stored
    response = HttpResponse(content, status=status)
    store = getattr(response.headers, "_store", None)
    if isinstance(store, dict):
        # The headers were checked when the page was rendered: copy them as Django keeps them instead of checking
        # each again (a fifth of a hit's cost).
        store.update((name.lower(), (name, value)) for name, value in headers)
    else:
        for name, value in headers:
            response[name] = value
    response[HEADER] = "hit"
    return response


# --- Purges for what Wagtail itself owns (pages, sites, page restrictions); connected in CoreConfig.ready() ------

def _page_changed(sender, instance=None, **kwargs) -> None:
    purge_for_page(instance)


def _page_moved(sender, instance=None, **kwargs) -> None:
    # Moving between sites changes two sites' menus and URLs; purge everything rather than guess.
    purge_sites(None)


def _page_deleted(sender, instance=None, **kwargs) -> None:
    purge_sites(None)


def _shared_object_saved(sender, instance=None, **kwargs) -> None:
    """A site added, removed or renamed changes every host's answer."""
    purge_sites(None)


def _restriction_changed(sender, instance=None, **kwargs) -> None:
    """A page made private (or public again) must not be served from, or kept in, the anonymous cache."""
    from wagtail.models import Page

    # By id: when the restriction goes because its page is being deleted, the page may already be gone.
    page = Page.objects.filter(pk=getattr(instance, "page_id", None)).first()
    purge_for_page(page)  # every site when the page cannot be found


def purge_site_of(sender, instance=None, created=False, **kwargs) -> None:
    """Receiver for rows that carry a `site_id` (an LGO, its website settings): drop that site's pages."""
    site_id = getattr(instance, "site_id", None)
    purge_sites([site_id] if site_id else None)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page, PageViewRestriction, Site
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    page_published.connect(_page_changed, dispatch_uid="pagecache_published")
    page_unpublished.connect(_page_changed, dispatch_uid="pagecache_unpublished")
    page_slug_changed.connect(_page_changed, dispatch_uid="pagecache_slug")
    post_page_move.connect(_page_moved, dispatch_uid="pagecache_moved")
    # Sender Page (a deleted subclass also signals its Page row): a receiver for every model would switch off
    # Django's fast delete everywhere (sessions, counters, task rows would be loaded and signalled row by row).
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid="pagecache_deleted")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="pagecache_restriction")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="pagecache_restriction_del")
    post_save.connect(_shared_object_saved, sender=Site, dispatch_uid="pagecache_wagtailcore.site")
    post_delete.connect(_shared_object_saved, sender=Site, dispatch_uid="pagecache_del_wagtailcore.site")
