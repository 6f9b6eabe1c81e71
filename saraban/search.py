"""Thai words and text for correspondence search: segmentation, the printed number form, text of received PDFs.

Thai is written without spaces, so search matches substrings of `Document.search_text` (found inside compounds:
"คอนกรีต" in "ถนนคอนกรีตเสริมเหล็ก"). Substrings also find words within words ("ลูก" inside "สิ่งปลูกสร้าง"), so
results are ranked: documents where the query is a whole word come first. Whole words come from PyThaiNLP's
dictionary-based segmenters (newmm and longest matching, where both agree; see `words`) with its bundled
dictionary (no download, no network: PYTHAINLP_OFFLINE and PYTHAINLP_READ_ONLY are set before it is imported),
applied the same way to the text (`Document.search_words`, " word word ") and to the query.
"""

from __future__ import annotations

import io
import logging
import os
import re
from functools import cache

from .constants import Register

logger = logging.getLogger(__name__)

#: "241/2569" as printed on a letter or a stamp, optionally with the register word: "รับ 241/2569".
NUMBER_PATTERN = r"(?:(รับ|ส่ง|คำสั่ง|ประกาศ)\s*)?(\d+)\s*/\s*(\d{4})"
NUMBER_FORM = re.compile(rf"^{NUMBER_PATTERN}$")
NUMBER_IN_TEXT = re.compile(rf"(?<![\d/]){NUMBER_PATTERN}(?![\d/])")
REFERENCE_REGISTERS = {"รับ": Register.INCOMING, "ส่ง": Register.OUTGOING, "คำสั่ง": Register.ORDER,
                       "ประกาศ": Register.ANNOUNCEMENT}
ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

#: Text kept from a received PDF (its first pages): enough for any letter, bounded for a 300-page annex.
PDF_TEXT_PAGES = 50
PDF_TEXT_CHARS = 200_000


@cache
def _tokenize():
    os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    from pythainlp.tokenize import word_tokenize

    return word_tokenize


def _boundaries(text: str, engine: str) -> set[int]:
    offsets, position = set(), 0
    for token in _tokenize()(text, engine=engine, keep_whitespace=True):
        position += len(token)
        offsets.add(position)
    return offsets


def words(text: str) -> list[str]:
    """The words of `text` where two dictionary segmenters agree on both edges, without spaces and punctuation.

    Thai segmentation is ambiguous: newmm reads แนวทางการ as แนว|ทางการ, the longest-match reading as แนวทาง|การ.
    A place counts as a word boundary only when both put one there, so "ทางการ" is not a whole word of แนวทางการ,
    while ลูก in ค่าเล่าเรียน|ลูก|ของ is. Where they disagree the word is still found, as a substring, ranked after.
    """
    text = text or ""
    if not text.strip():
        return []
    shared = sorted(_boundaries(text, "newmm") & _boundaries(text, "longest"))
    pieces, start = [], 0
    for end in shared:
        pieces.extend(text[start:end].split())
        start = end
    return [piece for piece in pieces if any(char.isalnum() for char in piece)]


def word_string(text: str) -> str:
    """`text` as " word word word " so that a whole word is the substring " word " (stored in search_words)."""
    return f" {' '.join(words(text))} " if text else ""


def parse_number(text: str) -> tuple[str, int, int] | None:
    """("รับ"|""…, number, BE year) when `text` is a register number as printed ("241/2569", "รับ ๒๔๑/๒๕๖๙")."""
    match = NUMBER_FORM.match((text or "").strip().translate(ARABIC_DIGITS))
    if not match:
        return None
    return match.group(1) or "", int(match.group(2)), int(match.group(3))


def split_numbers(text: str) -> tuple[list[tuple[str, int, int]], str]:
    """The printed register numbers in a search box's text, and the rest of the text (the words to look for)."""
    text = (text or "").translate(ARABIC_DIGITS)
    numbers = [(m.group(1) or "", int(m.group(2)), int(m.group(3))) for m in NUMBER_IN_TEXT.finditer(text)]
    return numbers, NUMBER_IN_TEXT.sub(" ", text)


def pdf_text(content: bytes) -> str:
    """The text layer of a PDF (first PDF_TEXT_PAGES pages), "" when it has none.

    A scanned letter is pictures of pages with no text layer: it gives "" and is found by the subject, sender, ที่
    and the other details typed when it was registered (no OCR is done; the document page says so).
    """
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(content))
        parts = []
        for page in reader.pages[:PDF_TEXT_PAGES]:
            parts.append(page.extract_text() or "")
            if sum(map(len, parts)) > PDF_TEXT_CHARS:
                break
    except Exception:  # a PDF pypdf can stamp but not read text from still registers; search just lacks its text
        logger.warning("Could not read the text layer of a received PDF", exc_info=True)
        return ""
    return " ".join(" ".join(parts).split())[:PDF_TEXT_CHARS]
