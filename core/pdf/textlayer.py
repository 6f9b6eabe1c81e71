"""The text-layer repair: a WeasyPrint PDF that extracts exactly the Thai it shows.

WeasyPrint writes each font's ``/ToUnicode`` map from the first text cluster a glyph appears in.
Thai sara am (ำ) is shaped into two glyphs (nikhahit + sara aa) and tone marks fuse with nikhahit into
ligature glyphs, so extracted text reads "กำร" for "การ" or "นา" for "น้ำ": search in archived PDFs,
copy-paste and screen readers get wrong Thai. :func:`fix_text_layer` repairs it without changing a pixel.

The target is the text as written (NFC), not something equal to it under NFKC: a citizen's Ctrl+F
for "ตำบล" does not find "ตําบล" (nikhahit + sara aa), which is what per-glyph maps alone give.
Sara am therefore gets two treatments, one for each kind of reader:

* readers that honour ``/ActualText`` (poppler's ``pdftotext``, Acrobat, Chromium) get a span
  around the consonant, its marks and the sara-aa glyph that reads "คำ";
* readers that use only ``/ToUnicode`` (pypdf and most indexers) get the pair drawn with two *alias
  codes*: new CIDs that ``/CIDToGIDMap`` sends to the same glyphs, mapped to "" (nikhahit, or the
  tone mark of a tone + nikhahit ligature) and "ำ" (sara aa). The glyph ids drawn, and so the
  pixels, do not change; the sara-aa glyph elsewhere still reads "า", so "การ" stays "การ".
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    ContentStream,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from .cmaps import build_cmap, parse_cmap
from .glyphs import NIKHAHIT, glyph_count, glyph_texts_for_program

SARA_AA = "\u0e32"
SARA_AM = "\u0e33"

# HarfBuzz moves sara am's nikhahit before preceding tone marks; typed Thai has it after them.
_NIKHAHIT_BEFORE_TONES = re.compile("(\u0e4d)([\u0e48-\u0e4b]+)")


def fix_text_layer(pdf: bytes) -> bytes:
    """Give a WeasyPrint PDF a correct text layer; the pages look exactly the same.

    1. Every embedded font's ``/ToUnicode`` is rebuilt so each glyph maps to its own characters.
    2. Each base glyph and the zero-width marks stacked on it (with the sara-aa glyph of a sara am)
       are wrapped in a ``/Span`` with ``/ActualText``: layout-based readers (poppler) otherwise
       sort marks that sit a hundredth of an em apart, or are raised with text rise, into the
       wrong place ("ที่นี่" → "ที่น่ี"), and read sara am as two characters.
    3. The two glyphs of each sara am are redrawn with alias codes that read "" and "ำ".
    """
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    fonts = {id(font): info for font in _type0_fonts(writer.root_object) if (info := _fix_font(font))}
    if not fonts:
        return pdf
    seen_forms: set[int] = set()
    for page in writer.pages:
        _mark_page_clusters(page, fonts, seen_forms)
    for info in fonts.values():
        if info.aliases:
            _add_alias_codes(writer, info)
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


@dataclass
class _FontInfo:
    """What the cluster pass needs about a font, and the alias codes it hands out for sara am.

    ``nikhahits`` are the mark glyphs that carry sara am's nikhahit (alone or fused with a tone
    mark); ``sara_aa`` the glyphs that read "า". ``aliases`` maps (glyph id, text) to the new code
    that draws that glyph and reads that text; codes start at ``first_alias``, past every glyph id.
    """

    font: Any
    texts: dict[int, str]
    marks: frozenset[int]
    widths: dict[int, float]
    default_width: float
    first_alias: int
    aliases: dict[tuple[int, str], int] = field(default_factory=dict)

    @property
    def nikhahits(self) -> frozenset[int]:
        return frozenset(gid for gid in self.marks if NIKHAHIT in self.texts.get(gid, ""))

    @property
    def sara_aa(self) -> frozenset[int]:
        return frozenset(gid for gid, text in self.texts.items() if text == SARA_AA)

    def alias(self, gid: int, text: str) -> bytes:
        """The two-byte code that draws glyph ``gid`` and extracts as ``text``."""
        code = self.aliases.setdefault((gid, text), self.first_alias + len(self.aliases))
        return code.to_bytes(2, "big")


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
    first_alias = max(glyph_count(program), max(new, default=0) + 1)
    return _FontInfo(font, new, marks, widths, default_width, first_alias)


def _add_alias_codes(writer: PdfWriter, info: _FontInfo) -> None:
    """Make the font draw each alias code with its glyph, at its width, reading its text.

    ``/CIDToGIDMap`` becomes a table: identity below the first alias, the glyph above. Widths must
    be given explicitly, or the default width (1000) would push every sara am's letters apart.
    """
    descendant = info.font["/DescendantFonts"][0].get_object()
    glyph_of = {code: gid for (gid, _text), code in info.aliases.items()}
    table = b"".join(glyph_of.get(cid, cid).to_bytes(2, "big") for cid in range(max(glyph_of) + 1))
    stream = DecodedStreamObject()
    stream.set_data(table)
    descendant[NameObject("/CIDToGIDMap")] = writer._add_object(stream.flate_encode())
    widths = ArrayObject(descendant.get("/W", ArrayObject()))
    for code, gid in sorted(glyph_of.items()):
        width = info.widths.get(gid, info.default_width)
        widths += [NumberObject(code), ArrayObject([FloatObject(width)])]
    descendant[NameObject("/W")] = widths
    to_unicode = info.font["/ToUnicode"].get_object()
    mapping = parse_cmap(to_unicode.get_data())
    mapping.update({code: text for (_gid, text), code in info.aliases.items()})
    to_unicode.set_data(build_cmap(mapping))


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


# ActualText per cluster -------------------------------------------------------------------------------


@dataclass
class _Piece:
    """Consecutive TJ items (glyph strings and kerning numbers) that belong to one cluster."""

    cluster: int | None
    items: list[Any] = field(default_factory=list)
    #: How many of ``items`` run up to and including the last spacing (non-mark) glyph; 0 if none.
    spacing_end: int = 0


@dataclass
class _ClusterPlan:
    """Pass one over a content stream: operations, with text operations cut into cluster pieces."""

    entries: list[Any] = field(default_factory=list)
    texts: dict[int, list[str]] = field(default_factory=dict)
    with_marks: set[int] = field(default_factory=set)
    #: Clusters whose last glyph is a mark (drawn after the last spacing glyph).
    trailing_marks: set[int] = field(default_factory=set)
    #: The last nikhahit glyph drawn, waiting for its sara aa: (cluster, piece, index in items, glyph id).
    nikhahit: tuple[int, _Piece, int, int] | None = None

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
            code = raw[start : start + 2]
            is_mark = gid in font.marks
            sara_am = _completes_sara_am(plan, font, gid, current)
            if current is None or not (is_mark or sara_am):
                current = plan.new_cluster()
            if is_mark:
                plan.with_marks.add(current)
            plan.texts[current].append(font.texts.get(gid, ""))
            if not pieces or pieces[-1].cluster != current:
                pieces.append(_Piece(current))
            if sara_am:
                code = _alias_sara_am(plan, font, gid)
            pieces[-1].items.append(ByteStringObject(code))
            if is_mark:
                plan.trailing_marks.add(current)
            else:
                plan.trailing_marks.discard(current)
                pieces[-1].spacing_end = len(pieces[-1].items)
            if is_mark and gid in font.nikhahits:
                plan.nikhahit = (current, pieces[-1], len(pieces[-1].items) - 1, gid)
    return pieces, current


def _completes_sara_am(plan: _ClusterPlan, font: _FontInfo, gid: int, current: int | None) -> bool:
    """True for a sara-aa glyph right after the nikhahit glyph of the cluster being drawn."""
    return gid in font.sara_aa and current is not None and plan.nikhahit is not None and plan.nikhahit[0] == current


def _alias_sara_am(plan: _ClusterPlan, font: _FontInfo, sara_aa: int) -> bytes:
    """Redraw the cluster's nikhahit glyph with a code that reads without the nikhahit; return sara aa's code."""
    assert plan.nikhahit is not None
    _cluster, piece, index, nikhahit = plan.nikhahit
    piece.items[index] = ByteStringObject(font.alias(nikhahit, font.texts[nikhahit].replace(NIKHAHIT, "")))
    plan.nikhahit = None
    return font.alias(sara_aa, SARA_AM)


def _string_bytes(item: Any) -> bytes | None:
    """Raw bytes of a string operand, None for numbers (``original_bytes`` undoes pypdf's text guess)."""
    if isinstance(item, TextStringObject | ByteStringObject):
        return bytes(item.original_bytes)
    return None


def _emit_clusters(plan: _ClusterPlan) -> list[Any]:
    """Pass two: rebuild the operations with a span around every cluster that has marks.

    Runs of unmarked glyphs stay together in one TJ, so Latin text is not cut up. Poppler places a
    span's text from the start of its first glyph to the end of its last; when the last glyph is a
    mark pulled left (tone marks over ป, ฝ, ฟ), the span would end short of the next letter and read
    as a word break ("ปั้ น"). So the span with the cluster's text ends at its last spacing glyph,
    and the marks drawn after it get a span of their own with empty text. pypdf reads the pen
    moving back right after such a mark as a word gap, so inside a cluster that move is made in
    small steps (:func:`_small_steps`); the sum, and so every glyph's position, stays the same.
    """
    pieces = [piece for entry in plan.entries if isinstance(entry, list) for piece in entry]
    last_piece = {piece.cluster: piece for piece in pieces}
    text_end = {piece.cluster: piece for piece in pieces if piece.spacing_end and piece.cluster in plan.trailing_marks}
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
            if text_end.get(piece.cluster) is piece:
                _append_tj(operations, piece.items[: piece.spacing_end])
                operations += [([], b"EMC"), _span_start("")]
                _append_tj(operations, _small_steps(piece.items[piece.spacing_end :]))
            else:
                _append_tj(operations, _small_steps(piece.items))
            if last_piece[piece.cluster] is piece:
                operations.append(([], b"EMC"))
                open_cluster = None
        _append_tj(operations, run)
    return operations


#: The largest rightward pen move (thousandths of an em) left in one number inside a cluster; pypdf
#: reads a move of about half a space (Sarabun: ~0.11 em) or more as a word gap.
_STEP = 50


def _small_steps(items: list[Any]) -> list[Any]:
    """TJ items with every rightward move longer than :data:`_STEP` cut into steps that add up to it."""
    stepped: list[Any] = []
    for item in items:
        if _string_bytes(item) is not None or float(item) >= -_STEP:
            stepped.append(item)
            continue
        rest = float(item)
        while rest < -_STEP:
            stepped.append(NumberObject(-_STEP))
            rest += _STEP
        stepped.append(FloatObject(rest))
    return stepped


def _append_tj(operations: list[Any], items: list[Any]) -> None:
    if items:
        operations.append(([ArrayObject(items)], b"TJ"))


def _span_start(text: str) -> tuple[list[Any], bytes]:
    properties = DictionaryObject({NameObject("/ActualText"): TextStringObject(text)})
    return [NameObject("/Span"), properties], b"BDC"


def _cluster_text(parts: list[str]) -> str:
    """A cluster's text as typed: tone marks before sara am, and sara am as one character."""
    return _NIKHAHIT_BEFORE_TONES.sub(r"\2\1", "".join(parts)).replace(NIKHAHIT + SARA_AA, SARA_AM)
