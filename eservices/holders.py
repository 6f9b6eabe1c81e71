"""Holders of issued documents: finding the certificate, licence or permit a follow-up request is about.

A holder asks for a replacement, a transfer, closure or renewal by typing the number or verification code printed on
their document; the request counts only when the document is valid, belongs to the LGO, came from a case of the
right kind, and that case's applicant had the same national ID as the holder filing now (a stranger who saw the
document cannot act on it). Shared with the building-permit kinds (/work/helpers/contracts/licensing.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from core import thai

from .models import IssuedDocument


def find_holder_document(*, organization, code: str, national_id: str, kinds: Iterable[str]) -> IssuedDocument | None:
    """The valid document of `organization` numbered or coded `code`, issued on a case of one of `kinds` (service
    kind keys) whose applicant's national ID is `national_id`; None otherwise (never another LGO's document)."""
    code = thai.ascii_digits((code or "").strip()).upper().replace(" ", "")
    national_id = thai.normalize_national_id(national_id or "")
    if not code or not national_id:
        return None
    documents = (IssuedDocument.objects.for_organization(organization)
                 .filter(revoked=False, submission__service_kind__in=list(kinds))
                 .select_related("submission"))
    document = documents.filter(verification_code=code).first() or documents.filter(number=code).first()
    if document is None or not document.is_valid or holder_national_id(document) != national_id:
        return None
    return document


def holder_national_id(document: IssuedDocument) -> str:
    """Who holds the document now: the new holder named on the transfer that issued it, else the applicant of the
    case it was issued on."""
    submission = document.submission
    if submission is None:
        return ""
    new_holder = thai.normalize_national_id(str(submission.answers.get("new_holder_id") or ""))
    return new_holder or submission.applicant_national_id
