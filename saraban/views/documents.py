"""One document: its details, files, routing, endorsements, history, and the actions on it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.files import serve_private_file
from core.models import AuditAction

from .. import permissions, services
from ..constants import DocumentStatus, RoutingStatus
from ..forms import CompleteForm, EndorseForm, IssueForm, RouteForm, apply_errors
from ..models import Attachment, Routing
from .common import get_document, officer_view, page

FILE_FIELDS = {"original": "original_file", "stamped": "stamped_file", "letter": "letter_file"}


def _detail_context(request: HttpRequest, organization, document, **forms) -> dict:
    user = request.user
    routings = list(document.routings.select_related("to_department", "to_user", "acknowledged_by", "sent_by"))
    for routing in routings:
        routing.mine = routing.status != RoutingStatus.DONE and services.is_recipient(routing, user)
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
        "references": list(document.references.all()),
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


@officer_view
@require_POST
def document_route(request: HttpRequest, organization, pk: int) -> HttpResponse:
    document = get_document(request, organization, pk, action=AuditAction.CHANGE, detail="route")
    form = RouteForm(request.POST, organization=organization)
    if form.is_valid():
        try:
            services.route(document=document, user=request.user, departments=form.cleaned_data["departments"],
                           officers=form.cleaned_data["officers"], instruction=form.cleaned_data["instruction"],
                           instruction_text=form.cleaned_data["instruction_text"],
                           due_date=form.cleaned_data["due_date"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The document was routed."))
            return redirect("saraban:document", pk=document.pk)
    context = _detail_context(request, organization, document, route_form=form)
    return page(request, "saraban/document_detail.html", context, status=400)


@officer_view
@require_POST
def document_endorse(request: HttpRequest, organization, pk: int) -> HttpResponse:
    document = get_document(request, organization, pk, action=AuditAction.CHANGE, detail="endorse")
    form = EndorseForm(request.POST)
    routing = document.routings.filter(pk=request.POST.get("routing") or None).first()
    if form.is_valid():
        try:
            services.endorse(document=document, user=request.user, kind=form.cleaned_data["kind"],
                             text=form.cleaned_data["text"], routing=routing)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The endorsement was added."))
            return redirect("saraban:document", pk=document.pk)
    context = _detail_context(request, organization, document, endorse_form=form)
    return page(request, "saraban/document_detail.html", context, status=400)


def _my_routing(request: HttpRequest, organization, routing_pk: int) -> Routing:
    routing = get_object_or_404(Routing.objects.select_related("document"), pk=routing_pk,
                                document__organization=organization)
    get_document(request, organization, routing.document_id, action=AuditAction.CHANGE, detail="acknowledge")
    return routing


@officer_view
@require_POST
def routing_acknowledge(request: HttpRequest, organization, routing_pk: int) -> HttpResponse:
    routing = _my_routing(request, organization, routing_pk)
    services.acknowledge(routing=routing, user=request.user)
    messages.success(request, _("Marked as read."))
    return redirect("saraban:document", pk=routing.document_id)


@officer_view
@require_POST
def routing_complete(request: HttpRequest, organization, routing_pk: int) -> HttpResponse:
    routing = _my_routing(request, organization, routing_pk)
    form = CompleteForm(request.POST)
    form.is_valid()
    services.complete_routing(routing=routing, user=request.user, action=form.cleaned_data.get("action", ""))
    messages.success(request, _("Marked as done."))
    return redirect("saraban:document", pk=routing.document_id)


@officer_view
@require_POST
def document_file_away(request: HttpRequest, organization, pk: int) -> HttpResponse:
    document = get_document(request, organization, pk, action=AuditAction.CHANGE, detail="file")
    try:
        services.change_status(document=document, user=request.user, to_status=DocumentStatus.FILED)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The document was filed."))
    return redirect("saraban:document", pk=document.pk)


@officer_view
@require_POST
def document_receive(request: HttpRequest, organization, pk: int) -> HttpResponse:
    """Register a letter from another LGO on this platform (รอลงรับ → ลงรับ)."""
    document = get_document(request, organization, pk, action=AuditAction.CHANGE, detail="receive")
    try:
        document = services.receive_pending(document=document, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Registered as number %(number)s.") % {"number": document.register_label})
    return redirect("saraban:document", pk=document.pk)


@officer_view
def document_file(request: HttpRequest, organization, pk: int, which: str) -> HttpResponse:
    """Stream one of the document's PDFs (permission-checked; secret ones audit-logged)."""
    if which not in FILE_FIELDS:
        raise Http404
    document = get_document(request, organization, pk, action=AuditAction.DOWNLOAD, detail=which)
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
