"""Thai PDF rendering shared by receipts, certificates, saraban letters and case records.

Why a package of our own rather than each app calling WeasyPrint:

* **One font, shipped with the code** (:mod:`.fonts`): Sarabun from the ``fontpkg-sarabun`` wheel,
  A4 with the official-letter margins, 16pt text.
* **A correct text layer** (:mod:`.textlayer`, :mod:`.glyphs`, :mod:`.cmaps`): WeasyPrint's
  ``/ToUnicode`` maps read "การ" as "กำร"; the repair makes copy-paste, search and screen readers
  get the Thai that was written.
* **No network** (:mod:`.fetching`): only ``data:`` URIs, files under allowed directories, and
  static/media files read from storage load.
* **Speed**: the font configuration and the parsed base stylesheet are built once per thread.

Template conventions: write a full HTML document; put ``@page`` and other rules in its own
``<style>`` (they beat :data:`PDF_BASE_CSS`, which is a user-level stylesheet); embed images as data
URIs (:func:`qr_png_data_uri`, :func:`data_uri`) or ``{% static %}`` / media URLs.
"""

from .extraction import extract_text, extract_text_poppler
from .fonts import FONT_FAMILY, LOCAL_FONT_DIR, PDF_BASE_CSS, sarabun_faces
from .rendering import data_uri, image_data_uri, qr_png_data_uri, render_html_to_pdf, render_template_to_pdf, warm_up
from .textlayer import fix_text_layer

__all__ = [
    "FONT_FAMILY",
    "LOCAL_FONT_DIR",
    "PDF_BASE_CSS",
    "data_uri",
    "extract_text",
    "extract_text_poppler",
    "fix_text_layer",
    "image_data_uri",
    "qr_png_data_uri",
    "render_html_to_pdf",
    "render_template_to_pdf",
    "sarabun_faces",
    "warm_up",
]
