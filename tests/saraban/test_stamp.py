"""The receipt stamp fits every LGO's name: a long อบต. name goes onto two lines and shrinks, never cut off."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zoneinfo

import pytest

from core.pdf import render_html_to_pdf
from saraban.stamping import CM, STAMP_HEIGHT_CM, STAMP_WIDTH_CM, name_lines, stamp_html

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext not installed (poppler-utils)")

# The example, names as long as the longest real อบต. names, and a longer one as the bound.
NAMES = [
    "เทศบาลตำบลหนองแก้ว",
    "องค์การบริหารส่วนตำบลดอยสะเก็ด",
    "องค์การบริหารส่วนตำบลเฉลิมพระเกียรติ",
    "องค์การบริหารส่วนตำบลบ้านใหม่หนองไทร",
    "องค์การบริหารส่วนตำบลหนองหญ้าปล้อง",
    "องค์การบริหารส่วนจังหวัดพระนครศรีอยุธยา",
    "องค์การบริหารส่วนตำบลหนองบัวสันตุเฉลิมพระเกียรติ",
]


def words_with_boxes(pdf: bytes) -> list[tuple[float, float, float, float, str]]:
    xhtml = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True).stdout
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [(*map(float, found[:4]), found[4]) for found in re.findall(pattern, xhtml.decode())]


@pytest.mark.parametrize("name", NAMES)
def test_every_name_fits_inside_the_stamp_border(name):
    received = dt.datetime(2026, 11, 25, 14, 5, tzinfo=zoneinfo.ZoneInfo("Asia/Bangkok"))
    pdf = render_html_to_pdf(stamp_html(organization_name=name, number=1234, year=2569, received_at=received))
    words = words_with_boxes(pdf)
    border = 0.1 * CM + 1.5  # the stamp's margin and border
    for x_min, y_min, x_max, y_max, word in words:
        assert x_min >= border and x_max <= STAMP_WIDTH_CM * CM - border, (word, x_min, x_max)
        assert y_min >= border and y_max <= STAMP_HEIGHT_CM * CM - border, (word, y_min, y_max)
    texts = [word for *_box, word in words]
    lines, size = name_lines(name)
    assert "".join(texts[:len(lines)]) == name  # the whole name, exactly, in its lines
    assert texts[len(lines):] == ["เลขรับ", "1234/2569", "วันที่", "25", "พ.ย.", "2569", "เวลา", "14:05", "น."]
    assert size >= 7.5


def test_short_names_stay_on_one_line_at_full_size():
    assert name_lines("เทศบาลตำบลหนองแก้ว") == (["เทศบาลตำบลหนองแก้ว"], 11.0)
    lines, size = name_lines("องค์การบริหารส่วนตำบลดอยสะเก็ด")
    assert lines == ["องค์การบริหารส่วนตำบล", "ดอยสะเก็ด"] and size == 11.0
