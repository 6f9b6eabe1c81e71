"""Shared view helpers: the active LGO, the document an officer may see, audit of secret documents."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from core.audit import log_access
from core.models import AuditAction
from organizations.tenancy import active_organization

from .. import permissions
from ..constants import Secrecy
from ..models import Document
from ..selectors import visible_documents

PAGE_SIZE = 50


def officer_view(view):
    """Require an officer of the active LGO; pass the LGO to the view as `organization`."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        organization = active_organization(request)
        if not permissions.can_use(request.user, organization):
            raise PermissionDenied
        return view(request, organization, *args, **kwargs)

    return wrapper


def get_document(request: HttpRequest, organization, pk: int, *, action: str = AuditAction.VIEW,
                 detail: str = "") -> Document:
    """The document if the officer may see it (else 404, as if it did not exist); secret access is audit-logged."""
    document = (
        visible_documents(request.user, organization)
        .select_related("organization", "department", "source_document__organization", "target_organization")
        .filter(pk=pk)
        .first()
    )
    if document is None:
        hidden = Document.objects.for_organization(organization).filter(pk=pk).exclude(secrecy=Secrecy.NORMAL)
        if hidden.exists():
            log_access(actor=request.user, organization=organization, action=AuditAction.DENIED,
                       object_type="saraban.document", object_id=str(pk), detail=detail, request=request)
        raise Http404
    if document.is_secret:
        # The register number, never the subject: the audit log is read by LGO administrators, whom the rule may
        # keep out of this document.
        log_access(actor=request.user, organization=organization, action=action, object_type="saraban.document",
                   object_id=str(document.pk), detail=f"{document.register_label} {detail}".strip(),
                   request=request)
    return document


def paginate(request: HttpRequest, queryset, size: int = PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("p"))


def page(request: HttpRequest, template: str, context: dict, *, status: int = 200) -> HttpResponse:
    organization = context.get("organization")
    if organization is not None:
        context.setdefault("can_register", permissions.can_register(request.user, organization))
    return render(request, template, context, status=status)


def pdf_response(content: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename=\"{filename}\""
    response["Cache-Control"] = "private, no-store"
    return response
