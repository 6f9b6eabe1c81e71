"""PDFs the engine produces: the filing receipt and issued documents (certificates, permits, licences).

Both carry a QR code: the receipt's opens the case's tracking page, a document's opens its public verification page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.utils import translation

from core.pdf import qr_png_data_uri, render_template_to_pdf

from .forms.definition import answer_rows
from .notifications import public_url

if TYPE_CHECKING:
    from .models import IssuedDocument, Submission


def receipt_pdf(submission: Submission) -> bytes:
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
