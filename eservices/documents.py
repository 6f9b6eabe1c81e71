"""PDFs the engine produces: the filing receipt and issued documents (certificates, permits, licences).

Both carry a QR code: the receipt's opens the case's tracking page, a document's opens its public verification page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.utils import translation

from core.files import private_upload_path
from core.pdf import qr_png_data_uri, render_template_to_pdf

from .forms.definition import answer_rows
from .notifications import public_url

if TYPE_CHECKING:
    from .models import IssuedDocument, Submission


def receipt_pdf(submission: Submission) -> bytes:
    """The filing receipt: rendered on first download and kept in private storage, so the citizen gets the same
    record every time (it states what was filed and when) and later downloads cost no rendering."""
    from .models import Submission

    stored = submission.receipt_file
    if stored and stored.storage.exists(stored.name):
        with stored.open("rb") as handle:
            return handle.read()
    content = render_receipt_pdf(submission)
    name = stored.storage.save(private_upload_path(f"eservices/receipts/{submission.organization_id}", "pdf"),
                               ContentFile(content))
    # A direct update: the file is a rendering of the case as filed, not a change to the case (no history row).
    Submission.objects.filter(pk=submission.pk).update(receipt_file=name)
    submission.receipt_file.name = name
    return content


def render_receipt_pdf(submission: Submission) -> bytes:
    """The citizen's record of filing: reference, time received, service, answers summary, due date, QR."""
    tracking_url = public_url(submission.get_absolute_url(), submission.organization)
    with translation.override(submission.language or "th"):
        return render_template_to_pdf("eservices/pdf/receipt.html", {
            "submission": submission,
            "organization": submission.organization,
            "sections": answer_rows(submission.definition, submission.answers, mask_ids=True),
            "attachments": list(submission.attachments.filter(message__isnull=True)),
            "tracking_url": tracking_url,
            "qr": qr_png_data_uri(tracking_url, box_size=5),
        })


def render_document_pdf(document: IssuedDocument) -> ContentFile:
    verify_url = public_url(document.get_absolute_url(), document.organization)
    with translation.override("th"):
        pdf = render_template_to_pdf("eservices/pdf/document.html", {
            "document": document,
            "organization": document.organization,
            "verify_url": verify_url,
            "qr": qr_png_data_uri(verify_url, box_size=5),
        })
    return ContentFile(pdf, name=f"{document.verification_code}.pdf")
