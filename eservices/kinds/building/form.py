"""The building permit application (แบบ ข.1) as a fixed form: the content the Building Control Act and its
ministerial regulation ask for, in the citizen's order (what, who, where, which building, who designs and
supervises it, the plans)."""

from __future__ import annotations

from typing import Any

from ...forms.definition import DEFINITION_VERSION, normalise, question
from .constants import LEVEL_ANSWERS, ROUTE_ANSWERS, STRUCTURE_ANSWERS, WORK_ANSWERS

DEED_TYPES = ("โฉนดที่ดิน", "น.ส.3 ก.", "น.ส.3", "ส.ป.ก. 4-01", "อื่น ๆ")
OWNER_SELF, OWNER_OTHER = "ผู้ขอเป็นเจ้าของที่ดิน", "ผู้ขอไม่ใช่เจ้าของที่ดิน (ต้องมีหนังสือยินยอม)"
PLANS_MAX_MB, PLANS_MAX_FILES = 50, 10


def _field(kind: str, key: str, label: str, requirement: str = "required", **extra: Any) -> dict[str, Any]:
    return {"type": kind, **question(kind, key, label, requirement, **extra)}


def _choice(key: str, label: str, options, **extra: Any) -> dict[str, Any]:
    return _field("choice", key, label, style="radios", options="\n".join(options), **extra)


def _licensee(prefix: str, label: str, requirement: str, help_text: str) -> list[dict[str, Any]]:
    return [
        _field("short_text", f"{prefix}_name", f"ชื่อ{label}", requirement, max_length=200, help_text=help_text),
        _field("short_text", f"{prefix}_licence", f"เลขทะเบียนใบอนุญาตของ{label}", requirement, max_length=30,
               help_text="เช่น ภ-ย 12345 หรือ ส-ส 1234"),
        _choice(f"{prefix}_level", f"ระดับใบอนุญาตของ{label}", LEVEL_ANSWERS, requirement=requirement),
        _field("date", f"{prefix}_expiry", f"ใบอนุญาตของ{label}ใช้ได้ถึงวันที่", requirement, date_range="any"),
    ]


