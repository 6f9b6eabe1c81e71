"""Resource loading for PDF rendering: data URIs, allowed files, static and media files; never the network.

Rendering fetches nothing over HTTP (SSRF, and a sync worker fetching from itself deadlocks).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

Loader = Callable[[str], bytes]


def make_fetcher(*, roots: Iterable[Path], prefixes: dict[str, Loader] | None = None) -> Any:
    """A WeasyPrint URL fetcher that reads only data URIs, files under ``roots`` and ``prefixes``.

    ``prefixes`` maps URL prefixes (the absolute static and media URLs) to loaders that read the
    file from storage. Everything else is refused, so HTML that carries user input cannot reach
    internal hosts or attach local files (``<link rel=attachment href=file:///...>``).
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = tuple(root.resolve() for root in roots)
    loaders = prefixes or {}

    class SafeFetcher(URLFetcher):
        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file" and _is_under(_file_url_path(url), allowed):
                return super().fetch(url, headers)
            for prefix, load in loaders.items():
                if url.startswith(prefix):
                    name = unquote(url[len(prefix) :].split("?", 1)[0].split("#", 1)[0])
                    return URLFetcherResponse(url, load(name), headers={"Content-Type": _guess_type(name)})
            raise ValueError(f"PDF rendering does not fetch {url!r}; use a data URI or a static file")

    return SafeFetcher(allow_redirects=False)


def local_root(base_url: str | None) -> Path | None:
    """The directory a local ``base_url`` points into; relative files below it may load."""
    if not base_url:
        return None
    parts = urlsplit(base_url)
    if parts.scheme not in ("", "file"):
        return None
    path = Path(url2pathname(parts.path) if parts.scheme == "file" else base_url).resolve()
    return path if path.is_dir() or base_url.endswith("/") else path.parent


def _file_url_path(url: str) -> Path:
    return Path(url2pathname(urlsplit(url).path)).resolve()


def _is_under(path: Path, roots: Iterable[Path]) -> bool:
    return any(path.is_relative_to(root) for root in roots)


def _guess_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _load_static(name: str) -> bytes:
    """A static file: from the finders in development, from the storage after collectstatic."""
    from django.contrib.staticfiles import finders
    from django.contrib.staticfiles.storage import staticfiles_storage

    found = finders.find(name)
    if found:
        return Path(found).read_bytes()
    with staticfiles_storage.open(name) as handle:
        return handle.read()


def _load_media(name: str) -> bytes:
    """A public media file (e.g. an image rendition) from the default storage."""
    from django.core.files.storage import default_storage

    with default_storage.open(name) as handle:
        return handle.read()


def django_prefixes(base_url: str) -> dict[str, Loader]:
    """Absolute static and media URL prefixes, resolved like the browser would against ``base_url``."""
    from django.conf import settings

    prefixes: dict[str, Loader] = {}
    if settings.STATIC_URL:
        prefixes[urljoin(base_url, settings.STATIC_URL)] = _load_static
    if settings.MEDIA_URL:
        prefixes[urljoin(base_url, settings.MEDIA_URL)] = _load_media
    return prefixes
