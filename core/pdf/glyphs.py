"""Glyph id → text for the fonts in our PDFs, derived from the font itself (cmap plus GSUB).

WeasyPrint writes each font's ``/ToUnicode`` map from the first text cluster a glyph appears in, so a
glyph that shaping produced from several characters, or that several clusters share, gets the wrong
text. These maps say what each glyph stands for on its own.
"""

from __future__ import annotations

import io
import logging
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont

from .fonts import LOCAL_FONT_DIR, sarabun_faces

logger = logging.getLogger(__name__)

NIKHAHIT = "\u0e4d"

_LATIN_LIGATURE_FORMS = range(0xFB00, 0xFB07)

GlyphRule = tuple[tuple[str, ...], tuple[str, ...]]


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


def glyph_count(program: bytes) -> int:
    """How many glyphs an embedded font program has (0 if fontTools cannot read it)."""
    try:
        return TTFont(io.BytesIO(program), lazy=True)["maxp"].numGlyphs
    except Exception:  # an unreadable program only means there is no glyph id to stay clear of
        return 0


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
    return int(NIKHAHIT in text and not text.endswith(NIKHAHIT))


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
