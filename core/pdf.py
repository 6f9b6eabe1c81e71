"""Thai PDF rendering shared by receipts, certificates, saraban letters and case records.

Why this module exists rather than each app calling WeasyPrint:

* **One font, shipped with the code.** Documents use Sarabun from the ``fontpkg-sarabun`` wheel,
  registered with ``@font-face`` in :data:`PDF_BASE_CSS`, never a system font, so a PDF looks the
  same on a laptop, in CI and on a production worker.
* **A correct text layer.** WeasyPrint writes each font's ``/ToUnicode`` map from the first text
  cluster a glyph appears in. Thai sara am (ำ) is shaped into two glyphs (nikhahit + sara aa) and
  tone marks fuse with nikhahit into ligature glyphs, so extracted text reads "กำร" for "การ" or
  "นา" for "น้ำ": search in archived PDFs, copy-paste and screen readers get wrong Thai.
  :func:`fix_text_layer` rebuilds every map from the font itself (cmap plus GSUB) so each glyph maps
  to its own characters, and wraps each base glyph with its stacked marks in an ``/ActualText`` span
  so layout-based readers (poppler) keep the marks in order. Sara am extracts as "ํา", equal to "ำ"
  under NFKC, which is why :func:`extract_text` normalises.
* **No network.** Rendering fetches nothing over HTTP (SSRF, and a sync worker fetching from itself
  deadlocks): only ``data:`` URIs, files under allowed directories, and static/media files read
  from storage load.
* **Speed.** The font configuration and the parsed base stylesheet are built once per thread.

Template conventions: write a full HTML document; put ``@page`` and other rules in its own
``<style>`` (they beat :data:`PDF_BASE_CSS`, which is a user-level stylesheet); embed images as data
URIs (:func:`qr_png_data_uri`, :func:`data_uri`) or ``{% static %}`` / media URLs.
"""

from __future__ import annotations

import atexit
import base64
import io
import json
import logging
import mimetypes
import re
import shutil
import subprocess
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

from fontTools.ttLib import TTFont
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    ContentStream,
    DictionaryObject,
    IndirectObject,
    NameObject,
    TextStringObject,
)

logger = logging.getLogger(__name__)

#: The family name to use in CSS; it resolves to the bundled files, never to a system font.
FONT_FAMILY = "Sarabun"

#: Extra fonts we ship (.ttf/.otf). Files here may be used in ``@font-face`` and get the text-layer fix.
LOCAL_FONT_DIR = Path(__file__).resolve().parent / "fonts"

_SARABUN_PACKAGE = "fontpkg_sarabun"

#: Base URL of rendered templates without a request; never contacted, only used to spot static URLs.
_PLACEHOLDER_ORIGIN = "https://thongthin.invalid/"

_NIKHAHIT = "\u0e4d"
# HarfBuzz moves sara am's nikhahit before preceding tone marks; typed Thai has it after them.
_NIKHAHIT_BEFORE_TONES = re.compile("(\u0e4d)([\u0e48-\u0e4b]+)")

_LATIN_LIGATURE_FORMS = range(0xFB00, 0xFB07)

GlyphRule = tuple[tuple[str, ...], tuple[str, ...]]


# ==================================================================================================
# Fonts and the base stylesheet
# ==================================================================================================


def sarabun_faces() -> list[tuple[Path, int, str]]:
    """(file, weight, style) of every Sarabun face, from the package's own metadata.

    Reading the metadata rather than hard-coding file names keeps us right if the package changes.
    """
    package = resources.files(_SARABUN_PACKAGE)
    metadata = json.loads(package.joinpath("metadata.json").read_text("utf-8"))
    root = Path(str(package))
    return [(root / entry["path"], int(entry["weight"]), entry["style"]) for entry in metadata["files"]]


def _font_face_css() -> str:
    """One ``@font-face`` per Sarabun file, so bold, light and italic come from real faces."""
    return "\n".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{path.as_uri()}"); '
        f"font-weight: {weight}; font-style: {style}; }}"
        for path, weight, style in sarabun_faces()
    )


_BASE_RULES = """
@page {
  size: A4;
  /* Official-letter layout (ระเบียบงานสารบรรณ): the wider left margin leaves room for binding. */
  margin: 2.5cm 2cm 2cm 3cm;
}
html {
  font-family: "Sarabun", sans-serif;
  font-size: 16pt;
  line-height: 1.5;
  color: #000;
}
body { margin: 0; }
table { border-collapse: collapse; }
/* Sharp QR modules when the image is scaled: blurred edges make phone cameras miss. */
img.qr { image-rendering: pixelated; }
"""

