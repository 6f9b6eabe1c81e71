"""Follow-up requests of a document's holder (renewal, transfer, replacement, closure): a new case of the same
service, filed from the holder's tracking page of the original case (its unguessable link proves holdership), under a
small follow-up form instead of the full application (contracts/licensing.md item 5)."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .. import services as engine
from ..forms.definition import DEFINITION_VERSION, normalise


def followup_definition(steps: list[dict[str, Any]]) -> dict[str, Any]:
    for step in steps:
        step.setdefault("show_if_field", "")
        step.setdefault("show_if_value", "")
        step.setdefault("description", "")
    return normalise({"version": DEFINITION_VERSION, "steps": steps})


def holder_document(original: Any):
    """The original case's current document, which a follow-up may act on (None: nothing valid to follow up)."""
    document = original.issued_documents.filter(revoked=False).order_by("-issued_at").first()
    return document if document is not None and document.is_valid else None


def file_followup(*, original: Any, followup: str, answers: dict[str, Any], definition: dict[str, Any]):
    """File the follow-up as a new case of the original's service, for the same applicant. Idempotent: the same
    follow-up with the same answers on the same case files one case (a double click)."""
    document = holder_document(original)
    if document is None:
        raise ValidationError(_("This request has no valid document to follow up."))
    answers = {**answers, "followup": followup, "original_reference": original.reference,
               "document_number": document.number}
    digest = hashlib.sha256(repr(sorted(answers.items())).encode()).hexdigest()[:32]
    applicant = engine.Applicant(name=original.applicant_name, email=original.applicant_email,
                                 phone=original.applicant_phone, national_id=original.applicant_national_id)
    return engine.submit(service=original.service, answers=answers, idempotency_key=f"followup:{original.pk}:{digest}",
                         applicant=applicant, definition=definition, language=original.language)
