"""Printable registers and retention lists as A4 landscape PDFs (core.pdf, Sarabun)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.pdf import render_template_to_pdf
from core.thai import thai_date

from .constants import Register
from .models import DestructionList, Document

# The regulation's register columns (แบบที่ 12 / 13).
REGISTER_COLUMNS = ("เลขทะเบียน", "ที่", "ลงวันที่", "จาก", "ถึง", "เรื่อง", "การปฏิบัติ", "หมายเหตุ")

#: At most this many rows go into one printed register or list; the PDF says so when there were more.
PDF_ROW_LIMIT = 5000


def first_rows(rows: QuerySet) -> tuple[list, bool]:
    """The first PDF_ROW_LIMIT of `rows` (a queryset is sliced, one row more to know), and whether more were cut."""
    rows = list(rows[:PDF_ROW_LIMIT + 1])
    return rows[:PDF_ROW_LIMIT], len(rows) > PDF_ROW_LIMIT


def _with_cut_note(subtitle: str, cut: bool, note: str) -> str:
    """`subtitle`, followed by `note` (its %(count)s is the limit, as "5,000") when rows were cut."""
    if not cut:
        return subtitle
    return f"{subtitle} · " + note % {"count": f"{PDF_ROW_LIMIT:,}"}


def register_row(document: Document) -> list[str]:
    return [
        document.register_label, document.reference_number, thai_date(document.dated, short=True),
        document.sender, document.recipient, document.subject, document.action, document.remarks,
    ]


def render_register(organization, register: str, entries: Iterable[Document], *, date_from: dt.date | None,
                    date_to: dt.date | None, cut: bool = False) -> bytes:
    """The register as printed; `cut` says the entries are only the first PDF_ROW_LIMIT, and the subtitle says so."""
    span = " – ".join(thai_date(day) for day in (date_from, date_to) if day) or "ทุกรายการ"
    context = {
        "title": f"{Register(register).label} {organization.name_th}",
        "subtitle": _with_cut_note(f"ลงทะเบียนระหว่าง {span}", cut,
                                   _("Showing the first %(count)s entries. Choose a narrower date range.")),
        "columns": REGISTER_COLUMNS,
        "rows": [register_row(document) for document in entries],
    }
    return render_template_to_pdf("saraban/pdf/table.html", context)


def hidden_note(hidden: int) -> str:
    """What a list says in place of the classified entries its reader may not see (only how many there are)."""
    if not hidden:
        return ""
    return _("%(count)s classified documents on this list are shown only to those cleared for them.") % {
        "count": hidden}


def render_destruction_list(destruction_list: DestructionList, documents: Iterable[Document], *,
                            hidden: int = 0) -> bytes:
    """บัญชีหนังสือขอทำลาย (แบบที่ 25) with the committee's names for signature; `documents` are the entries the
    reader may see (selectors.visible_among), `hidden` how many others there are."""
    rows = [
        [str(index), document.register_label, document.reference_number, thai_date(document.dated, short=True),
         document.sender, document.recipient, document.subject, document.get_retention_class_display(),
         "ทำลายแล้ว" if document.destroyed_at else ""]
        for index, document in enumerate(documents, start=1)
    ]
    context = {
        "title": f"บัญชีหนังสือขอทำลาย ประจำปี {destruction_list.year}",
        "subtitle": " · ".join(filter(None, (destruction_list.organization.name_th, hidden_note(hidden)))),
        "columns": ("ลำดับที่", "เลขทะเบียน", "ที่", "ลงวันที่", "จาก", "ถึง", "เรื่อง", "อายุการเก็บ", "หมายเหตุ"),
        "rows": rows,
        "committee": list(destruction_list.committee.all()),
    }
    return render_template_to_pdf("saraban/pdf/table.html", context)


def render_archives_list(organization, documents: Iterable[Document], *, cut: bool = False, hidden: int = 0
                         ) -> bytes:
    """บัญชีส่งมอบหนังสือครบ 20 ปี (แบบที่ 22) for the National Archives (`cut` as in render_register)."""
    rows = [
        [str(index), document.register_label, document.reference_number, thai_date(document.dated, short=True),
         document.sender, document.recipient, document.subject, document.get_retention_class_display()]
        for index, document in enumerate(documents, start=1)
    ]
    context = {
        "title": "บัญชีส่งมอบหนังสือครบ 20 ปี ให้หอจดหมายเหตุแห่งชาติ",
        "subtitle": " · ".join(filter(None, (
            _with_cut_note(organization.name_th, cut, _("Showing the first %(count)s entries only.")),
            hidden_note(hidden)))),
        "columns": ("ลำดับที่", "เลขทะเบียน", "ที่", "ลงวันที่", "จาก", "ถึง", "เรื่อง", "อายุการเก็บ"),
        "rows": rows,
    }
    return render_template_to_pdf("saraban/pdf/table.html", context)
