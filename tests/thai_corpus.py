"""Thai words that WeasyPrint's text layer gets wrong, and the check that a PDF gives them back exactly.

Every PDF kind (e-service filing receipts, issued documents, payment receipts, saraban letters, receipt stamps,
registers) is tested with this corpus through its real generation path. Comparison is exact (the source is NFC,
the extracted text must equal it character for character): never NFKC, under which "ตําบล" (nikhahit + sara aa)
would pass for "ตำบล" although a citizen's search for "ตำบล" does not find it.
"""

from __future__ import annotations

import re
import unicodedata

from core.pdf import extract_text, extract_text_poppler

SARA_AM = ["คำขอ", "ตำบล", "กำหนด", "ดำเนินการ", "น้ำ", "ทำ", "สำนักงาน", "จำนวน", "ซ้ำ", "ต่ำ", "ค่ำ"]
# Tall consonants (ป ฝ ฟ) pull the marks above them left: "ปั้น" once read "ปั้ น".
STACKED = ["ปู่", "ผู้ใหญ่", "กี่", "ที่", "ซื้อ", "ญี่ปุ่น", "ที่นี่", "เรื่อง", "ตั๋ว", "ก๊าซ", "ครั้ง", "ปั้น", "ฝั่ง", "ฟ้า"]
OTHER = ["การ", "ค่าธรรมเนียม", "Office", "ABC-2569/0042", "1,234.50"]
CORPUS = SARA_AM + STACKED + OTHER
#: The corpus as one line of text, for a field of the document under test.
CORPUS_TEXT = " ".join(CORPUS)


def assert_corpus_extracts_exactly(pdf: bytes, corpus: list[str] = CORPUS) -> None:
    """Both readers (poppler's pdftotext, which honours ActualText; pypdf, which reads ToUnicode) give the corpus
    back exactly, word for word and in order; between words any white space, and inside a word at most a line
    break (Thai lines may end inside a compound: "ค่า|ธรรมเนียม"), never a space."""
    assert all(unicodedata.is_normalized("NFC", word) for word in corpus)
    pattern = re.compile(r"\s+".join("\n?".join(map(re.escape, word)) for word in corpus))
    for reader in (extract_text_poppler, extract_text):
        text = reader(pdf)
        assert pattern.search(text), (reader.__name__, " ".join(corpus), text)
        assert "\u0e4d" not in text, (reader.__name__, "sara am split into nikhahit + sara aa", text)