#: Applied under every PDF: Sarabun ``@font-face`` rules, A4 with Thai official margins, 16pt text.
#: A user-level stylesheet: the document's own ``<style>`` wins over it whatever the specificity.
PDF_BASE_CSS: str = _font_face_css() + "\n" + _BASE_RULES

_local = threading.local()


def _font_config() -> Any:
    """This thread's WeasyPrint FontConfiguration, created on first use.

    Creating it initialises fontconfig and copies the ``@font-face`` files, the bulk of the first
    PDF's cost. WeasyPrint does not promise thread safety, hence one per thread (one per process
    under gunicorn sync workers and a task worker).
    """
    if getattr(_local, "font_config", None) is None:
        from weasyprint.text.fonts import FontConfiguration

        _local.font_config = FontConfiguration()
        if threading.current_thread() is threading.main_thread():
            atexit.register(_release_font_setup)
    return _local.font_config


def _release_font_setup() -> None:
    """Drop the main thread's font setup before interpreter shutdown.

    FontConfiguration deletes its temporary copy of the fonts in ``__del__``; run during shutdown,
    when modules are half torn down, that fails and leaves the copies in the temp directory.
    """
    _local.__dict__.clear()


def _base_stylesheet() -> Any:
    """:data:`PDF_BASE_CSS` parsed once per thread against the shared font configuration."""
    if getattr(_local, "base_css", None) is None:
        from weasyprint import CSS

        fetcher = _make_fetcher(roots=_font_dirs())
        _local.base_css = CSS(string=PDF_BASE_CSS, font_config=_font_config(), url_fetcher=fetcher)
    return _local.base_css


def warm_up() -> None:
    """Do the first-PDF work ahead of time (e.g. when a task worker starts).

    Importing WeasyPrint dominates the first PDF in a process (~0.5-1 s); the font configuration,
    the base stylesheet and Sarabun's glyph maps add ~0.1 s. Safe to call more than once.
    """
    _base_stylesheet()
    for path, weight, style in sarabun_faces():
        if weight in (400, 700) and style == "normal":
            glyph_texts_for_file(path)


def _font_dirs() -> tuple[Path, ...]:
    return (Path(str(resources.files(_SARABUN_PACKAGE))), LOCAL_FONT_DIR)


# ==================================================================================================
# Resource loading: data URIs, allowed files, static and media files; never the network
# ==================================================================================================

Loader = Callable[[str], bytes]


def _make_fetcher(*, roots: Iterable[Path], prefixes: dict[str, Loader] | None = None) -> Any:
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


def _local_root(base_url: str | None) -> Path | None:
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


def _django_prefixes(base_url: str) -> dict[str, Loader]:
    """Absolute static and media URL prefixes, resolved like the browser would against ``base_url``."""
    from django.conf import settings

    prefixes: dict[str, Loader] = {}
    if settings.STATIC_URL:
        prefixes[urljoin(base_url, settings.STATIC_URL)] = _load_static
    if settings.MEDIA_URL:
        prefixes[urljoin(base_url, settings.MEDIA_URL)] = _load_media
    return prefixes


# ==================================================================================================
# Rendering
# ==================================================================================================


def render_html_to_pdf(html: str, *, base_url: str | None = None, stylesheets: list[str] | None = None) -> bytes:
    """Render an HTML document to PDF bytes in Sarabun with a correct Thai text layer.

    ``html`` is text, not bytes, so no encoding is guessed: a missing or wrong ``<meta charset>``
    cannot garble Thai. ``stylesheets`` are CSS *source strings* applied after
    :data:`PDF_BASE_CSS`; both lose to the document's own ``<style>``. ``base_url`` resolves
    relative URLs; when it is a local directory (or a file in one), files below it may load.
    """
    fetcher = _make_fetcher(roots=(*_font_dirs(), *filter(None, [_local_root(base_url)])))
    return _render(html, base_url=base_url, stylesheets=stylesheets or [], fetcher=fetcher)