def building_permit_definition() -> dict[str, Any]:
    """The ข.1 application; the route question lets the same form serve a notification under s.39 bis."""
    pdf = ["application/pdf"]
    steps = [
        {"key": "1", "title": "ประเภทคำขอ", "description": "ขออนุญาตหรือแจ้ง และจะทำอะไรกับอาคาร", "fields": [
            _choice("route", "ยื่นแบบใด", ROUTE_ANSWERS,
                    help_text="แจ้งแทนการขออนุญาตได้เมื่อมีสถาปนิกและวิศวกรผู้ออกแบบรับรองแบบ (มาตรา 39 ทวิ)"),
            _choice("work", "ประเภทงาน", WORK_ANSWERS),
            _choice("structure", "สิ่งที่ขออนุญาต", STRUCTURE_ANSWERS),
        ]},
        {"key": "2", "title": "ผู้ขออนุญาต", "description": "", "fields": [
            _field("short_text", "applicant_name", "ชื่อ-นามสกุลหรือชื่อนิติบุคคล", applicant_role="name",
                   max_length=200),
            _field("national_id", "national_id", "เลขประจำตัวประชาชน", applicant_role="national_id"),
            _field("phone", "phone", "เบอร์โทรศัพท์", applicant_role="phone"),
            _field("email", "email", "อีเมล", "soft", applicant_role="email",
                   help_text="เราจะส่งเลขที่คำขอ ใบแจ้งชำระเงิน และผลการพิจารณาไปที่อีเมลนี้"),
            _field("address", "address", "ที่อยู่ผู้ขออนุญาต"),
            _choice("owner", "เจ้าของที่ดิน", (OWNER_SELF, OWNER_OTHER)),
        ]},
        {"key": "3", "title": "เจ้าของที่ดินและความยินยอม", "description": "เมื่อผู้ขอไม่ใช่เจ้าของที่ดิน",
         "show_if_field": "owner", "show_if_value": OWNER_OTHER, "fields": [
            _field("short_text", "owner_name", "ชื่อเจ้าของที่ดิน", max_length=200),
            _field("file", "owner_consent", "หนังสือยินยอมของเจ้าของที่ดิน", allowed_types=[*pdf, "image/jpeg"],
                   max_size_mb=10, max_count=2, help_text="ไฟล์ PDF หรือ JPG ไม่เกิน 10 MB"),
        ]},
        {"key": "4", "title": "ที่ดิน", "description": "ที่ดินที่จะก่อสร้าง ดัดแปลง รื้อถอน หรือเคลื่อนย้ายอาคาร",
         "fields": [
            _choice("deed_type", "ประเภทเอกสารสิทธิ์", DEED_TYPES),
            _field("short_text", "deed_number", "เลขที่เอกสารสิทธิ์", max_length=30),
            _field("short_text", "parcel_number", "เลขที่ดิน", max_length=30),
            _field("location", "site", "ที่ตั้งอาคาร", help_text="บ้านเลขที่ หมู่ ถนน และพิกัดจากแผนที่ในโทรศัพท์"),
            _field("file", "deed_copy", "สำเนาเอกสารสิทธิ์ที่ดิน", allowed_types=[*pdf, "image/jpeg"],
                   max_size_mb=10, max_count=3, help_text="ไฟล์ PDF หรือ JPG ไม่เกิน 10 MB ต่อไฟล์ สูงสุด 3 ไฟล์"),
        ]},
        {"key": "5", "title": "อาคาร", "description": "", "fields": [
            _field("short_text", "building_type", "ชนิดของอาคาร", max_length=100,
                   help_text="เช่น อาคารคอนกรีตเสริมเหล็ก อาคารไม้"),
            _field("short_text", "use", "ใช้เป็น", max_length=100, help_text="เช่น ที่พักอาศัย ร้านค้า โกดัง"),
            _field("number", "storeys", "จำนวนชั้น", min_value=0, max_value=200, decimal_places=0, unit="ชั้น"),
            _field("number", "height", "ความสูง", min_value=0, max_value=1000, decimal_places=2, unit="เมตร"),
            _field("number", "floor_area", "พื้นที่รวมทุกชั้น (หรือความยาวของรั้ว ท่อ)", min_value=0,
                   max_value=1000000, decimal_places=2, unit="ตร.ม. หรือ เมตร",
                   help_text="ใช้คำนวณค่าตรวจแบบแปลน เศษตั้งแต่ครึ่งหนึ่งคิดเป็นหนึ่ง"),
            _field("number", "units", "จำนวนห้องหรือหน่วย", "optional", min_value=0, max_value=10000,
                   decimal_places=0),
            _field("number", "parking", "ที่จอดรถ", "optional", min_value=0, max_value=10000, decimal_places=0,
                   unit="คัน"),
        ]},
        {"key": "6", "title": "ผู้ออกแบบและผู้ควบคุมงาน",
         "description": "ต้องเป็นผู้ได้รับใบอนุญาตประกอบวิชาชีพในระดับที่ทำงานนี้ได้ มิฉะนั้นคำขอจะไม่ได้รับการพิจารณา "
                        "(มาตรา 26)",
         "fields": [
            *_licensee("engineer", "วิศวกรผู้ออกแบบและคำนวณ", "required",
                       "วิศวกรผู้ลงนามในรายการคำนวณ"),
            *_licensee("architect", "สถาปนิกผู้ออกแบบ", "optional",
                       "ไม่บังคับสำหรับอาคารที่ไม่ใช่งานสถาปัตยกรรมควบคุม"),
            _field("short_text", "supervisor_name", "ชื่อวิศวกรผู้ควบคุมงาน", max_length=200),
            _field("short_text", "supervisor_licence", "เลขทะเบียนใบอนุญาตของผู้ควบคุมงาน", max_length=30),
        ]},
        {"key": "7", "title": "แบบแปลนและรายการคำนวณ", "description": "", "fields": [
            _field("file", "plans", "แบบแปลนและแผนผัง", allowed_types=pdf, max_size_mb=PLANS_MAX_MB,
                   max_count=PLANS_MAX_FILES,
                   help_text=f"ไฟล์ PDF ไม่เกิน {PLANS_MAX_MB} MB ต่อไฟล์ สูงสุด {PLANS_MAX_FILES} ไฟล์"),
            _field("file", "calculations", "รายการคำนวณโครงสร้าง", "optional", allowed_types=pdf,
                   max_size_mb=PLANS_MAX_MB, max_count=PLANS_MAX_FILES,
                   help_text=f"ไฟล์ PDF ไม่เกิน {PLANS_MAX_MB} MB ต่อไฟล์ สูงสุด {PLANS_MAX_FILES} ไฟล์"),
            _field("declaration", "truthful", "ข้าพเจ้าขอรับรองว่าข้อความและเอกสารที่ยื่นเป็นความจริง"),
        ]},
    ]
    for step in steps:
        step.setdefault("show_if_field", "")
        step.setdefault("show_if_value", "")
    return normalise({"version": DEFINITION_VERSION, "steps": steps})
