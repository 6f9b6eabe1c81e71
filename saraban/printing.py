"""Printable registers and retention lists as A4 landscape PDFs (core.pdf, Sarabun)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from core.pdf import render_template_to_pdf
from core.thai import thai_date

from .constants import Register
from .models import DestructionList, Document

# The regulation's register columns (แบบที่ 12 / 13).
REGISTER_COLUMNS = ("เลขทะเบียน", "ที่", "ลงวันที่", "จาก", "ถึง", "เรื่อง", "การปฏิบัติ", "หมายเหตุ")


def register_row(document: Document) -> list[str]:
    return [
        document.register_label, document.reference_number, thai_date(document.dated, short=True),
        document.sender, document.recipient, document.subject, document.action, document.remarks,
    ]


def render_register(organization, register: str, entries: Iterable[Document], *, date_from: dt.date | None,
                    date_to: dt.date | None) -> bytes:
    span = " – ".join(thai_date(day) for day in (date_from, date_to) if day) or "ทุกรายการ"
    context = {
        "title": f"{Register(register).label} {organization.name_th}",
        "subtitle": f"ลงทะเบียนระหว่าง {span}",
        "columns": REGISTER_COLUMNS,
        "rows": [register_row(document) for document in entries],
    }
    return render_template_to_pdf("saraban/pdf/table.html", context)


def render_destruction_list(destruction_list: DestructionList) -> bytes:
    """บัญชีหนังสือขอทำลาย (แบบที่ 25) with the committee's names for signature."""
    documents = destruction_list.documents.order_by("dated", "pk")
    rows = [
        [str(index), document.register_label, document.reference_number, thai_date(document.dated, short=True),
         document.sender, document.recipient, document.subject, document.get_retention_class_display(),
         "ทำลายแล้ว" if document.destroyed_at else ""]
        for index, document in enumerate(documents, start=1)
    ]
    context = {
        "title": f"บัญชีหนังสือขอทำลาย ประจำปี {destruction_list.year}",
        "subtitle": destruction_list.organization.name_th,
        "columns": ("ลำดับที่", "เลขทะเบียน", "ที่", "ลงวันที่", "จาก", "ถึง", "เรื่อง", "อายุการเก็บ", "หมายเหตุ"),
        "rows": rows,
        "committee": list(destruction_list.committee.all()),
    }
    return render_template_to_pdf("saraban/pdf/table.html", context)


def render_archives_list(organization, documents: Iterable[Document]) -> bytes:
    """บัญชีส่งมอบหนังสือครบ 20 ปี (แบบที่ 22) for the National Archives."""
    rows = [
        [str(index), document.register_label, document.reference_number, thai_date(document.dated, short=True),
         document.sender, document.recipient, document.subject, document.get_retention_class_display()]
        for index, document in enumerate(documents, start=1)
    ]
    context = {
        "title": "บัญชีส่งมอบหนังสือครบ 20 ปี ให้หอจดหมายเหตุแห่งชาติ",
        "subtitle": organization.name_th,
        "columns": ("ลำดับที่", "เลขทะเบียน", "ที่", "ลงวันที่", "จาก", "ถึง", "เรื่อง", "อายุการเก็บ"),
        "rows": rows,
    }
    return render_template_to_pdf("saraban/pdf/table.html", context)
