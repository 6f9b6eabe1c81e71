"""What a shared link shows (Open Graph / Twitter card) and the share row's links (LINE, Facebook, copy link).

Plain links and meta tags only: no third-party script, pixel or cookie reaches the citizen's browser. The LINE
link carries ``?src=line`` so that visits and filings from LINE are counted (`eservices.channels`).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode

from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import strip_tags

from eservices.channels import SOURCE_LINE, SOURCE_PARAM
from organizations.links import absolute_url

from .cards import card_version

#: Page attributes that may hold the page's own image (news image, home page hero), in order of preference.
IMAGE_ATTRIBUTES = ("social_image", "image", "hero_image", "feed_image")
DESCRIPTION_ATTRIBUTES = ("search_description", "summary", "hero_text", "intro")


@dataclass(frozen=True)
class ShareCard:
    title: str
    description: str
    url: str
    image: str
    image_alt: str
    site_name: str


def _description(page) -> str:
    for name in DESCRIPTION_ATTRIBUTES:
        value = strip_tags(str(getattr(page, name, "") or "")).strip()
        if value:
            return " ".join(value.split())[:300]
    return ""


def _own_image_url(page, request: HttpRequest) -> str:
    """The page's own image (original file, made absolute), or "" when it has none. The file's address is kept
    until the site's next publish (an image row per render otherwise); a preview reads the draft's own."""
    from core.pagecache import remember, site_id_for

    site_id = None if getattr(request, "is_preview", False) else site_id_for(request)
    url = remember(site_id, f"share-image:{page.pk}", lambda: _image_file_url(page)) if site_id else \
        _image_file_url(page)
    return url if not url or url.startswith(("http://", "https://")) else absolute_url(url, request=request)


def _image_file_url(page) -> str:
    for name in IMAGE_ATTRIBUTES:
        if getattr(page, f"{name}_id", None):
            return getattr(page, name).file.url
    return ""


def card_for(request: HttpRequest, *, page=None, organization=None, root_page_id: int | None = None) -> ShareCard:
    """The share card of `page` (or, on a view that is not a page, of the LGO's home page)."""
    site_name = getattr(organization, "name", "") or ""
    if page is not None and getattr(page, "pk", None):
        title = page.seo_title or page.title
        path = request.path
        card_page_id = page.pk
        description = _description(page) or site_name
        image = _own_image_url(page, request)
    else:
        title, path, card_page_id, description, image = site_name, request.path, root_page_id, site_name, ""
    if not image and card_page_id:
        version = card_version(title=title if page is not None else site_name, organization=organization)
        image = absolute_url(reverse("outreach:share_card", kwargs={"page_id": card_page_id}), request=request) + \
            f"?v={version}"
    return ShareCard(title=title, description=description, url=absolute_url(path, request=request), image=image,
                     image_alt=title, site_name=site_name)


def share_links(url: str, title: str) -> dict[str, str]:
    """The share row's targets for `url`: LINE (marked ?src=line), Facebook, and the plain address to copy."""
    separator = "&" if "?" in url else "?"
    line_url = f"{url}{separator}{urlencode({SOURCE_PARAM: SOURCE_LINE})}"
    return {
        "line": "https://social-plugins.line.me/lineit/share?" + urlencode({"url": line_url, "text": title}),
        "facebook": "https://www.facebook.com/sharer/sharer.php?u=" + quote(url, safe=""),
        "copy": url,
    }
