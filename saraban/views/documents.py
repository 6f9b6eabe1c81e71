"""One document: its details, files, routing, endorsements, history, and the actions on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.files import serve_private_file
from core.models import AuditAction

from .. import permissions, services
from ..constants import DocumentStatus, RoutingStatus
from ..forms import CompleteForm, EndorseForm, IssueForm, RouteForm, apply_errors
from ..models import Attachment, Routing
from ..selectors import visible_documents
from .common import get_document, officer_view, page

STAMP_FAILED = gettext_lazy("The receipt stamp could not be put on this PDF (it may be damaged); the letter is "
                            "registered and its original kept. Open the original, or scan it again and attach it.")
FILE_FIELDS = {"original": "original_file", "stamped": "stamped_file", "letter": "letter_file"}


def _detail_context(request: HttpRequest, organization, document, **forms) -> dict:
    user = request.user
    routings = list(document.routings.select_related("to_department", "to_user", "acknowledged_by", "sent_by"))
    for routing in routings:
        routing.mine = routing.status != RoutingStatus.DONE and services.is_recipient(routing, user, organization)
    can_route = permissions.can_route(user, organization) and document.status not in (
        DocumentStatus.DRAFT, DocumentStatus.PENDING_RECEIPT, DocumentStatus.DESTROYED)
    return {
        "organization": organization,
        "document": document,
        "title": document.subject,
        "routings": routings,
        "endorsements": list(document.endorsements.all()),
        "events": list(document.events.select_related("actor")),
        "attachments": list(document.attachments.all()),
        "deliveries": list(document.deliveries.select_related("organization")),
        "references": list(visible_documents(user, organization).filter(referenced_by=document)),
        "can_route": can_route,
        "can_endorse": permissions.can_endorse(user, organization) and document.status != DocumentStatus.DESTROYED,
        "can_sign": permissions.can_sign(user, organization),
        "can_receive": document.status == DocumentStatus.PENDING_RECEIPT
        and permissions.can_register(user, organization),
        "can_file": document.status in (DocumentStatus.RECEIVED, DocumentStatus.ISSUED, DocumentStatus.ROUTED,
                                        DocumentStatus.DONE)
        and (permissions.can_route(user, organization) or document.created_by_id == user.pk),
        "route_form": forms.get("route_form") or RouteForm(organization=organization),
        "endorse_form": forms.get("endorse_form") or EndorseForm(),
        "issue_form": forms.get("issue_form") or IssueForm(),
        "complete_form": CompleteForm(),
    }


@officer_view
def document_detail(request: HttpRequest, organization, pk: int) -> HttpResponse:
    document = get_document(request, organization, pk)
    return page(request, "saraban/document_detail.html", _detail_context(request, organization, document))


def act_on_document(request: HttpRequest, organization, document, action: Callable[[], Any],
                    success: str | Callable[[Any], str], *, form: Form | None = None,
                    form_name: str = "") -> HttpResponse:
    """Run one of the document page's steps and answer the way they all do.

    Done: flash `success` (a text, or a function of what `action` returned) and go back to the document. A
    ValidationError lands on `form`, and the page is drawn again with it (status 400, keeping what was typed), or,
    for a plain button without a form, becomes an error message on the document. An invalid form is drawn again
    without running the step; `form_name` is its name in the page context ("route_form", "issue_form", ...).
    """
    if form is None or form.is_valid():
        try:
            result = action()
        except ValidationError as error:
            if form is None:
                messages.error(request, " ".join(error.messages))
                return redirect("saraban:document", pk=document.pk)
            apply_errors(form, error)
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect("saraban:document", pk=document.pk)
    context = _detail_context(request, organization, document, **{form_name: form})
    return page(request, "saraban/document_detail.html", context, status=400)


@officer_view
@require_POST
def document_route(request: HttpRequest, organization, pk: int) -> HttpResponse:
    document = get_document(request, organization, pk, action=AuditAction.CHANGE, detail="route")
    form = RouteForm(request.POST, organization=organization)
    return act_on_document(
        request, organization, document,
        lambda: services.route(document=document, user=request.user, departments=form.cleaned_data["departments"],
                               officers=form.cleaned_data["officers"], instruction=form.cleaned_data["instruction"],
                               instruction_text=form.cleaned_data["instruction_text"],
                               due_date=form.cleaned_data["due_date"]),
        _("The document was routed."), form=form, form_name="route_form",
    )


@officer_view
@require_POST
def document_endorse(request: HttpRequest, organization, pk: int) -> HttpResponse:
    document = get_document(request, organization, pk, action=AuditAction.CHANGE, detail="endorse")
    form = EndorseForm(request.POST)
    return act_on_document(
        request, organization, document,
        lambda: services.endorse(document=document, user=request.user, kind=form.cleaned_data["kind"],
                                 text=form.cleaned_data["text"]),
        _("The endorsement was added."), form=form, form_name="endorse_form",
    )


def _my_routing(request: HttpRequest, organization, routing_pk: int, *, action: str) -> Routing:
    """The routing, when its document is one the officer may see (the step, `action`, goes into the audit log)."""
    routing = get_object_or_404(Routing.objects.select_related("document__organization"), pk=routing_pk,
                                document__organization=organization)
    get_document(request, organization, routing.document_id, action=AuditAction.CHANGE, detail=action)
    return routing


@officer_view
@require_POST
def routing_acknowledge(request: HttpRequest, organization, routing_pk: int) -> HttpResponse:
    routing = _my_routing(request, organization, routing_pk, action="acknowledge")
    services.acknowledge(routing=routing, user=request.user)
    messages.success(request, _("Marked as read."))
    return redirect("saraban:document", pk=routing.document_id)


@officer_view
@require_POST
def routing_complete(request: HttpRequest, organization, routing_pk: int) -> HttpResponse:
    routing = _my_routing(request, organization, routing_pk, action="complete")
    form = CompleteForm(request.POST)
    if not form.is_valid():  # too long: say so rather than complete it without the note
        messages.error(request, " ".join(message for errors in form.errors.values() for message in errors))
        return redirect("saraban:document", pk=routing.document_id)
    services.complete_routing(routing=routing, user=request.user, action=form.cleaned_data["action"])
    messages.success(request, _("Marked as done."))
    return redirect("saraban:document", pk=routing.document_id)


@officer_view
@require_POST
def document_file_away(request: HttpRequest, organization, pk: int) -> HttpResponse:
    document = get_document(request, organization, pk, action=AuditAction.CHANGE, detail="file")
    return act_on_document(
        request, organization, document,
        lambda: services.change_status(document=document, user=request.user, to_status=DocumentStatus.FILED),
        _("The document was filed."),
    )


@officer_view
@require_POST
def document_receive(request: HttpRequest, organization, pk: int) -> HttpResponse:
    """Register a letter from another LGO on this platform (รอลงรับ → ลงรับ)."""
    document = get_document(request, organization, pk, action=AuditAction.CHANGE, detail="receive")
    return act_on_document(
        request, organization, document,
        lambda: services.receive_pending(document=document, user=request.user),
        lambda received: _("Registered as number %(number)s.") % {"number": received.register_label},
    )


@officer_view
def document_file(request: HttpRequest, organization, pk: int, which: str) -> HttpResponse:
    """Stream one of the document's PDFs (permission-checked; secret ones audit-logged)."""
    if which not in FILE_FIELDS:
        raise Http404
    document = get_document(request, organization, pk, action=AuditAction.DOWNLOAD, detail=which)
    # Made after the number was committed; if that failed (or is still under way elsewhere), make it now.
    if which == "stamped" and not document.stamped_file:
        document = services.stamp_received(document=document)
        if not document.stamped_file and document.original_file:
            messages.error(request, STAMP_FAILED)
            return redirect("saraban:document", pk=document.pk)
    elif which == "letter" and not document.letter_file and document.signed_at:
        document = services.render_issued(document=document)
    stored = getattr(document, FILE_FIELDS[which])
    if not stored:
        raise Http404
    name = f"{document.register}-{document.year or 'draft'}-{document.number or document.pk}-{which}.pdf"
    return serve_private_file(stored.name, download_name=name, mime_type="application/pdf", inline=True)


@officer_view
def attachment_file(request: HttpRequest, organization, pk: int) -> HttpResponse:
    attachment = get_object_or_404(Attachment, pk=pk, document__organization=organization)
    get_document(request, organization, attachment.document_id, action=AuditAction.DOWNLOAD,
                 detail=f"attachment {attachment.pk}")
    return serve_private_file(attachment.file.name, download_name=attachment.name, mime_type=attachment.mime_type)
