"""Walk the Wagtail admin as one signed-in user and collect every English word a Thai officer would read.

The walk starts at the dashboard, follows the sidebar menu (read from the JSON Wagtail renders it from) and then
every admin link on each screen reached (lists lead to add, edit, history and usage screens), one screen per URL
shape (ids replaced by N) so that a list of a hundred rows costs one edit screen, not a hundred. It never follows
sign-out, delete or file-download links, and never posts anything.

What counts as English: a run of two or more Latin letters in visible text or in the attributes read aloud or shown
(title, aria-label, placeholder, alt, button values), after removing e-mail addresses, URLs and file names, minus
brand names and technical abbreviations that Thai officers read as they are.
"""

from __future__ import annotations

import json
import os
import re
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Brand names, abbreviations and units that Thai screens use as they are (Thai officers say "PDF", "QR", "LINE").
ALLOWED_WORDS = frozenset({
    "Wagtail", "Thongthin", "LINE", "OA", "Facebook", "YouTube", "Google", "Maps", "Vimeo", "PromptPay", "QR", "PDF",
    "CSV", "XLSX", "Excel", "URL", "HTML", "SVG", "PNG", "JPEG", "JPG", "GIF", "WebP", "AVIF", "ID", "SLA", "ITA",
    "OIT", "API", "DLA", "KB", "MB", "GB", "px", "English", "th", "en", "EN", "TH", "RSS", "Atom", "iframe", "OK",
    "e-Service", "e-service", "Markdown", "alt", "slug", "Unsplash", "GitHub", "Thai", "Draftail", "Open311",
    "Embed", "oEmbed", "AM", "PM", "am", "pm", "OTP", "BE", "CE", "TIS", "UTF", "Android", "iOS", "Chrome",
    "BOM", "OpenStreetMap", "JavaScript", "Ref", "Biller", "TSV", "WEBP", "Word", "SHOP", "JSON", "Windows",
    "Ctrl", "Alt", "Shift", "Cmd", "Enter", "Esc", "Tab", "Option",
})
TIME_ZONES = frozenset(zoneinfo.available_timezones())
SKIPPED_TEXT_TAGS = frozenset({"script", "style", "code", "pre", "svg", "noscript"})
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "aria-description")
NEVER_FOLLOW = re.compile(
    r"/logout/|/delete/|/delete-|/unpublish/|/jsi18n/|/download|/export|[?&]export=|\.(csv|xlsx|pdf|png|jpe?g|zip)"
    r"(\?|$)|/preview/|/view_draft/|/serve/|/lock/|/unlock/|/copy/|/move/|/revisions/\d+/revert/|/unschedule/"
    r"|/workflow/action/|/workflow/cancel/|/convert_alias/|/reorder|/sort|/remove/|/disable/|/enable/|/purge"
    r"|/media/|/documents/\d+/[^/]*$|/images/\d+/generate_url/|/sites/|/settings/|/locales/"
)
_EMAIL = re.compile(r"\S+@\S+")
_URL = re.compile(r"(https?://|www\.)\S+|\S+\.(pdf|png|jpe?g|csv|xlsx|docx?|txt|zip|go\.th|test|com)\b", re.I)
_IDENTIFIER = re.compile(r"\b\w+[_.]\w+(?:[_.]\w+)*\b")  # column names (account_number), content types (home.newspage)
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
_TEMPLATE_VARIABLE = re.compile(r"{{.*?}}")  # help texts that teach {{ reference }} placeholders


def url_shape(url: str) -> str:
    """One key per kind of screen: /admin/pages/12/edit/ and /admin/pages/13/edit/ are the same screen."""
    parts = urlsplit(url)
    return re.sub(r"/\d+(?=/|$)", "/N", parts.path) + ("?" + re.sub(r"\d+", "N", parts.query) if parts.query else "")


class _ScreenParser(HTMLParser):
    """Collects text a person sees or hears, admin links, and the sidebar's JSON."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[str] = []
        self.sidebar_json = ""
        self._skip_depth = 0
        self._lang_en_depth = 0
        self._stack: list[str] = []
        self._in_sidebar = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("id") == "wagtail-sidebar-props":
            self._in_sidebar = True
        if tag in ("br", "img", "input", "meta", "link", "hr", "source", "col", "wbr", "area", "base"):
            self._read_attributes(tag, attributes)
            return
        self._stack.append(tag)
        if tag in SKIPPED_TEXT_TAGS:
            self._skip_depth += 1
        # Text in lang="en" (English names of things) and Wagtail's side-panel counter, which holds "None" until
        # its script fills in a number, are not Thai interface text.
        if attributes.get("lang", "").startswith("en") or "data-side-panel-toggle-counter" in attributes:
            self._lang_en_depth += 1
            self._stack[-1] = tag + "#en"
        self._read_attributes(tag, attributes)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])

    def _read_attributes(self, tag, attributes):
        if self._lang_en_depth or attributes.get("lang", "").startswith("en"):
            return
        for name in READ_ATTRIBUTES:
            if attributes.get(name):
                self.texts.append(attributes[name])
        if tag == "input" and attributes.get("type") in ("submit", "button") and attributes.get("value"):
            self.texts.append(attributes["value"])

    def handle_endtag(self, tag):
        self._in_sidebar = False if tag == "script" else self._in_sidebar
        while self._stack:
            top = self._stack.pop()
            name = top.split("#")[0]
            if name in SKIPPED_TEXT_TAGS:
                self._skip_depth -= 1
            if top.endswith("#en"):
                self._lang_en_depth -= 1
            if name == tag:
                break

    def handle_data(self, data):
        if self._in_sidebar:
            self.sidebar_json += data
        elif not self._skip_depth and not self._lang_en_depth and data.strip() and data.strip() not in TIME_ZONES:
            self.texts.append(data)


def _sidebar(props: str) -> tuple[list[str], list[str]]:
    """(labels, urls) of every menu item in Wagtail's sidebar JSON, submenus included."""
    labels: list[str] = []
    urls: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("label", "footer_text") and isinstance(value, str):
                    labels.append(value)
                elif key == "url" and isinstance(value, str):
                    urls.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    if props:
        walk(json.loads(props))
    return labels, urls


