"""Retention: destruction lists approved by a committee, the record of destruction, the 20-year handover list."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.thai import BE_OFFSET

from .. import permissions, services
from ..constants import ARCHIVES_HANDOVER_YEARS, DestructionStatus
from ..forms import ApproveDestructionForm, PrepareDestructionForm, apply_errors
from ..models import DestructionList
from ..printing import first_rows, hidden_note, render_archives_list, render_destruction_list
from ..selectors import archives_handover, visible_among
from .common import officer_view, page, paginate, pdf_response


def _require(request: HttpRequest, organization) -> None:
    if not permissions.can_manage_retention(request.user, organization):
        raise PermissionDenied


@officer_view
def retention_index(request: HttpRequest, organization) -> HttpResponse:
    _require(request, organization)
    last_year = timezone.localdate().year + BE_OFFSET - 1
    form = PrepareDestructionForm(request.POST or None, initial={"year": last_year})
    if request.method == "POST" and form.is_valid():
        try:
            destruction_list = services.prepare_destruction_list(organization=organization, user=request.user,
                                                                 be_year=form.cleaned_data["year"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("saraban:destruction_list", pk=destruction_list.pk)
    lists = DestructionList.objects.for_organization(organization)
    return page(request, "saraban/retention.html", {
        "organization": organization, "title": _("Retention and destruction"), "form": form,
        "lists": lists, "handover_count": archives_handover(organization).count(),
        "handover_years": ARCHIVES_HANDOVER_YEARS,
    }, status=400 if form.errors else 200)


def _list(organization, pk: int) -> DestructionList:
    return get_object_or_404(DestructionList.objects.for_organization(organization), pk=pk)


@officer_view
def destruction_list_detail(request: HttpRequest, organization, pk: int) -> HttpResponse:
    _require(request, organization)
    destruction_list = _list(organization, pk)
    form = ApproveDestructionForm(request.POST or None)
    if request.method == "POST" and destruction_list.status == DestructionStatus.DRAFT and form.is_valid():
        try:
            services.approve_destruction_list(destruction_list=destruction_list, user=request.user,
                                              committee=form.members(), note=form.cleaned_data["note"],
                                              keep=[int(v) for v in request.POST.getlist("keep") if v.isdigit()])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The committee's approval was recorded."))
            return redirect("saraban:destruction_list", pk=pk)
    documents, hidden = visible_among(request.user, organization, destruction_list.documents.order_by("dated", "pk"))
    return page(request, "saraban/destruction_list.html", {
        "organization": organization, "title": str(destruction_list), "destruction_list": destruction_list,
        "form": form, "page_obj": paginate(request, documents, 200), "hidden_note": hidden_note(hidden),
        "committee": list(destruction_list.committee.all()),
    }, status=400 if form.errors else 200)


@officer_view
@require_POST
def destruction_list_destroy(request: HttpRequest, organization, pk: int) -> HttpResponse:
    _require(request, organization)
    try:
        services.destroy(destruction_list=_list(organization, pk), user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The files were destroyed; the register entries remain as the record."))
    return redirect("saraban:destruction_list", pk=pk)


@officer_view
def destruction_list_pdf(request: HttpRequest, organization, pk: int) -> HttpResponse:
    _require(request, organization)
    destruction_list = _list(organization, pk)
    documents, hidden = visible_among(request.user, organization, destruction_list.documents.order_by("dated", "pk"))
    return pdf_response(render_destruction_list(destruction_list, documents, hidden=hidden),
                        f"destruction-{destruction_list.year}.pdf")


@officer_view
def archives_list(request: HttpRequest, organization) -> HttpResponse:
    _require(request, organization)
    documents, hidden = visible_among(request.user, organization, archives_handover(organization))
    if request.GET.get("format") == "pdf":
        rows, cut = first_rows(documents)
        return pdf_response(render_archives_list(organization, rows, cut=cut, hidden=hidden), "archives-handover.pdf")
    return page(request, "saraban/archives.html", {
        "organization": organization, "title": _("Handover to the National Archives"),
        "hidden_note": hidden_note(hidden),
        "page_obj": paginate(request, documents), "handover_years": ARCHIVES_HANDOVER_YEARS,
    })
