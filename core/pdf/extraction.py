"""Text extraction from PDFs (tests, search indexing, checks)."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata

from pypdf import PdfReader


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
