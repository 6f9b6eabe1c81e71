"""HTML and Django templates to PDF bytes (WeasyPrint, Sarabun), then the text-layer repair; QR and data URIs."""

from __future__ import annotations

import base64
import io
from typing import Any

from .fetching import django_prefixes, local_root, make_fetcher
from .fonts import base_stylesheet, font_config, font_dirs, sarabun_faces
from .glyphs import glyph_texts_for_file
from .textlayer import fix_text_layer

#: Base URL of rendered templates without a request; never contacted, only used to spot static URLs.
_PLACEHOLDER_ORIGIN = "https://thongthin.invalid/"


def warm_up() -> None:
    """Do the first-PDF work ahead of time (e.g. when a task worker starts).

    Importing WeasyPrint dominates the first PDF in a process (~0.5-1 s); the font configuration,
    the base stylesheet and Sarabun's glyph maps add ~0.1 s. Safe to call more than once.
    """
    base_stylesheet()
    for path, weight, style in sarabun_faces():
        if weight in (400, 700) and style == "normal":
            glyph_texts_for_file(path)


def render_html_to_pdf(html: str, *, base_url: str | None = None, stylesheets: list[str] | None = None) -> bytes:
    """Render an HTML document to PDF bytes in Sarabun with a correct Thai text layer.

    ``html`` is text, not bytes, so no encoding is guessed: a missing or wrong ``<meta charset>``
    cannot garble Thai. ``stylesheets`` are CSS *source strings* applied after
    :data:`PDF_BASE_CSS`; both lose to the document's own ``<style>``. ``base_url`` resolves
    relative URLs; when it is a local directory (or a file in one), files below it may load.
    """
    fetcher = make_fetcher(roots=(*font_dirs(), *filter(None, [local_root(base_url)])))
    return _render(html, base_url=base_url, stylesheets=stylesheets or [], fetcher=fetcher)


def render_template_to_pdf(template_name: str, context: dict[str, Any], *, request: Any = None) -> bytes:
    """Render a Django template to PDF; ``{% static %}`` and media URLs are read from storage.

    Relative URLs resolve against the request's site root (or a placeholder origin without a
    request), but nothing is fetched over the network.
    """
    from django.template.loader import render_to_string

    html = render_to_string(template_name, context, request=request)
    base_url = request.build_absolute_uri("/") if request is not None else _PLACEHOLDER_ORIGIN
    fetcher = make_fetcher(roots=font_dirs(), prefixes=django_prefixes(base_url))
    return _render(html, base_url=base_url, stylesheets=[], fetcher=fetcher)


def _render(html: str, *, base_url: str | None, stylesheets: list[str], fetcher: Any) -> bytes:
    from weasyprint import CSS, HTML

    config = font_config()
    extra = [CSS(string=css, base_url=base_url, font_config=config, url_fetcher=fetcher) for css in stylesheets]
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    pdf = document.write_pdf(stylesheets=[base_stylesheet(), *extra], font_config=config)
    return fix_text_layer(pdf)


def data_uri(content: bytes, mime_type: str) -> str:
    """A base64 ``data:`` URI: how images from private storage get into a PDF without a URL."""
    return f"data:{mime_type};base64,{base64.b64encode(content).decode('ascii')}"


def image_data_uri(content: bytes) -> str:
    """A data URI for an image read from private storage (which has no URL), typed by its content."""
    import filetype

    kind = filetype.guess(content)
    return data_uri(content, kind.mime if kind is not None else "application/octet-stream")


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
