"""The text-layer repair: a WeasyPrint PDF that extracts exactly the Thai it shows.

WeasyPrint writes each font's ``/ToUnicode`` map from the first text cluster a glyph appears in.
Thai sara am (ำ) is shaped into two glyphs (nikhahit + sara aa) and tone marks fuse with nikhahit into
ligature glyphs, so extracted text reads "กำร" for "การ" or "นา" for "น้ำ": search in archived PDFs,
copy-paste and screen readers get wrong Thai. :func:`fix_text_layer` repairs it without changing a pixel.
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
    DictionaryObject,
    IndirectObject,
    NameObject,
    TextStringObject,
)

from .cmaps import build_cmap, parse_cmap
from .glyphs import glyph_texts_for_program

# HarfBuzz moves sara am's nikhahit before preceding tone marks; typed Thai has it after them.
_NIKHAHIT_BEFORE_TONES = re.compile("(\u0e4d)([\u0e48-\u0e4b]+)")


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
