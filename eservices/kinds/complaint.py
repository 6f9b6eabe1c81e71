"""Complaints and repair requests (เรื่องร้องเรียน/แจ้งเหตุ): a fixed form and its own officer actions.

A complaint is not approved or refused like a permit: the LGO accepts it, may ask once for more detail, then reports
what it did (complete) or that the matter is outside its authority (reject with the reason and where to go instead).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from ..forms.definition import DEFINITION_VERSION, normalise, question
from .base import ServiceKind
from .registry import register

TOPICS = (
    "ถนน ทางเท้า ท่อระบายน้ำชำรุด",
    "ไฟฟ้าส่องสว่างสาธารณะดับ/ชำรุด",
    "ขยะไม่ได้รับการจัดเก็บ",
    "น้ำประปาไม่ไหล/รั่ว",
    "เหตุเดือดร้อนรำคาญ (กลิ่น เสียง ควัน)",
    "การทุจริตและประพฤติมิชอบของเจ้าหน้าที่",
    "เรื่องอื่น ๆ",
)


def _field(kind: str, key: str, label: str, requirement: str = "required", **extra: Any) -> dict[str, Any]:
    return {"type": kind, **question(kind, key, label, requirement, **extra)}


def complaint_definition() -> dict[str, Any]:
    """The complaint form: what, where, evidence, who (contact is needed to report back; ID is optional)."""
    steps = [
        {"key": "1", "title": "เรื่องที่ร้องเรียน", "description": "บอกเราว่าเกิดอะไรขึ้น", "fields": [
            _field("choice", "topic", "เรื่องที่ต้องการแจ้ง", style="radios", options="\n".join(TOPICS)),
            _field("short_text", "subject", "หัวข้อโดยย่อ", max_length=200),
            _field("long_text", "details", "รายละเอียด", max_length=5000,
                   help_text="เกิดอะไรขึ้น ตั้งแต่เมื่อไร และต้องการให้ดำเนินการอย่างไร"),
        ]},
        {"key": "2", "title": "สถานที่เกิดเหตุ", "description": "", "fields": [
            _field("location", "place", "สถานที่เกิดเหตุ",
                   help_text="พิมพ์ที่อยู่หรือจุดสังเกต หรือใส่พิกัดจากแผนที่ในโทรศัพท์"),
        ]},
        {"key": "3", "title": "ภาพถ่ายหรือหลักฐาน", "description": "", "fields": [
            _field("file", "evidence", "ภาพถ่ายหรือเอกสารประกอบ", "optional",
                   allowed_types=["image/jpeg", "image/png", "application/pdf"], max_size_mb=10, max_count=5),
        ]},
        {"key": "4", "title": "ข้อมูลติดต่อกลับ", "description": "ใช้เพื่อแจ้งผลการดำเนินการให้ท่านทราบเท่านั้น",
         "fields": [
            _field("short_text", "applicant_name", "ชื่อ-นามสกุล", applicant_role="name", max_length=200),
            _field("phone", "phone", "เบอร์โทรศัพท์", applicant_role="phone"),
            _field("email", "email", "อีเมล", "soft", applicant_role="email",
                   help_text="เราจะส่งเลขที่เรื่องและความคืบหน้าไปที่อีเมลนี้"),
            _field("declaration", "truthful", "ข้าพเจ้าขอรับรองว่าข้อความข้างต้นเป็นความจริง"),
        ]},
    ]
    for step in steps:
        step.setdefault("show_if_field", "")
        step.setdefault("show_if_value", "")
    return normalise({"version": DEFINITION_VERSION, "steps": steps})


class ComplaintKind(ServiceKind):
    key = "complaint"
    label = _("Complaint or repair request (fixed form)")
    editor_builds_form = False
    allowed_actions = frozenset({"accept", "request_information", "complete", "reject", "cancel"})
    action_labels = {
        "complete": _("Report the matter resolved"),
        "reject": _("Close: outside our authority"),
    }

    def definition(self, page) -> dict[str, Any]:
        return complaint_definition()

    def fee(self, page, answers):
        return None  # complaints are always free


register(ComplaintKind())
