"""Each field type's server-side validation, with the Thai messages citizens read (English when the page is)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict
from django.utils import translation
from django.utils.datastructures import MultiValueDict

from eservices.forms.builder import build_step_form
from eservices.forms.definition import definition_from_stream, validate_definition
from eservices.forms.fields import parse_thai_date

from .conftest import VALID_ID, pdf_bytes, png_bytes, upload


def spec(kind: str, key: str = "q", requirement: str = "required", **extra) -> dict:
    return {"type": kind, "key": key, "label": "คำถาม", "help_text": "", "requirement": requirement,
            "applicant_role": "", "show_if_field": "", "show_if_value": "", **extra}


def errors_for(field_spec: dict, data: dict, files: dict | None = None, *, language: str = "th") -> list[str]:
    step = {"key": "1", "title": "t", "fields": [field_spec], "show_if_field": "", "show_if_value": ""}
    definition = {"version": 1, "steps": [step]}
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    with translation.override(language):
        form = build_step_form(step, definition, {}, data=query, files=MultiValueDict(files or {}))
        form.is_valid()
        return [str(e) for e in form.errors.get(field_spec["key"], [])]


def cleaned(field_spec: dict, data: dict, files: dict | None = None):
    step = {"key": "1", "title": "t", "fields": [field_spec], "show_if_field": "", "show_if_value": ""}
    query = QueryDict(mutable=True)
    for key, value in data.items():
        query.setlist(key, value if isinstance(value, list) else [value])
    form = build_step_form(step, {"version": 1, "steps": [step]}, {}, data=query, files=MultiValueDict(files or {}))
    assert form.is_valid(), form.errors
    return form.answers().get(field_spec["key"], form.uploads().get(field_spec["key"]))


def test_required_and_optional_and_soft():
    assert errors_for(spec("short_text"), {"q": ""}) == ["กรุณาตอบคำถาม “คำถาม”"]
    assert errors_for(spec("short_text", requirement="optional"), {"q": ""}) == []
    assert errors_for(spec("short_text", requirement="soft"), {"q": ""}) == []  # warns on check page only
    assert errors_for(spec("short_text", max_length=5), {"q": "ยาวเกินไปมาก"})  # Django's length message


@pytest.mark.parametrize(("typed", "expected"), [
    ("25/11/2569", dt.date(2026, 11, 25)), ("25/11/2026", dt.date(2026, 11, 25)), ("2026-11-25", dt.date(2026, 11, 25)),
    ("1.2.2570", dt.date(2027, 2, 1)), (" 5 / 1 / 2568 ", dt.date(2025, 1, 5)),
])
def test_dates_accept_buddhist_and_common_era(typed, expected):
    assert parse_thai_date(typed) == expected
    assert cleaned(spec("date", date_range="any"), {"q": typed}) == expected.isoformat()


def test_bad_dates_get_thai_messages():
    message = "กรอกวันที่ที่มีอยู่จริงเป็น วัน/เดือน/ปี เช่น 25/11/2569"
    for typed in ("31/02/2569", "พรุ่งนี้", "25/13/2569", "1/1/99"):
        assert errors_for(spec("date", date_range="any"), {"q": typed}) == [message]
    assert errors_for(spec("date", date_range="past"), {"q": "1/1/2600"}) == ["วันที่ต้องเป็นวันนี้หรือก่อนหน้า"]
    assert errors_for(spec("date", date_range="future"), {"q": "1/1/2500"}) == ["วันที่ต้องเป็นวันนี้หรือหลังจากนี้"]


def test_national_id():
    assert cleaned(spec("national_id"), {"q": "1 1017 00230 70 8"}) == VALID_ID
    assert errors_for(spec("national_id"), {"q": "1101700230705"}) == [
        "เลขประจำตัวประชาชนไม่ถูกต้อง กรุณาตรวจสอบเลข 13 หลักบนบัตรประชาชน"]
    assert errors_for(spec("national_id"), {"q": "12345"}) == ["กรอกเลขประจำตัวประชาชน 13 หลัก"]
    assert errors_for(spec("national_id"), {"q": "110170023070x"}) == ["กรอกเลขประจำตัวประชาชน 13 หลัก"]
    assert errors_for(spec("national_id"), {"q": "1101700230705"}, language="en") == [
        "This national ID number is not valid. Check the 13 digits on the ID card."]


def test_phone():
    assert cleaned(spec("phone"), {"q": "+66 81 234 5678"}) == "0812345678"
    assert cleaned(spec("phone"), {"q": "053-123456"}) == "053123456"
    for bad in ("12345", "0112345678", "08123456789", "โทร"):
        assert errors_for(spec("phone"), {"q": bad}) == [
            "กรอกเบอร์โทรศัพท์ในประเทศไทย เช่น 081 234 5678 หรือ 02 123 4567"]


def test_email_and_number_and_choice():
    assert errors_for(spec("email"), {"q": "somsri@"}) == ["กรอกอีเมลในรูปแบบ name@example.com"]
    number = spec("number", min_value="1", max_value="100", decimal_places=0)
    assert errors_for(number, {"q": "สิบ"}) == ["กรอกตัวเลข เช่น 12"]
    assert errors_for(number, {"q": "0"}) == ["กรอกตัวเลขไม่น้อยกว่า 1"]
    assert errors_for(number, {"q": "101"}) == ["กรอกตัวเลขไม่เกิน 100"]
    assert errors_for(number, {"q": "1.5"}) == ["กรอกทศนิยมไม่เกิน 0 ตำแหน่ง"]
    assert cleaned(number, {"q": "42"}) == "42"
    radios = spec("choice", style="radios", options="ใช่\nไม่ใช่")
    assert errors_for(radios, {"q": ""}) == ["เลือกคำตอบสำหรับ “คำถาม”"]  # names its question (#9.12)
    assert errors_for(radios, {"q": "อาจจะ"}) == ["เลือกคำตอบจากตัวเลือกที่มีให้สำหรับ “คำถาม”"]
    boxes = spec("choice", style="checkboxes", options="ก\nข\nค")
    assert cleaned(boxes, {"q": ["ก", "ค"]}) == ["ก", "ค"]
    assert errors_for(boxes, {"q": ["ง"]}) == ["เลือกจากตัวเลือกที่มีให้สำหรับ “คำถาม”"]
    assert cleaned(spec("choice", style="select", options="ก\nข"), {"q": "ข"}) == "ข"


def test_address():
    address = spec("address")
    good = {"q_line": "9 ถ.พหลโยธิน", "q_subdistrict": "เวียง", "q_district": "เมือง", "q_province": "เชียงราย",
            "q_postcode": "57000"}
    assert cleaned(address, good)["postcode"] == "57000"
    assert errors_for(address, {**good, "q_postcode": "5700"}) == ["กรอกรหัสไปรษณีย์ 5 หลัก"]
    assert errors_for(address, {**good, "q_district": ""}) == [
        "กรอกบ้านเลขที่และถนน ตำบล อำเภอ จังหวัด และรหัสไปรษณีย์ให้ครบ"]
    assert errors_for(spec("address", requirement="optional"), {}) == []


def test_location_typing_an_address_suffices():
    location = spec("location")
    assert cleaned(location, {"q_text": "หน้าวัดพระแก้ว", "q_lat": "", "q_lng": ""})["text"] == "หน้าวัดพระแก้ว"
    assert cleaned(location, {"q_text": "", "q_lat": "19.9105", "q_lng": "99.8406"})["lat"] == "19.910500"
    assert errors_for(location, {"q_text": "", "q_lat": "", "q_lng": ""}) == ["บอกสถานที่ หรือระบุละติจูดและลองจิจูด"]
    assert errors_for(location, {"q_text": "x", "q_lat": "19.9", "q_lng": ""}) == [
        "ระบุทั้งละติจูดและลองจิจูด หรือไม่ระบุทั้งสองค่า"]
    assert errors_for(location, {"q_text": "", "q_lat": "48.85", "q_lng": "2.35"}) == [
        "พิกัดไม่อยู่ในประเทศไทย ละติจูดประมาณ 5.5–20.5 และลองจิจูด 97.3–105.7"]
    assert errors_for(location, {"q_text": "", "q_lat": "สิบ", "q_lng": "2"}) == [
        "ละติจูดและลองจิจูดต้องเป็นตัวเลขทศนิยม เช่น 19.9105"]


def test_file_uploads_are_checked_by_content_size_and_count():
    files = spec("file", allowed_types=["application/pdf", "image/png"], max_size_mb=1, max_count=2)
    assert len(cleaned(files, {}, {"q": [upload("a.pdf", pdf_bytes())]})) == 1
    assert errors_for(files, {}, {}) == ["กรุณาอัปโหลดไฟล์"]
    disguised = upload("photo.png", b"MZ\x90\x00" + b"\x00" * 100, "image/png")
    assert "ชนิดที่ไม่รับ" in errors_for(files, {}, {"q": [disguised]})[0]
    jpeg_not_allowed = upload("x.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 100, "image/jpeg")
    assert "PDF, PNG" in errors_for(files, {}, {"q": [jpeg_not_allowed]})[0]
    big = upload("big.png", png_bytes() + b"\x00" * (1024 * 1024), "image/png")
    assert "1 MB" in errors_for(files, {}, {"q": [big]})[0]
    three = [upload(f"{i}.pdf") for i in range(3)]
    assert errors_for(files, {}, {"q": three}) == ["อัปโหลดได้ไม่เกิน 2 ไฟล์"]


def test_declaration_must_be_ticked():
    declaration = {k: v for k, v in spec("declaration").items() if k != "requirement"}
    assert errors_for(declaration, {}) == ["ทำเครื่องหมายในช่องเพื่อยืนยันคำรับรอง"]
    assert cleaned(declaration, {"q": "on"}) is True


def test_definition_validation_catches_editor_mistakes():
    from .conftest import field, step

    steps = [
        step("หนึ่ง", field("short_text", "name", "ชื่อ"), field("short_text", "name", "ชื่อซ้ำ")),
        step("สอง", field("choice", "kind", "ประเภท", style="radios", options=""),
             field("short_text", "later", "ทีหลัง", show_if_field="kind", show_if_value="x")),
        step("สาม", show_if_field="nothing"),
    ]
    from wagtail.blocks import StreamValue

    from eservices.models import ServicePage

    stream = ServicePage._meta.get_field("form_steps").stream_block
    with translation.override("th"):
        problems = validate_definition(definition_from_stream(StreamValue(stream, steps)))
    joined = " | ".join(problems)
    assert "รหัส “name” ถูกใช้ซ้ำ" in joined
    assert "คำถาม “kind” ยังไม่มีตัวเลือก" in joined
    assert "คำถาม “later”: เงื่อนไขการแสดงต้องอ้างถึงคำถามในขั้นตอนก่อนหน้า" in joined
    assert "ขั้นตอนที่ 3: เงื่อนไขการแสดงอ้างถึง “nothing”" in joined and "ขั้นตอนที่ 3 ยังไม่มีคำถาม" in joined
