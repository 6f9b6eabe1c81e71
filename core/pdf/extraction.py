"""Text extraction from PDFs (tests, search indexing, checks).

Both readers return the text exactly as the PDF's text layer gives it, without normalising: our own
PDFs extract the Thai that was written (sara am as "ำ", not "ํา"), and a test or an index that
normalised (NFKC) would hide a text layer that a citizen's Ctrl+F cannot search.
"""

from __future__ import annotations

import io
import shutil
import subprocess

from pypdf import PdfReader


def extract_text(pdf: bytes) -> str:
    """All pages' text via pypdf (reads ``/ToUnicode``; pure Python, no system package needed)."""
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def extract_text_poppler(pdf: bytes) -> str:
    """All pages' text via poppler's ``pdftotext`` (reads ``/ActualText``; what many indexers use).

    Raises ``FileNotFoundError`` when poppler-utils is not installed.
    """
    binary = shutil.which("pdftotext")
    if binary is None:
        raise FileNotFoundError("pdftotext not found; install poppler-utils")
    result = subprocess.run(  # noqa: S603 - fixed binary, no shell, PDF on stdin
        [binary, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True, timeout=60
    )
    return result.stdout.decode("utf-8")
