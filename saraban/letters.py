"""The official layout of outgoing documents (ระเบียบงานสารบรรณ, แบบที่ 1–3, 11, 13) rendered as PDF by core.pdf."""

from __future__ import annotations

from typing import Any

from core.pdf import image_data_uri, render_template_to_pdf
from core.thai import address_parts, thai_date, thai_datetime

from .constants import SECRECY_MARK, URGENCY_MARK, LetterFormat
from .models import Document


def number_text(document: Document) -> str:
    """ที่ as printed: "ชร 52301/1234" once issued; "ชร 52301/ (ร่าง)" on a draft, since numbers come at issue."""
    if document.letter_format in (LetterFormat.ORDER, LetterFormat.ANNOUNCEMENT):
        return f"{document.number}/{document.year}" if document.number else "(ร่าง)"
    if document.number:
        return document.reference_number
    return f"{document.number_prefix}/ (ร่าง)"


def letter_context(document: Document) -> dict[str, Any]:
    organization = document.organization
    paragraphs = [line.strip() for line in document.body.splitlines() if line.strip()]
    signed = document.signed_at is not None
    return {
        "document": document,
        "organization": organization,
        # Each part printed unbroken: the regulation's layouts never split "ตำบล / หนองแก้ว" at a line end.
        "address_parts": address_parts(organization.address or "", subdistrict=organization.subdistrict,
                                       district=organization.district, province=organization.province,
                                       postcode=organization.postcode),
        "unit_name": document.department.name_th + " " + organization.name_th if document.department
        else organization.name_th,
        "number_text": number_text(document),
        "date_text": thai_date(document.dated) if signed and document.dated else "(ร่าง)",
        "paragraphs": paragraphs,
        "signed": signed,
        "signed_text": thai_datetime(document.signed_at, short=True) if signed else "",
        "signer_name": document.signer_name or "",
        "signer_position": document.signer_position or "",
        "contact_lines": [line.strip() for line in document.contact_text.splitlines() if line.strip()],
        "urgency_mark": URGENCY_MARK.get(document.urgency, ""),
        "secrecy_mark": SECRECY_MARK.get(document.secrecy, ""),
        "emblem": garuda_data_uri(organization),
    }


def garuda_data_uri(organization) -> str | None:
    """The LGO's uploaded Garuda as a data URI (it lives in private storage, so it has no URL), or None."""
    stored = organization.garuda
    if not stored or not stored.storage.exists(stored.name):
        return None
    with stored.open("rb") as handle:
        content = handle.read()
    return image_data_uri(content)


def render_letter(document: Document) -> bytes:
    """The letter as PDF: a draft preview (no number, no date) or the issued letter."""
    return render_template_to_pdf("saraban/pdf/letter.html", letter_context(document))
