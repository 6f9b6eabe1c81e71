"""The standard-service library in the admin: an LGO administrator ticks services, maps each to a department and
publishes them in one step; newer template versions are offered as drafts, never applied by themselves."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from core.adminui import AdminScreen
from organizations import tenancy
from organizations.constants import Role
from organizations.models import Organization

from ..library import services as library_services
from ..models import ServicePage


def administered_organization(request: HttpRequest) -> Organization:
    """The LGO the signed-in user works in, when they administer it (403 otherwise)."""
    organization = tenancy.active_organization(request)
    if not tenancy.has_role(request.user, organization, Role.LGO_ADMIN):
        raise PermissionDenied
    return organization


def may_use_library(request: HttpRequest) -> bool:
    try:
        administered_organization(request)
    except PermissionDenied:
        return False
    return True


class LibraryForm(forms.Form):
    """One tick box and one department per template not yet published (the department preselected)."""

    def __init__(self, *args: Any, rows: list[dict[str, Any]], organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        departments = organization.departments.all()
        for row in rows:
            if row["page"] is not None:
                continue
            key = row["template"].key
            self.fields[f"add-{key}"] = forms.BooleanField(label=row["template"].title, required=False)
            self.fields[f"department-{key}"] = forms.ModelChoiceField(
                label=_("Department"), queryset=departments, required=False,
                initial=row["department"].pk if row["department"] else None)
            row["add_field"] = self[f"add-{key}"]
            row["department_field"] = self[f"department-{key}"]

    def chosen(self) -> list[tuple[str, Any]]:
        chosen = []
        for name, value in self.cleaned_data.items():
            if name.startswith("add-") and value:
                key = name.removeprefix("add-")
                department = self.cleaned_data.get(f"department-{key}")
                if department is None:
                    self.add_error(f"department-{key}", _("Choose the department that handles this service."))
                chosen.append((key, department))
        if not chosen:
            self.add_error(None, _("Tick at least one service to publish."))
        return chosen


class LibraryView(AdminScreen, TemplateView):
    template_name = "eservices/admin/library.html"
    page_title = gettext_lazy("Standard services")
    header_icon = "list-ul"

    def dispatch(self, request, *args, **kwargs):
        self.organization = administered_organization(request)
        self.rows = library_services.templates_with_state(self.organization)
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.organization.name_th

    def get(self, request, *args, **kwargs):
        self.form = LibraryForm(rows=self.rows, organization=self.organization)
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        self.form = LibraryForm(request.POST, rows=self.rows, organization=self.organization)
        if self.form.is_valid():
            chosen = self.form.chosen()
            if self.form.is_valid():
                try:
                    created = library_services.add_from_library(organization=self.organization, choices=chosen,
                                                                user=request.user)
                except ValidationError as exc:
                    self.form.add_error(None, exc)
                else:
                    messages.success(request, _("%(count)s services published on the website.")
                                     % {"count": len(created)})
                    return HttpResponseRedirect(reverse("eservices_admin:library"))
        return self.render_to_response(self.get_context_data(), status=200)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(form=self.form, rows=self.rows, organization=self.organization,
                       published=sum(1 for row in self.rows if row["page"] is not None))
        return context


class LibraryUpdateView(View):
    """Write the newer template into a draft of the service and open it in the page editor for review."""

    def post(self, request: HttpRequest, page_id: int) -> HttpResponse:
        organization = administered_organization(request)
        page = get_object_or_404(ServicePage, pk=page_id, path__startswith=organization.site.root_page.path)
        try:
            library_services.prepare_update(page=page, user=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(reverse("eservices_admin:library"))
        messages.success(request, _("The new version is saved as a draft: check it, then publish."))
        return HttpResponseRedirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