def render_template_to_pdf(template_name: str, context: dict[str, Any], *, request: Any = None) -> bytes:
    """Render a Django template to PDF; ``{% static %}`` and media URLs are read from storage.

    Relative URLs resolve against the request's site root (or a placeholder origin without a
    request), but nothing is fetched over the network.
    """
    from django.template.loader import render_to_string

    html = render_to_string(template_name, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else _PLACEHOLDER_ORIGIN
    fetcher = _make_fetcher(roots=_font_dirs(), prefixes=_django_prefixes(base_url))
    return _render(html, base_url=base_url, stylesheets=[], fetcher=fetcher)


def _render(html: str, *, base_url: str | None, stylesheets: list[str], fetcher: Any) -> bytes:
    from weasyprint import CSS, HTML

    font_config = _font_config()
    extra = [CSS(string=css, base_url=base_url, font_config=font_config, url_fetcher=fetcher) for css in stylesheets]
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    pdf = document.write_pdf(stylesheets=[_base_stylesheet(), *extra], font_config=font_config)
    return fix_text_layer(pdf)


def data_uri(content: bytes, mime_type: str) -> str:
    """A base64 ``data:`` URI: how images from private storage get into a PDF without a URL."""
    return f"data:{mime_type};base64,{base64.b64encode(content).decode('ascii')}"


def qr_png_data_uri(data: str, *, box_size: int = 6) -> str:
    """A QR code for ``data`` as a PNG data URI, for ``<img class="qr" src="...">``.

    Error correction M survives a crease or a stamp on a printed receipt; the 4-module quiet zone
    is what scanners need to find the code. Size it in CSS (e.g. ``width: 3cm``).
    """
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size, border=4)
    code.add_data(data)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer, format="PNG")
    return data_uri(buffer.getvalue(), "image/png")


# ==================================================================================================
# Text extraction (tests, search indexing, checks)
# ==================================================================================================


def extract_text(pdf: bytes) -> str:
    """All pages' text via pypdf, NFKC-normalised because sara am extracts as "ํา" (NFKC of "ำ")."""
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return unicodedata.normalize("NFKC", text)


