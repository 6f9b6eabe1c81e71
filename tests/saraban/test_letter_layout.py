"""Letters as the correspondence regulation lays them out, checked on the rendered page (pdftoppm), not in the HTML:
the Garuda at its sizes, and lines that must not break where the regulation's layouts never break them."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from PIL import Image, ImageChops

from saraban import services
from saraban.constants import LetterFormat

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm not installed (poppler-utils)"),
]
DPI = 100
CM = DPI / 2.54


def raster(pdf: bytes, tmp_path: Path, name: str = "page") -> Image.Image:
    (tmp_path / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-f", "1", "-l", "1", "-singlefile",
                    tmp_path / f"{name}.pdf", tmp_path / name], check=True)
    return Image.open(tmp_path / f"{name}.png").convert("RGB")


def green_box(image: Image.Image) -> tuple[int, int, int, int] | None:
    """Bounding box of the pure-green test Garuda (nothing else on a letter is green)."""
    red, green, blue = image.split()
    bright_green = green.point(lambda v: 255 if v > 200 else 0)
    no_red, no_blue = red.point(lambda v: 255 if v < 60 else 0), blue.point(lambda v: 255 if v < 60 else 0)
    return ImageChops.multiply(ImageChops.multiply(bright_green, no_red), no_blue).getbbox()


@pytest.fixture
def garuda(lgo):
    buffer = io.BytesIO()
    Image.new("RGB", (300, 360), (0, 255, 0)).save(buffer, "PNG")
    lgo.garuda.save("garuda.png", ContentFile(buffer.getvalue()), save=True)
    return lgo


@pytest.mark.parametrize(
    ("letter_format", "height_cm", "centred"),
    [(LetterFormat.EXTERNAL, 3.0, True), (LetterFormat.ORDER, 3.0, True), (LetterFormat.ANNOUNCEMENT, 3.0, True),
     (LetterFormat.MEMO, 1.5, False)],
)
def test_every_letter_kind_carries_the_garuda_at_the_regulation_size(garuda, draft, head, tmp_path, letter_format,
                                                                     height_cm, centred):
    issued = services.issue(document=draft(letter_format), user=head, password=head.plain_password)
    with issued.letter_file.open("rb") as handle:
        page = raster(handle.read(), tmp_path)
    box = green_box(page)
    assert box is not None, "no Garuda on the page"
    left, top, right, bottom = box
    assert abs((bottom - top + 1) - height_cm * CM) <= 2, (box, height_cm)
    assert top < 4 * CM  # at the top of the first page
    if centred:  # centred in the text block (3 cm left margin, 2 cm right margin)
        assert abs((left + right) / 2 - (3 + (21 - 5) / 2) * CM) <= 3, box
    else:  # a memo's small Garuda sits at the left margin
        assert abs(left - 3 * CM) <= 2, box


def test_no_garuda_uploaded_leaves_the_space_blank(lgo, draft, head, tmp_path):
    issued = services.issue(document=draft(), user=head, password=head.plain_password)
    with issued.letter_file.open("rb") as handle:
        assert green_box(raster(handle.read(), tmp_path)) is None


LONG_SUBJECT = ("ขอความอนุเคราะห์ใช้สถานที่จัดงานประเพณีลอยกระทงและงานประจำปีของตำบลหนองแก้ว "
                "ประจำปีงบประมาณ พ.ศ. 2570 ครั้งที่ 1")
LONG_REFERENCE = ("หนังสือที่ทำการปกครองอำเภอเมืองเชียงราย ที่ ชร 0023/ว 1234 ลงวันที่ 20 พฤศจิกายน 2569 "
                  "เรื่อง การจัดงานประเพณีลอยกระทง")


def bbox_lines(pdf: bytes) -> list[list[tuple[float, str]]]:
    """The page's lines as poppler lays them out, top to bottom, each as (x, word) left to right."""
    import re

    xhtml = subprocess.run(["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", "-", "-"], input=pdf,
                           capture_output=True, check=True).stdout.decode()
    lines = []
    for line in re.findall(r"<line [^>]*>(.*?)</line>", xhtml, re.S):
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', line)
        lines.append((float(words[0][1]), [(float(x), word) for x, _y, word in words]))
    return [words for _y, words in sorted(lines, key=lambda item: item[0])]


@pytest.fixture
def long_letter(lgo, draft, head):
    lgo.name_th = "องค์การบริหารส่วนตำบลหนองแก้ว"
    lgo.address = "99 หมู่ 3 ถนนพหลโยธิน ตำบลหนองแก้ว อำเภอเมืองเชียงราย จังหวัดเชียงราย 57000"
    lgo.save()

    def factory(letter_format=LetterFormat.EXTERNAL) -> bytes:
        document = draft(letter_format, subject=LONG_SUBJECT, reference_text=LONG_REFERENCE,
                         enclosures_text="กำหนดการจัดงาน จำนวน 1 ฉบับ")
        issued = services.issue(document=document, user=head, password=head.plain_password)
        with issued.letter_file.open("rb") as handle:
            return handle.read()

    return factory


@pytest.mark.parametrize("letter_format", [LetterFormat.EXTERNAL, LetterFormat.MEMO])
def test_continuation_lines_of_subject_and_reference_hang_under_the_text(long_letter, letter_format):
    lines = bbox_lines(long_letter(letter_format))
    for label in ("เรื่อง", "อ้างถึง"):
        index = next(i for i, words in enumerate(lines) if words[0][1] == label)
        text_x = lines[index][1][0]
        continuation = lines[index + 1]
        assert abs(continuation[0][0] - text_x) < 1, (label, lines[index], continuation)  # not back at the margin
        assert text_x - lines[index][0][0] > 20  # and the text does start after the label


def test_address_keeps_tambon_and_its_name_on_one_line(long_letter):
    text = subprocess.run(["pdftotext", "-", "-"], input=long_letter(), capture_output=True, check=True).stdout
    lines = [line.strip() for line in text.decode().splitlines()]
    assert "ตำบลหนองแก้ว" in " ".join(lines)
    assert not any(line.endswith("ตำบล") for line in lines), lines


def test_the_signing_time_never_leaves_its_na_alone(long_letter):
    text = subprocess.run(["pdftotext", "-", "-"], input=long_letter(), capture_output=True, check=True).stdout
    lines = [line.strip() for line in text.decode().splitlines()]
    assert "น." not in lines, lines
    [signed] = [line for line in lines if "เวลา" in line]
    assert signed.endswith(" น.") and signed.split()[-2].count(":") == 1, signed
