"""Compose, preview and issue outgoing letters, memos, orders and announcements."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.models import AuditAction

from .. import permissions, services
from ..constants import DocumentStatus
from ..forms import REFERENCE_WORDS, IssueForm, LetterForm, apply_errors
from ..letters import render_letter
from ..selectors import visible_documents
from .common import get_document, officer_view, page, pdf_response
from .documents import act_on_document

REFERENCE_LABEL = {register: word for word, register in REFERENCE_WORDS.items()}


def _letter_data(data: dict) -> services.LetterData:
    return services.LetterData(
        letter_format=data["letter_format"], subject=data["subject"], recipient=data["recipient"],
        salutation=data["salutation"], body=data["body"], reference_text=data["reference_text"],
        enclosures_text=data["enclosures_text"], contact_text=data["contact_text"],
        closing=data["closing"] or "ขอแสดงความนับถือ", urgency=data["urgency"], secrecy=data["secrecy"],
        department=data["department"], target_organization=data["target_organization"],
        retention_class=data["retention_class"], retention_years=data["retention_years"],
        references=data["references"],
    )


@officer_view
def compose(request: HttpRequest, organization, pk: int | None = None) -> HttpResponse:
    """A new draft, or edit one: nothing is numbered until the signer issues it."""
    document = get_document(request, organization, pk) if pk else None
    if document is not None and document.status != DocumentStatus.DRAFT:
        messages.error(request, _("An issued document cannot be changed."))
        return redirect("saraban:document", pk=document.pk)
    initial = {}
    if document is not None:
        initial = {name: getattr(document, name) for name in services.LETTER_FIELDS}
        cited = visible_documents(request.user, organization).filter(referenced_by=document)
        initial["references"] = ", ".join(f"{REFERENCE_LABEL[ref.register]} {ref.register_label}" for ref in cited)
    form = LetterForm(request.POST or None, request.FILES or None, organization=organization, user=request.user,
                      initial=initial)
    if request.method == "POST" and form.is_valid():
        data = _letter_data(form.cleaned_data)
        uploads = [form.cleaned_data["attachment"]] if form.cleaned_data["attachment"] else []
        try:
            if document is None:
                document = services.create_draft(organization=organization, user=request.user, data=data,
                                                  attachments=uploads)
            else:
                document = services.update_draft(document=document, user=request.user, data=data,
                                                  attachments=uploads)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The draft was saved. Preview it, then sign and issue."))
            return redirect("saraban:document", pk=document.pk)
    return page(request, "saraban/form.html", {
        "organization": organization, "form": form, "multipart": True,
        "title": _("Edit draft") if document else _("Compose outgoing document"),
        "submit_label": _("Save draft"),
    }, status=400 if form.errors else 200)


@officer_view
def letter_preview(request: HttpRequest, organization, pk: int) -> HttpResponse:
    """The letter as it would print now: a draft shows "(ร่าง)" where the number and date will go."""
    document = get_document(request, organization, pk, action=AuditAction.DOWNLOAD, detail="preview")
    if document.letter_file and document.status != DocumentStatus.DRAFT:
        return redirect("saraban:document_file", pk=document.pk, which="letter")
    return pdf_response(render_letter(document), f"draft-{document.pk}.pdf")


@officer_view
@require_POST
def letter_issue(request: HttpRequest, organization, pk: int) -> HttpResponse:
    document = get_document(request, organization, pk, action=AuditAction.CHANGE, detail="issue")
    if not permissions.can_sign(request.user, organization):
        raise PermissionDenied
    form = IssueForm(request.POST)
    return act_on_document(
        request, organization, document,
        lambda: services.issue(document=document, user=request.user, password=form.cleaned_data["password"],
                               request=request),
        lambda issued: _("Signed and issued as %(number)s.") % {"number": issued.reference_number},
        form=form, form_name="issue_form",
    )