# English that only Wagtail's upstream code can change (labels built from field names, not marked for translation),
# or file-format column names an officer must type exactly as shown. Each entry: the screen and the words.
UPSTREAM_ENGLISH: dict[str, frozenset[str]] = {
    "/admin/localize/reports/translations/": frozenset({"Source", "Target", "locale"}),  # django-filter labels
    "/admin/searchpicks/add/": frozenset({"External", "link", "text"}),  # SearchPromotion field without a label
    "/admin/reports/aging-pages/": frozenset({"None"}),  # "last published by" of a page nobody published
    # Page-permission checkboxes (screen-reader labels) are named by str(Permission), stored in English, and the
    # page choosers' labels come from field names; both are built inside Wagtail's forms.
    **dict.fromkeys(("/admin/groups/new/", "/admin/groups/edit/N/"), frozenset(
        {"Page", "Can", "add", "change", "page", "Delete", "pages", "with", "children", "Lock", "unlock", "you've",
         "locked", "Publish", "any", "Unlock"})),
    **dict.fromkeys(("/admin/workflows/add/", "/admin/workflows/edit/N/"), frozenset({"Page"})),
    "/admin/waste-fees/accounts/import/": frozenset(
        {"address", "email", "kind", "notes", "phone", "wastewater", "zone"}),  # CSV column names
}


def english_words(text: str, data_words: frozenset[str] = frozenset()) -> list[str]:
    """The English words in `text`, brand names, abbreviations and known data left out."""
    text = text.replace("e-Service", " ")  # the name Thai government uses for its online services
    text = text.replace("Open311", " ")  # a standard's name (in ALLOWED_WORDS, but _WORD stops at its digits)
    text = _IDENTIFIER.sub(" ", _URL.sub(" ", _EMAIL.sub(" ", _TEMPLATE_VARIABLE.sub(" ", text))))
    found = []
    for word in _WORD.findall(text):
        if len(word) < 2 or word in ALLOWED_WORDS or word.lower() in data_words:
            continue
        found.append(word)
    return found


@dataclass
class CrawlResult:
    screens: list[str] = field(default_factory=list)
    # English word → {(screen, the text it was found in)}
    english: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))

    def report(self, limit: int = 80) -> str:
        lines = []
        for word, places in sorted(self.english.items()):
            screen, text = sorted(places)[0]
            lines.append(f"{word!r} on {screen} in {text.strip()[:120]!r} (+{len(places) - 1} more)")
        return "\n".join(lines[:limit]) + (f"\n… {len(lines) - limit} more" if len(lines) > limit else "")


def crawl_admin(client, *, start: str = "/admin/", extra: tuple[str, ...] = (), max_screens: int = 150,
                data_words: frozenset[str] = frozenset(), seen_shapes: set[str] | None = None) -> CrawlResult:
    """Open every admin screen the client's user reaches; `seen_shapes` skips screens another walk already read."""
    result = CrawlResult()
    queue = [start, *extra]
    shapes = seen_shapes if seen_shapes is not None else set()
    local_shapes: set[str] = set()
    while queue and len(result.screens) < max_screens:
        url = queue.pop(0)
        shape = url_shape(url)
        if shape in local_shapes or NEVER_FOLLOW.search(url):
            continue
        local_shapes.add(shape)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        result.screens.append(url)
        parser = _ScreenParser()
        parser.feed(response.content.decode())
        labels, menu_urls = _sidebar(parser.sidebar_json)
        texts = parser.texts + labels
        if shape not in shapes:
            shapes.add(shape)
            for text in texts:
                for word in english_words(text, data_words):
                    if word in UPSTREAM_ENGLISH.get(shape, ()):
                        continue
                    result.english[word].add((shape, " ".join(text.split())))
                if os.environ.get("THAI_CRAWL_DUMP") and english_words(text, data_words):
                    with open(os.environ["THAI_CRAWL_DUMP"], "a") as dump:
                        dump.write(f"{shape}\t{' '.join(text.split())}\n")
        for link in [*menu_urls, *parser.links]:
            path = urlsplit(link)
            if path.netloc and path.netloc != "testserver":
                continue
            target = path.path  # query strings (sorting, paging, filters) show the same screen again
            if target.startswith("/admin/") and url_shape(target) not in local_shapes:
                queue.append(target)
    return result
