"""PDFs the engine produces: the filing receipt and issued documents (certificates, permits, licences).

Both carry a QR code: the receipt's opens the case's tracking page, a document's opens its public verification page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.utils import translation

from core.pdf import qr_png_data_uri, render_template_to_pdf
from organizations.links import base_url, drawn_for, pdf_storage_name

from .forms.definition import answer_rows

if TYPE_CHECKING:
    from .models import IssuedDocument, Submission


def receipt_pdf(submission: Submission) -> bytes:
    """The filing receipt: rendered on first download and kept in private storage, so the citizen gets the same
    record every time (it states what was filed and when) and later downloads cost no rendering. Drawn again when
    the site's address changed since (its QR code must open the tracking page where the site is served now)."""
    from .models import Submission

    base = base_url(submission.organization)
    stored = submission.receipt_file
    if stored and drawn_for(stored.name, base) and stored.storage.exists(stored.name):
        with stored.open("rb") as handle:
            return handle.read()
    content = render_receipt_pdf(submission, base=base)
    name = stored.storage.save(pdf_storage_name(f"eservices/receipts/{submission.organization_id}", base),
                               ContentFile(content))
    # A direct update: the file is a rendering of the case as filed, not a change to the case (no history row).
    Submission.objects.filter(pk=submission.pk).update(receipt_file=name)
    _replace_file(stored, name)
    return content


def document_pdf_name(document: IssuedDocument) -> str:
    """The storage name of the document's PDF, drawn again first when the site's address changed since it was
    drawn (the QR code printed on it must open /verify/ where the site is served now)."""
    from .models import IssuedDocument

    base = base_url(document.organization)
    stored = document.pdf
    if stored and drawn_for(stored.name, base) and stored.storage.exists(stored.name):
        return stored.name
    name = stored.storage.save(pdf_storage_name("eservices/documents", base), render_document_pdf(document, base=base))
    IssuedDocument.objects.filter(pk=document.pk).update(pdf=name)  # a rendering, not a change to the document
    _replace_file(stored, name)
    return name


def _replace_file(stored, name: str) -> None:
    """Point the field at the new rendering and remove the outdated one (nothing else refers to it)."""
    old = stored.name
    stored.name = name
    if old and old != name and stored.storage.exists(old):
        stored.storage.delete(old)


def render_receipt_pdf(submission: Submission, *, base: str | None = None) -> bytes:
    """The citizen's record of filing: reference, time received, service, answers summary, due date, QR."""
    base = base or base_url(submission.organization)
    tracking_url = base + submission.get_absolute_url()
    with translation.override(submission.language or "th"):
        return render_template_to_pdf("eservices/pdf/receipt.html", {
            "submission": submission,
            "organization": submission.organization,
            "sections": answer_rows(submission.definition, submission.answers, mask_ids=True),
            "attachments": list(submission.attachments.filter(message__isnull=True)),
            "tracking_url": tracking_url,
            "qr": qr_png_data_uri(tracking_url, box_size=5),
        })


def render_document_pdf(document: IssuedDocument, *, base: str | None = None) -> ContentFile:
    verify_url = (base or base_url(document.organization)) + document.get_absolute_url()
    with translation.override("th"):
        pdf = render_template_to_pdf("eservices/pdf/document.html", {
            "document": document,
            "organization": document.organization,
            "verify_url": verify_url,
            "qr": qr_png_data_uri(verify_url, box_size=5),
        })
    return ContentFile(pdf, name=f"{document.verification_code}.pdf")