def extract_text_poppler(pdf: bytes) -> str:
    """All pages' text via poppler's ``pdftotext`` (what many indexers use), NFKC-normalised.

    Raises ``FileNotFoundError`` when poppler-utils is not installed.
    """
    binary = shutil.which("pdftotext")
    if binary is None:
        raise FileNotFoundError("pdftotext not found; install poppler-utils")
    result = subprocess.run(  # noqa: S603 - fixed binary, no shell, PDF on stdin
        [binary, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    )
    return unicodedata.normalize("NFKC", result.stdout.decode("utf-8"))


# ==================================================================================================
# The text-layer fix
# ==================================================================================================


def fix_text_layer(pdf: bytes) -> bytes:
    """Give a WeasyPrint PDF a correct text layer; the pages look exactly the same.

    1. Every embedded font's ``/ToUnicode`` is rebuilt so each glyph maps to its own characters.
    2. Each base glyph and the zero-width marks stacked on it are wrapped in a ``/Span`` with
       ``/ActualText``: layout-based readers (poppler) otherwise sort marks that sit a hundredth of
       an em apart, or are raised with text rise, into the wrong place ("ที่นี่" → "ที่น่ี").
    """
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    fonts = {id(font): info for font in _type0_fonts(writer.root_object) if (info := _fix_font(font))}
    if not fonts:
        return pdf
    seen_forms: set[int] = set()
    for page in writer.pages:
        _mark_page_clusters(page, fonts, seen_forms)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _type0_fonts(root: Any) -> Iterator[Any]:
    """Every composite (Type0) font dictionary reachable from the catalog, once each.

    Walking the object graph finds fonts used by pages, form XObjects and annotations alike.
    """
    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            if (node.idnum, node.generation) in seen:
                continue
            seen.add((node.idnum, node.generation))
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            if node.get("/Type") == "/Font" and node.get("/Subtype") == "/Type0":
                yield node
            else:
                stack.extend(value for key, value in node.items() if key != "/Parent")
        elif isinstance(node, ArrayObject):
            stack.extend(node)


# Glyph → text maps ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _FontInfo:
    """What the cluster pass needs about a font: each glyph's text and which glyphs are marks."""

    texts: dict[int, str]
    marks: frozenset[int]


def _fix_font(font: Any) -> _FontInfo | None:
    """Rebuild one identity-encoded font's ``/ToUnicode`` and describe its glyphs.

    Glyphs the font cannot explain (``.notdef``, WeasyPrint's stand-ins for missing characters)
    keep WeasyPrint's mapping.
    """
    program = _embedded_program(font)
    if program is None or "/ToUnicode" not in font or font.get("/Encoding") != "/Identity-H":
        return None
    stream = font["/ToUnicode"].get_object()
    old = parse_cmap(stream.get_data())
    derived = glyph_texts_for_program(program)
    new = {gid: derived.get(gid, text) if gid else text for gid, text in old.items()}
    if new != old:
        stream.set_data(build_cmap(new))
    descendant = font["/DescendantFonts"][0].get_object()
    widths = _cid_widths(descendant.get("/W", []))
    default_width = float(descendant.get("/DW", 1000))
    marks = frozenset(gid for gid in new if widths.get(gid, default_width) == 0)
    return _FontInfo(texts=new, marks=marks)


def _embedded_program(font: Any) -> bytes | None:
    """The embedded font program, if codes are glyph ids (``/CIDToGIDMap /Identity``, as WeasyPrint writes)."""
    descendant = font["/DescendantFonts"][0].get_object()
    if descendant.get("/CIDToGIDMap", "/Identity") != "/Identity":
        return None
    descriptor = descendant["/FontDescriptor"].get_object()
    for key in ("/FontFile2", "/FontFile3"):
        if key in descriptor:
            return descriptor[key].get_object().get_data()
    return None


def _cid_widths(array: Any) -> dict[int, float]:
    """Glyph widths from a CIDFont ``/W`` array (``c [w1 w2 ...]`` and ``c_first c_last w`` forms)."""
    widths: dict[int, float] = {}
    items = list(array)
    index = 0
    while index < len(items) - 1:
        first, second = int(items[index]), items[index + 1]
        if isinstance(second, list):
            widths.update((first + offset, float(width)) for offset, width in enumerate(second))
            index += 2
        else:
            widths.update((code, float(items[index + 2])) for code in range(first, int(second) + 1))
            index += 3
    return widths


def glyph_texts_for_program(program: bytes) -> dict[int, str]:
    """Glyph id → text for an embedded font program.

    WeasyPrint's subsets keep glyph ids but drop GSUB, so for fonts we ship (Sarabun,
    ``core/fonts``) we use the original file's full tables. Other fonts (system fallbacks for
    symbols) are mapped from their own subset cmap, which still fixes misattributed glyphs.
    """
    try:
        subset = TTFont(io.BytesIO(program), lazy=True)
        original = _matching_original(subset)
        return glyph_texts_for_file(original) if original else glyph_texts(subset)
    except Exception:  # a program fontTools cannot read: leave WeasyPrint's map alone
        logger.warning("Cannot read an embedded font program; its text layer is left as is", exc_info=True)
        return {}


def _matching_original(subset: TTFont) -> Path | None:
    """The shipped file the subset was cut from, checked glyph for glyph through the cmap."""
    path = _known_fonts().get(_postscript_name(subset))
    if path is None:
        return None
    glyph_count, cmap = _font_signature(path)
    if subset["maxp"].numGlyphs > glyph_count:
        return None
    for codepoint, name in subset.getBestCmap().items():
        if cmap.get(codepoint) != subset.getGlyphID(name):
            return None
    return path


def _postscript_name(font: TTFont) -> str:
    return (font["name"].getDebugName(6) or "") if "name" in font else ""


@lru_cache(maxsize=1)
def _known_fonts() -> dict[str, Path]:
    """PostScript name → file for every font we ship; built once per process."""
    files = [path for path, _weight, _style in sarabun_faces()]
    if LOCAL_FONT_DIR.is_dir():
        files += sorted(p for p in LOCAL_FONT_DIR.iterdir() if p.suffix.lower() in {".ttf", ".otf"})
    index: dict[str, Path] = {}
    for path in files:
        index.setdefault(_postscript_name(TTFont(path, lazy=True)), path)
    return index


@lru_cache(maxsize=64)
def _font_signature(path: Path) -> tuple[int, dict[int, int]]:
    """Glyph count and code point → glyph id of a font file, to recognise its subsets."""
    font = TTFont(path, lazy=True)
    return font["maxp"].numGlyphs, {cp: font.getGlyphID(name) for cp, name in font.getBestCmap().items()}


@lru_cache(maxsize=64)
def glyph_texts_for_file(path: Path) -> dict[int, str]:
    """Cached :func:`glyph_texts` of a font file (reading GSUB takes ~0.1 s per face)."""
    return glyph_texts(TTFont(path))


def glyph_texts(font: TTFont) -> dict[int, str]:
    """Glyph id → the text that glyph stands for, from the cmap and GSUB substitutions.

    Glyphs in the cmap map to their character (the lowest code point if several; ﬁ as "fi"). Glyphs reached
    only through GSUB inherit text breadth-first: single and alternate substitutes take their
    source's text, ligatures their components' texts joined, and a decomposition (sara am →
    nikhahit + sara aa) shares its source's NFKD form among its outputs.
    """
    by_name: dict[str, str] = {}
    for codepoint, name in sorted(font.getBestCmap().items()):
        by_name.setdefault(name, _cmap_text(codepoint))
    rules = list(_gsub_rules(font))
    while candidates := _next_candidates(rules, by_name):
        for name, texts in candidates.items():
            by_name[name] = min(texts, key=_nikhahit_order_penalty)
    return {font.getGlyphID(name): text for name, text in by_name.items()}


def _cmap_text(codepoint: int) -> str:
    """A cmap character as text; Latin ligature forms (ﬁ, ﬂ) are spelled out so "office" is searchable."""
    char = chr(codepoint)
    return unicodedata.normalize("NFKC", char) if codepoint in _LATIN_LIGATURE_FORMS else char


def _next_candidates(rules: list[GlyphRule], known: dict[str, str]) -> dict[str, list[str]]:
    """Texts for not-yet-known glyphs that one substitution from known glyphs produces."""
    candidates: dict[str, list[str]] = {}
    for inputs, outputs in rules:
        if all(glyph in known for glyph in inputs):
            source = "".join(known[glyph] for glyph in inputs)
            for name, text in _share_text(source, outputs):
                if name not in known:
                    candidates.setdefault(name, []).append(text)
    return candidates


def _share_text(source: str, outputs: tuple[str, ...]) -> list[tuple[str, str]]:
    """Split a substitution's source text among its output glyphs (nothing if it does not divide)."""
    if len(outputs) == 1:
        return [(outputs[0], source)]
    pieces = unicodedata.normalize("NFKD", source)
    return list(zip(outputs, pieces, strict=True)) if len(pieces) == len(outputs) else []


def _nikhahit_order_penalty(text: str) -> int:
    """Prefer "tone mark + nikhahit" for a glyph fonts ligate from the pair in either order.

    Typed Thai puts tone marks before sara am, so NFKC("น้ำ") is น ้ ํ า and the fused glyph must
    read "้ํ" for the extracted word to match.
    """
    return int(_NIKHAHIT in text and not text.endswith(_NIKHAHIT))


def _gsub_rules(font: TTFont) -> Iterator[GlyphRule]:
    """(input glyphs, output glyphs) of every substitution in GSUB, ignoring context.

    Contextual lookups only say *where* a substitution applies; the substitutions are lookups of
    their own, so walking every lookup covers every glyph shaping can produce.
    """
    if "GSUB" not in font or font["GSUB"].table.LookupList is None:
        return
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for subtable in lookup.SubTable:
            kind = lookup.LookupType
            if kind == 7:
                kind, subtable = subtable.ExtensionLookupType, subtable.ExtSubTable
            yield from _subtable_rules(kind, subtable)


def _subtable_rules(kind: int, subtable: Any) -> Iterator[GlyphRule]:
    if kind == 1:
        for source, target in subtable.mapping.items():
            yield (source,), (target,)
    elif kind == 2:
        for source, targets in subtable.mapping.items():
            yield (source,), tuple(targets)
    elif kind == 3:
        for source, alternates in subtable.alternates.items():
            for alternate in alternates:
                yield (source,), (alternate,)
    elif kind == 4:
        for first, ligatures in subtable.ligatures.items():
            for ligature in ligatures:
                yield (first, *ligature.Component), (ligature.LigGlyph,)
    elif kind == 8:
        for source, target in zip(subtable.Coverage.glyphs, subtable.Substitute, strict=True):
            yield (source,), (target,)


# ToUnicode CMaps --------------------------------------------------------------------------------------

_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>")


def parse_cmap(data: bytes) -> dict[int, str]:
    """Code → text of a ToUnicode CMap (``bfchar`` entries and ``bfrange`` entries with a start value)."""
    mapping: dict[int, str] = {}
    for block in _BFCHAR.findall(data):
        values = _HEX.findall(block)
        for code, text in zip(values[::2], values[1::2], strict=False):
            mapping[int(code, 16)] = _utf16_hex(text)
    for block in _BFRANGE.findall(data):
        values = _HEX.findall(block)
        for low, high, start in zip(values[::3], values[1::3], values[2::3], strict=False):
            first = _utf16_hex(start)
            for offset in range(int(high, 16) - int(low, 16) + 1):
                mapping[int(low, 16) + offset] = first[:-1] + chr(ord(first[-1]) + offset) if first else ""
    return mapping


def _utf16_hex(value: bytes) -> str:
    return bytes.fromhex(value.decode("ascii")).decode("utf-16-be", errors="replace")


def build_cmap(mapping: dict[int, str]) -> bytes:
    """A ToUnicode CMap for two-byte codes, in ``bfchar`` blocks of at most 100 (the spec's limit)."""
    lines = [
        b"/CIDInit /ProcSet findresource begin",
        b"12 dict begin",
        b"begincmap",
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        b"/CMapName /Adobe-Identity-UCS def",
        b"/CMapType 2 def",
        b"1 begincodespacerange",
        b"<0000> <ffff>",
        b"endcodespacerange",
    ]
    items = sorted(mapping.items())
    for start in range(0, len(items), 100):
        batch = items[start : start + 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        lines += [f"<{code:04x}> <{text.encode('utf-16-be').hex()}>".encode() for code, text in batch]
        lines.append(b"endbfchar")
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    return b"\n".join(lines) + b"\n"


# ActualText per cluster -------------------------------------------------------------------------------


@dataclass
class _Piece:
    """Consecutive TJ items (glyph strings and kerning numbers) that belong to one cluster."""

    cluster: int | None
    items: list[Any] = field(default_factory=list)


@dataclass
class _ClusterPlan:
    """Pass one over a content stream: operations, with text operations cut into cluster pieces."""

    entries: list[Any] = field(default_factory=list)
    texts: dict[int, list[str]] = field(default_factory=dict)
    with_marks: set[int] = field(default_factory=set)

    def new_cluster(self) -> int:
        cluster = len(self.texts) + 1
        self.texts[cluster] = []
        return cluster


def _mark_page_clusters(page: Any, fonts: dict[int, _FontInfo], seen_forms: set[int]) -> None:
    """Add ActualText spans to a page and to the form XObjects it draws (each form once)."""
    resources = page.get("/Resources")
    if resources is None:
        return
    resources = resources.get_object()
    content = page.get_contents()
    if content is not None and _mark_clusters(content, resources, fonts):
        page.replace_contents(content)
        page.compress_content_streams()
    for form, form_resources in _form_xobjects(resources, seen_forms):
        content = ContentStream(form, None)
        if _mark_clusters(content, form_resources, fonts):
            form.set_data(content.get_data())


def _form_xobjects(resources: Any, seen: set[int]) -> Iterator[tuple[Any, Any]]:
    """(form stream, its resources) for form XObjects reachable from ``resources`` not yet seen."""
    xobjects = resources.get("/XObject")
    for reference in (xobjects.get_object() if xobjects is not None else {}).values():
        form = reference.get_object()
        if form.get("/Subtype") != "/Form" or id(form) in seen:
            continue
        seen.add(id(form))
        form_resources = form["/Resources"].get_object() if "/Resources" in form else resources
        yield form, form_resources
        yield from _form_xobjects(form_resources, seen)


def _mark_clusters(content: ContentStream, resources: Any, fonts: dict[int, _FontInfo]) -> bool:
    """Wrap each base glyph and its marks in an ActualText span; True if anything was wrapped."""
    plan = _plan_clusters(content.operations, resources, fonts)
    if not plan.with_marks:
        return False
    content.operations = _emit_clusters(plan)
    return True


def _plan_clusters(operations: list[Any], resources: Any, fonts: dict[int, _FontInfo]) -> _ClusterPlan:
    """Cut every TJ/Tj drawn with a fixed font into cluster pieces and collect each cluster's text.

    A cluster is a spacing glyph plus the zero-width glyphs after it. Only text-rise changes
    (``Ts``, which WeasyPrint uses to raise stacked marks) may sit inside one; any other operator
    ends it. Text in fonts we did not fix passes through untouched.
    """
    plan = _ClusterPlan()
    font: _FontInfo | None = None
    current: int | None = None
    for operands, operator in operations:
        if operator == b"BDC" and "/ActualText" in _properties(operands):
            return _ClusterPlan()  # already fixed: running the fix twice changes nothing
        if operator == b"Tf":
            font = _resource_font(resources, operands[0], fonts)
        if operator in (b"TJ", b"Tj") and font is not None:
            items = operands[0] if operator == b"TJ" else [operands[0]]
            pieces, current = _cut_items(items, font, plan, current)
            plan.entries.append(pieces)
            continue
        if operator != b"Ts":
            current = None
        plan.entries.append((operands, operator))
    return plan


def _properties(operands: list[Any]) -> Any:
    return operands[1] if len(operands) > 1 and isinstance(operands[1], DictionaryObject) else {}


def _resource_font(resources: Any, name: Any, fonts: dict[int, _FontInfo]) -> _FontInfo | None:
    font_resources = resources.get("/Font")
    if font_resources is None or name not in font_resources.get_object():
        return None
    return fonts.get(id(font_resources.get_object()[name].get_object()))


def _cut_items(
    items: list[Any], font: _FontInfo, plan: _ClusterPlan, current: int | None
) -> tuple[list[_Piece], int | None]:
    """Cut one TJ array where clusters start; kerning numbers stay with the glyph before them."""
    pieces: list[_Piece] = []
    for item in items:
        raw = _string_bytes(item)
        if not raw:  # a number, or an empty string WeasyPrint uses as a kerning holder
            if not pieces:
                pieces.append(_Piece(current))
            pieces[-1].items.append(item)
            continue
        for start in range(0, len(raw) - 1, 2):
            gid = int.from_bytes(raw[start : start + 2], "big")
            is_mark = gid in font.marks
            if current is None or not is_mark:
                current = plan.new_cluster()
            if is_mark:
                plan.with_marks.add(current)
            plan.texts[current].append(font.texts.get(gid, ""))
            if not pieces or pieces[-1].cluster != current:
                pieces.append(_Piece(current))
            pieces[-1].items.append(ByteStringObject(raw[start : start + 2]))
    return pieces, current


def _string_bytes(item: Any) -> bytes | None:
    """Raw bytes of a string operand, None for numbers (``original_bytes`` undoes pypdf's text guess)."""
    if isinstance(item, TextStringObject | ByteStringObject):
        return bytes(item.original_bytes)
    return None


def _emit_clusters(plan: _ClusterPlan) -> list[Any]:
    """Pass two: rebuild the operations with a span around every cluster that has marks.

    Runs of unmarked glyphs stay together in one TJ, so Latin text is not cut up.
    """
    last_piece = {piece.cluster: piece for entry in plan.entries if isinstance(entry, list) for piece in entry}
    operations: list[Any] = []
    open_cluster: int | None = None
    for entry in plan.entries:
        if not isinstance(entry, list):
            operations.append(entry)
            continue
        run: list[Any] = []
        for piece in entry:
            if piece.cluster not in plan.with_marks:
                run += piece.items
                continue
            _append_tj(operations, run)
            run = []
            if piece.cluster != open_cluster:
                operations.append(_span_start(_cluster_text(plan.texts[piece.cluster])))
                open_cluster = piece.cluster
            _append_tj(operations, piece.items)
            if last_piece[piece.cluster] is piece:
                operations.append(([], b"EMC"))
                open_cluster = None
        _append_tj(operations, run)
    return operations


def _append_tj(operations: list[Any], items: list[Any]) -> None:
    if items:
        operations.append(([ArrayObject(items)], b"TJ"))


def _span_start(text: str) -> tuple[list[Any], bytes]:
    properties = DictionaryObject({NameObject("/ActualText"): TextStringObject(text)})
    return [NameObject("/Span"), properties], b"BDC"


def _cluster_text(parts: list[str]) -> str:
    """A cluster's text in typing order (tone marks before sara am's nikhahit)."""
    return _NIKHAHIT_BEFORE_TONES.sub(r"\2\1", "".join(parts))
