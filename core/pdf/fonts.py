"""Sarabun from the ``fontpkg-sarabun`` wheel and the base stylesheet every PDF is rendered with.

One font, shipped with the code: documents use Sarabun registered with ``@font-face`` in
:data:`PDF_BASE_CSS`, never a system font, so a PDF looks the same on a laptop, in CI and on a
production worker. The font configuration and the parsed base stylesheet are built once per thread.
"""

from __future__ import annotations

import atexit
import json
import threading
from importlib import resources
from pathlib import Path
from typing import Any

from .fetching import make_fetcher

#: The family name to use in CSS; it resolves to the bundled files, never to a system font.
FONT_FAMILY = "Sarabun"

#: Extra fonts we ship (.ttf/.otf). Files here may be used in ``@font-face`` and get the text-layer fix.
LOCAL_FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"

_SARABUN_PACKAGE = "fontpkg_sarabun"


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


def font_config() -> Any:
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


def base_stylesheet() -> Any:
    """:data:`PDF_BASE_CSS` parsed once per thread against the shared font configuration."""
    if getattr(_local, "base_css", None) is None:
        from weasyprint import CSS

        fetcher = make_fetcher(roots=font_dirs())
        _local.base_css = CSS(string=PDF_BASE_CSS, font_config=font_config(), url_fetcher=fetcher)
    return _local.base_css


def font_dirs() -> tuple[Path, ...]:
    return (Path(str(resources.files(_SARABUN_PACKAGE))), LOCAL_FONT_DIR)
