"""Registers (with printable PDFs), registering incoming mail and the queue of letters from other LGOs."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from core.models import AuditAction

from .. import permissions, services
from ..constants import Register
from ..forms import DateRangeForm, IncomingForm, apply_errors
from ..printing import REGISTER_COLUMNS, first_rows, render_register
from ..selectors import REGISTER_ORDER, pending_receipt, register_entries
from .common import officer_view, page, paginate, pdf_response
from .documents import STAMP_FAILED


def _register(value: str) -> str:
    if value not in Register.values:
        raise Http404
    return value


def _entries(request: HttpRequest, organization, register: str):
    form = DateRangeForm(request.GET or None)
    dates = form.cleaned_data if form.is_valid() else {}
    entries = register_entries(request.user, organization, register, date_from=dates.get("date_from"),
                               date_to=dates.get("date_to"))
    return form, dates, entries


@officer_view
def register_list(request: HttpRequest, organization, register: str = Register.INCOMING) -> HttpResponse:
    register = _register(register)
    form, _dates, entries = _entries(request, organization, register)
    return page(request, "saraban/register_list.html", {
        "organization": organization,
        "title": Register(register).label,
        "register": register,
        "registers": [(value, Register(value).label) for value in REGISTER_ORDER],
        "form": form,
        "columns": REGISTER_COLUMNS,
        "page_obj": paginate(request, entries),
        "query": request.GET.urlencode(),
    })


@officer_view
def register_pdf(request: HttpRequest, organization, register: str) -> HttpResponse:
    register = _register(register)
    _form, dates, entries = _entries(request, organization, register)
    entries, cut = first_rows(entries.order_by("year", "number"))
    from core.audit import log_access

    log_access(actor=request.user, organization=organization, action=AuditAction.EXPORT,
               object_type="saraban.register", object_id=register, detail=request.GET.urlencode(), request=request)
    content = render_register(organization, register, entries, date_from=dates.get("date_from"),
                              date_to=dates.get("date_to"), cut=cut)
    return pdf_response(content, f"{register}-register.pdf")


@officer_view
def incoming_new(request: HttpRequest, organization) -> HttpResponse:
    """Register a letter received on paper or by e-mail: the number is given on saving."""
    if not permissions.can_register(request.user, organization):
        raise PermissionDenied
    form = IncomingForm(request.POST or None, request.FILES or None, organization=organization, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.register_incoming(
                organization=organization, user=request.user, pdf=data["pdf"],
                attachments=[data["attachment"]] if data["attachment"] else [],
                data=services.IncomingData(
                    subject=data["subject"], sender=data["sender"], recipient=data["recipient"],
                    reference_number=data["reference_number"], dated=data["dated"], kind=data["kind"],
                    urgency=data["urgency"], secrecy=data["secrecy"], action=data["action"],
                    remarks=data["remarks"], retention_class=data["retention_class"],
                    retention_years=data["retention_years"], references=data["references"],
                ),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Registered as incoming number %(number)s.")
                             % {"number": document.register_label})
            if document.original_file and not document.stamped_file:
                messages.error(request, STAMP_FAILED)
            return redirect("saraban:document", pk=document.pk)
    return page(request, "saraban/form.html", {
        "organization": organization, "title": _("Register incoming document"), "form": form,
        "multipart": True, "submit_label": _("Register and give a number"),
    }, status=400 if form.errors else 200)


@officer_view
def pending_list(request: HttpRequest, organization) -> HttpResponse:
    if not permissions.can_register(request.user, organization):
        raise PermissionDenied
    return page(request, "saraban/pending_list.html", {
        "organization": organization, "title": _("Awaiting registration (รอลงรับ)"),
        "page_obj": paginate(request, pending_receipt(request.user, organization)),
    })
