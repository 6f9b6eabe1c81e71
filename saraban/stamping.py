"""The receipt stamp (ตรารับหนังสือ) on the first page of a registered incoming PDF.

The stamp is rendered as a small PDF by core.pdf (Sarabun, fixed Thai text layer) and merged onto the page with
pypdf, so the stamped copy keeps the original's content and the stamp's text can be searched and copied.
"""

from __future__ import annotations

import datetime as dt
import io
from functools import lru_cache
from html import escape

from django.utils import timezone
from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.errors import PyPdfError

from core.pdf import render_html_to_pdf, sarabun_faces
from core.thai import thai_date

CM = 72 / 2.54
STAMP_WIDTH_CM = 6.0
STAMP_HEIGHT_CM = 3.2
STAMP_MARGIN_CM = 0.8
#: Room for the LGO's name inside the stamp's margin (0.1 cm), border (1.5 pt) and padding (0.25 cm), in points.
NAME_WIDTH_PT = (STAMP_WIDTH_CM - 2 * 0.1 - 2 * 0.25) * CM - 2 * 1.5
NAME_SIZE_PT = 11.0
NAME_MIN_SIZE_PT = 7.5
#: Where a long name breaks onto a second line: after the kind of LGO, as officials write it on two-line stamps.
KIND_PREFIXES = ("องค์การบริหารส่วนตำบล", "องค์การบริหารส่วนจังหวัด", "เทศบาลตำบล", "เทศบาลเมือง", "เทศบาลนคร")

#: What pypdf raises on a file it cannot read: damaged, cut short, or locked with a password we do not have (an
#: owner-only password, which readers open without asking, is fine).
UNREADABLE_PDF_ERRORS = (PyPdfError, IndexError, KeyError, ValueError, TypeError, AttributeError)


def check_readable(pdf: bytes) -> None:
    """Open `pdf` and its first page as stamp_receipt will; raises one of UNREADABLE_PDF_ERRORS when it cannot."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    _box, _rotation = page.cropbox, page.rotation


@lru_cache(maxsize=1)
def _bold_advances() -> tuple[dict[int, int], int]:
    """Sarabun Bold's advance width per code point, and its units per em (to measure a name before rendering)."""
    from fontTools.ttLib import TTFont

    path = next(path for path, weight, style in sarabun_faces() if (weight, style) == (700, "normal"))
    font = TTFont(path, lazy=True)
    metrics = font["hmtx"].metrics
    return {cp: metrics[name][0] for cp, name in font.getBestCmap().items()}, font["head"].unitsPerEm


def text_width_pt(text: str, size_pt: float) -> float:
    """The printed width of `text` in Sarabun Bold (marks above and below letters have no advance)."""
    advances, units = _bold_advances()
    return sum(advances.get(ord(char), units // 2) for char in text) * size_pt / units


def name_lines(name: str) -> tuple[list[str], float]:
    """The LGO's name as one line or two (after its kind: "องค์การบริหารส่วนตำบล" / "ดอยสะเก็ด"), and the font
    size at which every line fits the stamp: no อบต. name is cut off ("องค์การบริหารส่วนตำบลดอยสะเ")."""
    if text_width_pt(name, NAME_SIZE_PT) <= NAME_WIDTH_PT:
        return [name], NAME_SIZE_PT
    prefix = next((kind for kind in KIND_PREFIXES if name.startswith(kind) and name[len(kind):].strip()), None)
    lines = [prefix, name[len(prefix):].strip()] if prefix else [name]
    widest = max(text_width_pt(line, 1.0) for line in lines)
    size = NAME_WIDTH_PT / widest if prefix else 2 * NAME_WIDTH_PT / widest  # without a prefix, the line wraps
    return lines, round(max(NAME_MIN_SIZE_PT, min(NAME_SIZE_PT, size * 0.98)), 2)


def stamp_html(*, organization_name: str, number: int, year: int, received_at: dt.datetime) -> str:
    local = timezone.localtime(received_at)
    lines, name_size = name_lines(organization_name.strip())
    name = "<br>".join(escape(line) for line in lines)
    rows = [
        ("เลขรับ", f"{number}/{year}"),
        ("วันที่", thai_date(local, short=True)),
        ("เวลา", f"{local:%H:%M} น."),
    ]
    lines = "".join(f"<tr><th>{escape(label)}</th><td>{escape(value)}</td></tr>" for label, value in rows)
    return f"""<!doctype html><html lang="th"><head><meta charset="utf-8"><style>
@page {{ size: {STAMP_WIDTH_CM}cm {STAMP_HEIGHT_CM}cm; margin: 0; }}
html {{ font-size: 11pt; line-height: 1.15; color: #0b2a8a; }}
.stamp {{ border: 1.5pt solid #0b2a8a; border-radius: 3pt; height: {STAMP_HEIGHT_CM - 0.2}cm;
         margin: 0.1cm; padding: 0.1cm 0.25cm; box-sizing: border-box; }}
.org {{ font-weight: bold; text-align: center; border-bottom: 0.75pt solid #0b2a8a; margin-bottom: 0.05cm;
       font-size: {name_size}pt; overflow-wrap: anywhere; }}
th {{ text-align: left; font-weight: normal; padding-right: 0.3cm; }}
td {{ font-weight: bold; }}
</style></head><body><div class="stamp"><div class="org">{name}</div>
<table>{lines}</table></div></body></html>"""


def stamp_receipt(pdf: bytes, *, organization_name: str, number: int, year: int, received_at: dt.datetime) -> bytes:
    """A copy of `pdf` with the receipt block at the top right of its first page (rotation taken into account)."""
    stamp_pdf = render_html_to_pdf(
        stamp_html(organization_name=organization_name, number=number, year=year, received_at=received_at)
    )
    stamp_page = PdfReader(io.BytesIO(stamp_pdf)).pages[0]
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    page = writer.pages[0]
    box = page.cropbox
    left, bottom, right, top = float(box.left), float(box.bottom), float(box.right), float(box.top)
    width, height = STAMP_WIDTH_CM * CM, STAMP_HEIGHT_CM * CM
    margin = STAMP_MARGIN_CM * CM
    rotation = (page.rotation or 0) % 360
    # Place the stamp where the reader sees the top right corner, turned with the page.
    if rotation == 0:
        transform = Transformation().translate(right - margin - width, top - margin - height)
    elif rotation == 90:  # the reader's top right is the page's top left
        transform = Transformation().rotate(90).translate(left + margin + height, top - margin - width)
    elif rotation == 180:
        transform = Transformation().rotate(180).translate(left + margin + width, bottom + margin + height)
    else:  # 270: the reader's top right is the page's bottom right
        transform = Transformation().rotate(270).translate(right - margin - height, bottom + margin + width)
    page.merge_transformed_page(stamp_page, transform)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
