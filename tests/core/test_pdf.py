"""core.pdf: Sarabun from the package, a Thai text layer that extracts exactly, safe loading, verification QR.

Thai read back from a PDF is compared exactly, character for character, never through NFKC: "ตําบล" (nikhahit +
sara aa) is equal to "ตำบล" under NFKC, yet a citizen's search for "ตำบล" does not find it.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from pypdf import PdfReader

from core import pdf as core_pdf
from core.pdf import (
    PDF_BASE_CSS,
    cmaps,
    extract_text,
    extract_text_poppler,
    fix_text_layer,
    glyphs,
    qr_png_data_uri,
    render_html_to_pdf,
    render_template_to_pdf,
)
from core.pdf import fonts as pdf_fonts
from tests.thai_corpus import CORPUS_TEXT, assert_corpus_extracts_exactly

needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext not installed (apt-get install -y poppler-utils)"
)
needs_pdftoppm = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="pdftoppm not installed (apt-get install -y poppler-utils)"
)

# Words whose marks the trap breaks: sara am (ำ), tone marks stacked on upper vowels, tone + sara am ligatures.
WORDS = ["การ", "ค่าธรรมเนียม", "สำนักงาน", "น้ำ", "ที่", "กำหนด", "หนึ่งร้อยบาทถ้วน"]
STACKED = ["ที่นี่", "เรื่อง", "ชื่อ", "ที่อยู่", "ขึ้น", "ครั้ง", "ผู้ว่าราชการ", "ตั๋ว", "ก๊าซ", "ซ้ำ", "ต่ำ"]
# "กำหนด" before "การ": WeasyPrint then maps the sara-aa glyph to "ำ" for the whole font.
TRAP_WORDS = ["กำหนดชำระค่าธรรมเนียม", "ภายในวันที่", "๑๕", "การประปา", "น้ำ", "สำนักงาน", "หนึ่งร้อยบาทถ้วน", *STACKED, *STACKED]
TRAP_HTML = (
    '<!doctype html><html lang="th"><head><meta charset="utf-8"></head><body>'
    "<p>กำหนดชำระค่าธรรมเนียม ภายในวันที่ ๑๕ การประปา น้ำ สำนักงาน หนึ่งร้อยบาทถ้วน</p>"
    "<p>ที่นี่ เรื่อง ชื่อ ที่อยู่ ขึ้น ครั้ง ผู้ว่าราชการ ตั๋ว ก๊าซ ซ้ำ ต่ำ</p>"
    "<p><b>ที่นี่ เรื่อง ชื่อ ที่อยู่ ขึ้น ครั้ง ผู้ว่าราชการ ตั๋ว ก๊าซ ซ้ำ ต่ำ</b></p>"
    "</body></html>"
)


def words_of(text: str) -> list[str]:
    return text.split()


@pytest.fixture(scope="module")
def trap_pdf() -> bytes:
    return render_html_to_pdf(TRAP_HTML)


def weasyprint_only(html: str) -> bytes:
    """The same rendering without the text-layer fix: shows the trap is real on this machine."""
    from weasyprint import HTML

    return HTML(string=html).write_pdf(stylesheets=[pdf_fonts.base_stylesheet()], font_config=pdf_fonts.font_config())


# --- fonts and base stylesheet -----------------------------------------------------------------------------------


def test_base_css_registers_every_sarabun_face_from_the_package():
    import fontpkg_sarabun

    faces = core_pdf.sarabun_faces()
    assert len(faces) == 16
    assert {(weight, style) for _, weight, style in faces} >= {(400, "normal"), (700, "normal"), (400, "italic")}
    for path, _, _ in faces:
        assert path.is_file()
        assert path.is_relative_to(Path(fontpkg_sarabun.__file__).parent)
        assert path.as_uri() in PDF_BASE_CSS
    assert "size: A4" in PDF_BASE_CSS
    assert "font-size: 16pt" in PDF_BASE_CSS


def test_pdf_embeds_sarabun_subsets_and_nothing_else(trap_pdf):
    fonts = set()
    for page in PdfReader(io.BytesIO(trap_pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor, "font not embedded"
            fonts.add(str(font["/BaseFont"]).split("+", 1)[1])
    assert fonts == {"Sarabun", "Sarabun-Bold"}


def test_a4_by_default_and_the_documents_own_page_rule_wins():
    default = PdfReader(io.BytesIO(render_html_to_pdf("<p>ก</p>"))).pages[0].mediabox
    assert (round(float(default.width)), round(float(default.height))) == (595, 842)
    a5 = render_html_to_pdf("<style>@page { size: A5 }</style><p>ก</p>")
    box = PdfReader(io.BytesIO(a5)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (420, 595)


def test_extra_stylesheets_apply():
    pdf = render_html_to_pdf("<p>ข้อความ</p>", stylesheets=['p::after { content: " ท้ายย่อหน้า" }'])
    assert words_of(extract_text(pdf)) == ["ข้อความ", "ท้ายย่อหน้า"]


@pytest.mark.parametrize(
    "head", ["", '<meta charset="utf-8">', '<meta charset="iso-8859-1">', '<meta charset="tis-620">']
)
def test_charset_declaration_cannot_garble_thai(head):
    pdf = render_html_to_pdf(f"<html><head>{head}</head><body><p>สำนักงาน น้ำ</p></body></html>")
    assert words_of(extract_text(pdf)) == ["สำนักงาน", "น้ำ"]


# --- the Thai text layer ---------------------------------------------------------------------------------------


def test_the_trap_is_real_without_the_fix():
    """If this fails, WeasyPrint fixed its ToUnicode maps upstream and fix_text_layer may no longer be needed."""
    text = PdfReader(io.BytesIO(weasyprint_only(TRAP_HTML))).pages[0].extract_text()
    assert "กำร" in text or "นำ " in text


def test_pypdf_reads_exact_thai_words(trap_pdf):
    text = extract_text(trap_pdf)
    for word in WORDS + STACKED:
        assert word in text, word
    assert "กำร" not in text
    assert "นำ " not in text


def test_pypdf_text_is_thai_word_for_word(trap_pdf):
    assert words_of(extract_text(trap_pdf)) == TRAP_WORDS


@needs_pdftotext
def test_sara_am_reads_as_one_character_in_both_readers(trap_pdf):
    """Not "ส\u0e4d\u0e32นักงาน": per-glyph maps alone give nikhahit + sara aa, equal only under NFKC."""
    for text in (PdfReader(io.BytesIO(trap_pdf)).pages[0].extract_text(), extract_text_poppler(trap_pdf)):
        assert "ส\u0e33นักงาน" in text
        assert "น\u0e49\u0e33" in text  # น้ำ: tone mark, then sara am, as typed
        assert "\u0e4d" not in text


@needs_pdftotext
def test_pdftotext_reads_exact_thai_words(trap_pdf):
    text = extract_text_poppler(trap_pdf)
    for word in WORDS + STACKED:
        assert word in text, word
    assert "กำร" not in text
    assert "นำ " not in text


@needs_pdftotext
def test_pdftotext_keeps_stacked_marks_in_order(trap_pdf):
    """Layout-based reading sorts marks by position; the ActualText spans keep "ที่นี่" from becoming "ที่น่ี"."""
    text = extract_text_poppler(trap_pdf)
    assert words_of(text) == TRAP_WORDS
    assert "ที่น่ี" not in text


@needs_pdftotext
def test_text_in_form_xobjects_and_justified_paragraphs_is_fixed_too():
    html = (
        '<p style="opacity: .6">น้ำที่นี่</p>'
        '<p style="text-align: justify">' + "ตามที่ท่านได้ยื่นคำขอ น้ำประปา ที่นี่ เรื่อง " * 6 + "</p>"
    )
    pdf = render_html_to_pdf(html)
    assert "/x0" in PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/XObject"]  # opacity draws a form
    justified = "ตามที่ท่านได้ยื่นคำขอน้ำประปาที่นี่เรื่อง" * 6
    for text in (extract_text(pdf), extract_text_poppler(pdf)):
        words = words_of(text)
        words.remove("น้ำที่นี่")  # pypdf reads form XObjects after the page's own text
        assert "".join(words) == justified  # Thai lines break inside words, so compare without spaces


@needs_pdftotext
@pytest.mark.parametrize(
    "markup",
    [
        "<p>{}</p>",
        "<p><b>{}</b></p>",
        '<p style="text-align: justify">{0} {0} {0}</p>',
        '<table><tr><td style="font-size: 9pt">{}</td></tr></table>',
        '<p style="opacity: .5">{}</p>',
    ],
    ids=["paragraph", "bold", "justified", "small-table-cell", "form-xobject"],
)
def test_thai_corpus_extracts_exactly(markup):
    assert_corpus_extracts_exactly(render_html_to_pdf(markup.format(CORPUS_TEXT)))


def test_sara_aa_outside_sara_am_still_reads_sara_aa():
    """The alias codes are only for the sara am pair: the same glyph in "การ" and "กา" keeps reading "า"."""
    text = extract_text(render_html_to_pdf("<p>การ กำ กา น้ำ นา ทำงาน</p>"))
    assert text.split() == ["การ", "กำ", "กา", "น้ำ", "นา", "ทำงาน"]


def test_latin_ligatures_extract_as_letters():
    pdf = render_html_to_pdf("<p>office affluent café 1,234.50 ฿</p>")
    raw = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert raw.split() == ["office", "affluent", "café", "1,234.50", "฿"]


@needs_pdftoppm
def test_fix_changes_no_pixel(tmp_path):
    """Alias codes, split spans and pen moves in small steps draw every glyph where WeasyPrint put it."""
    corpus = f'<p>{CORPUS_TEXT}</p><p style="text-align: justify">{CORPUS_TEXT * 3}</p>'
    html = TRAP_HTML.replace("</body>", corpus + "</body>")
    raw = weasyprint_only(html)
    fixed = fix_text_layer(raw)
    assert fixed != raw
    for name, data in (("raw", raw), ("fixed", fixed)):
        (tmp_path / f"{name}.pdf").write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "150", "-png", tmp_path / f"{name}.pdf", tmp_path / name], check=True)
    assert (tmp_path / "raw-1.png").read_bytes() == (tmp_path / "fixed-1.png").read_bytes()


def test_fixing_twice_changes_nothing(trap_pdf):
    twice = fix_text_layer(trap_pdf)
    assert extract_text(twice) == extract_text(trap_pdf)
    assert actual_text_spans(twice) == actual_text_spans(trap_pdf) > 0


def actual_text_spans(pdf: bytes) -> int:
    return sum(page.get_contents().get_data().count(b"/ActualText") for page in PdfReader(io.BytesIO(pdf)).pages)


def test_glyph_texts_from_sarabun_gsub():
    """Glyphs reached only through GSUB get their own text, not the first cluster WeasyPrint saw them in."""
    from fontTools.ttLib import TTFont

    path = next(p for p, weight, style in core_pdf.sarabun_faces() if (weight, style) == (400, "normal"))
    texts = glyphs.glyph_texts_for_file(path)
    gid = TTFont(path).getGlyphID
    assert texts[gid("uni0E32")] == "\u0e32"  # sara aa: never "ำ"
    assert texts[gid("uni0E4D")] == "\u0e4d"  # nikhahit
    assert texts[gid("uni0E4D0E49")] == "\u0e49\u0e4d"  # mai tho + nikhahit ligature, in typing order
    assert texts[gid("uni0E48.small")] == "\u0e48"
    assert texts[gid("uni0E31.narrow")] == "\u0e31"


def test_cmap_round_trip():
    mapping = {3: " ", 0x1B0: "ก", 0x2FA: "\u0e49\u0e4d", 0x1A8: "fl"} | {
        n: chr(0x41 + n % 26) for n in range(500, 760)
    }
    assert cmaps.parse_cmap(cmaps.build_cmap(mapping)) == mapping


def test_poppler_extraction_says_what_is_missing(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(FileNotFoundError, match="poppler-utils"):
        extract_text_poppler(b"%PDF-1.7")


# --- caching ----------------------------------------------------------------------------------------------------


def test_warm_up_prepares_the_font_setup():
    core_pdf.warm_up()
    config = pdf_fonts.font_config()
    core_pdf.warm_up()
    assert pdf_fonts.font_config() is config


def test_font_setup_is_built_once_per_thread():
    render_html_to_pdf("<p>ก</p>")
    config, css = pdf_fonts.font_config(), pdf_fonts.base_stylesheet()
    render_html_to_pdf("<p>ข</p>")
    assert pdf_fonts.font_config() is config
    assert pdf_fonts.base_stylesheet() is css

    other: list[object] = []
    thread = threading.Thread(target=lambda: other.append(pdf_fonts.font_config()))
    thread.start()
    thread.join()
    assert other[0] is not config


# --- resource loading -------------------------------------------------------------------------------------------

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
)


def image_count(pdf: bytes) -> int:
    xobjects = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"].get("/XObject", {})
    return sum(1 for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image")


def test_files_below_a_local_base_url_load(tmp_path):
    (tmp_path / "logo.png").write_bytes(PNG_1PX)
    pdf = render_html_to_pdf('<img src="logo.png" style="width:1cm">', base_url=str(tmp_path) + "/")
    assert image_count(pdf) == 1


def test_files_elsewhere_and_attachments_do_not_load(tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "key.png").write_bytes(PNG_1PX)
    (secret / "key.txt").write_text("secret")
    public = tmp_path / "public"
    public.mkdir()
    html = f'<img src="{(secret / "key.png").as_uri()}"><link rel="attachment" href="{(secret / "key.txt").as_uri()}">'
    pdf = render_html_to_pdf(html, base_url=str(public) + "/")
    assert image_count(pdf) == 0
    assert b"/EmbeddedFiles" not in pdf
    assert "/Names" not in PdfReader(io.BytesIO(pdf)).trailer["/Root"]


def test_network_urls_are_never_fetched():
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PNG_1PX)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        pdf = render_html_to_pdf(f'<img src="{url}/a.png"><link rel="stylesheet" href="{url}/b.css">')
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []
    assert image_count(pdf) == 0


def test_template_reads_static_files_from_disk(tmp_path, settings):
    templates, static = tmp_path / "templates", tmp_path / "static"
    (templates / "pdf").mkdir(parents=True)
    (static / "pdf").mkdir(parents=True)
    (static / "pdf" / "receipt.css").write_text('h1::after { content: " ฉบับจริง" }', encoding="utf-8")
    (static / "pdf" / "dot.png").write_bytes(PNG_1PX)
    (templates / "pdf" / "receipt.html").write_text(
        '{% load static %}<!doctype html><html lang="th"><head><meta charset="utf-8">'
        '<link rel="stylesheet" href="{% static "pdf/receipt.css" %}"></head>'
        '<body><h1>ใบเสร็จรับเงิน</h1><img src="{% static "pdf/dot.png" %}" style="width:1cm">'
        "<p>{{ payer }} ชำระ{{ item }} {{ amount_text }}</p></body></html>",
        encoding="utf-8",
    )
    settings.TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [templates]}]
    settings.STATICFILES_DIRS = [static]
    pdf = render_template_to_pdf(
        "pdf/receipt.html",
        {"payer": "นายสมชาย ใจดี", "item": "ค่าธรรมเนียม", "amount_text": "หนึ่งร้อยบาทถ้วน"},
    )
    assert words_of(extract_text(pdf)) == ["ใบเสร็จรับเงิน", "ฉบับจริง", "นายสมชาย", "ใจดี", "ชำระค่าธรรมเนียม", "หนึ่งร้อยบาทถ้วน"]
    assert image_count(pdf) == 1


# --- verification QR ----------------------------------------------------------------------------------------------


def test_qr_data_uri_is_png():
    uri = qr_png_data_uri("x")
    assert uri.startswith("data:image/png;base64,iVBORw0KGgo")


@needs_pdftoppm
@pytest.mark.parametrize(
    "payload",
    ["https://lgo1.example.go.th/verify/RC-2569-000123?sig=8F3K2QX7", "ใบเสร็จเลขที่ 2569/000123 ค่าธรรมเนียม"],
)
def test_qr_in_pdf_scans_back_to_the_exact_string(tmp_path, payload):
    import zxingcpp
    from PIL import Image

    html = (
        '<html lang="th"><body><h1>ใบเสร็จรับเงิน</h1><p>ตรวจสอบความถูกต้องของเอกสาร</p>'
        f'<img class="qr" src="{qr_png_data_uri(payload)}" style="width: 3cm"></body></html>'
    )
    (tmp_path / "receipt.pdf").write_bytes(render_html_to_pdf(html))
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", tmp_path / "receipt.pdf", tmp_path / "page"], check=True
    )
    results = zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))
    assert [result.text for result in results] == [payload]
    assert results[0].format == zxingcpp.BarcodeFormat.QRCode
