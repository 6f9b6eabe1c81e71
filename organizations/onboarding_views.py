"""Onboarding on the web: a deployment administrator adds an LGO (the same service function as `create_lgo`), its
first administrator replaces the temporary password, and marks the first-run checklist steps that data cannot show."""

from __future__ import annotations

import secrets

from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View

from core.adminui import AdminScreen

from . import services, tenancy
from .constants import ChecklistStep, Module, OrganizationKind, Role
from .middleware import SESSION_FLAG
from .models import Organization


class AddOrganizationForm(forms.Form):
    """What the deployment administrator types to put a new LGO online; the rest is filled in by the LGO itself."""

    name_th = forms.CharField(label=gettext_lazy("Name in Thai"), max_length=200,
                              help_text=gettext_lazy("The official name, e.g. องค์การบริหารส่วนตำบลหนองแคเหนือ."))
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=OrganizationKind.choices)
    code = forms.CharField(label=gettext_lazy("Short code"), max_length=10,
                           help_text=gettext_lazy("2–10 capital English letters or digits, used in reference "
                                                  "numbers, e.g. NKS."))
    dla_code = forms.CharField(label=gettext_lazy("DLA code"), max_length=7,
                               help_text=gettext_lazy("The 7-digit code of the Department of Local Administration."))
    province = forms.CharField(label=gettext_lazy("Province"), max_length=100)
    district = forms.CharField(label=gettext_lazy("District"), max_length=100)
    hostname = forms.CharField(label=gettext_lazy("Website address (host name)"), max_length=253,
                               help_text=gettext_lazy("e.g. www.nongkhaenuea.go.th. It is served as soon as its DNS "
                                                      "record points to this server."))
    name_en = forms.CharField(label=gettext_lazy("Name in English"), max_length=200, required=False)
    admin_first_name = forms.CharField(label=gettext_lazy("Administrator's first name"), max_length=150)
    admin_last_name = forms.CharField(label=gettext_lazy("Administrator's last name"), max_length=150)
    admin_username = forms.CharField(label=gettext_lazy("Administrator's username"), max_length=150)
    admin_email = forms.EmailField(label=gettext_lazy("Administrator's e-mail"), required=False)
    default_services = forms.BooleanField(
        label=gettext_lazy("Publish the standard e-services most LGOs offer (10 services; more can be added "
                           "later)"), required=False, initial=True)

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper()

    def clean_hostname(self) -> str:
        return self.cleaned_data["hostname"].strip().lower()

    def new_organization(self) -> services.NewOrganization:
        data = self.cleaned_data
        return services.NewOrganization(
            code=data["code"], kind=data["kind"], name_th=data["name_th"].strip(), name_en=data["name_en"].strip(),
            dla_code=data["dla_code"].strip(), province=data["province"].strip(),
            district=data["district"].strip(), hostname=data["hostname"],
        )


def _require_deployment_admin(request: HttpRequest) -> None:
    """Superusers, or a province administrator (issue 11 item 3), may add LGOs."""
    if not tenancy.may_add_organizations(request.user):
        raise PermissionDenied


#: Fields the province view may fill in from the LGO registry (?dla_code=…&name_th=…): less to type, no typos.
PREFILLED_FIELDS = ("name_th", "kind", "dla_code", "province", "district")


class AddOrganizationView(AdminScreen, FormView):
    """Admin → อปท. ของฉัน → เพิ่ม อปท.: one form, one transaction; the temporary password is shown once."""

    form_class = AddOrganizationForm
    template_name = "organizations/add_organization.html"
    page_title = gettext_lazy("Add an LGO")
    header_icon = "site"

    def dispatch(self, request, *args, **kwargs):
        _require_deployment_admin(request)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self) -> dict:
        initial = {key: self.request.GET[key] for key in PREFILLED_FIELDS if self.request.GET.get(key)}
        province = tenancy.administered_province(self.request.user)
        if province and not self.request.user.is_superuser:
            initial["province"] = province
        return initial

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        province = tenancy.administered_province(self.request.user)
        if province and not self.request.user.is_superuser:
            # A province administrator adds LGOs of their own province only: the field is shown, not editable.
            form.fields["province"].disabled = True
            form.fields["province"].help_text = _("You add LGOs of the province you administer.")
        return form

    def form_valid(self, form: AddOrganizationForm) -> HttpResponse:
        data = form.cleaned_data
        password = secrets.token_urlsafe(12)
        try:
            organization = services.onboard_organization(
                form.new_organization(), admin_username=data["admin_username"].strip(),
                admin_email=data["admin_email"], admin_password=password,
                admin_first_name=data["admin_first_name"].strip(), admin_last_name=data["admin_last_name"].strip(),
                default_services=data["default_services"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                field = {"username": "admin_username", "port": "hostname"}.get(field, field)
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        site = organization.site
        # Where this deployment answers: the site's port, or this request's when it is served on another one.
        port = str(site.port) if site.port not in (80, 443) else self.request.get_port()
        port = "" if port in ("80", "443") else f":{port}"
        context = self.get_context_data(form=form, organization=organization, password=password,
                                        username=data["admin_username"].strip(),
                                        site_url=f"{self.request.scheme}://{site.hostname}{port}/",
                                        admin_url=f"{self.request.scheme}://{site.hostname}{port}/admin/")
        return self.response_class(self.request, "organizations/organization_added.html", context)


class ChangePasswordForm(PasswordChangeForm):
    def clean(self):
        cleaned = super().clean()
        old, new = cleaned.get("old_password"), cleaned.get("new_password1")
        if old and new and old == new:
            self.add_error("new_password1", _("Choose a password different from the temporary one."))
        return cleaned


class ChangePasswordView(AdminScreen, FormView):
    """The first screen of an account with a temporary password (and reachable any time from the checklist)."""

    template_name = "organizations/change_password.html"
    page_title = gettext_lazy("Set your own password")
    header_icon = "key"

    def get_form(self, form_class=None):
        return ChangePasswordForm(self.request.user, self.request.POST or None)

    def form_valid(self, form) -> HttpResponse:
        user = form.save()
        services.clear_password_change(user=user)
        update_session_auth_hash(self.request, user)
        self.request.session.pop(SESSION_FLAG, None)
        messages.success(self.request, _("Your password has been changed."))
        return HttpResponseRedirect(reverse("wagtailadmin_home"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["forced"] = bool(self.request.session.get(SESSION_FLAG))
        return context


class ModulesForm(forms.Form):
    modules = forms.MultipleChoiceField(
        label=gettext_lazy("Systems this LGO uses"), choices=Module.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Online services and tracking are always on. A system switched off disappears from "
                               "the public menu and the admin menu; its data is kept, and it can be switched on "
                               "again at any time."),
    )


class ModulesView(AdminScreen, FormView):
    """The checklist step "systems on or off": the LGO administrator ticks the systems the LGO uses."""

    form_class = ModulesForm
    template_name = "organizations/modules.html"
    page_title = gettext_lazy("Systems on or off")
    header_icon = "cogs"

    def dispatch(self, request, *args, **kwargs):
        self.organization = tenancy.active_organization(request)
        if not (request.user.is_superuser or tenancy.has_role(request.user, self.organization, Role.LGO_ADMIN)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.organization.name_th

    def get_initial(self) -> dict:
        return {"modules": [module for module in Module.values if self.organization.uses(module)]}

    def form_valid(self, form: ModulesForm) -> HttpResponse:
        services.set_modules(organization=self.organization, enabled=form.cleaned_data["modules"],
                             user=self.request.user)
        messages.success(self.request, _("The systems of %(name)s were saved.") % {"name": self.organization.name_th})
        return HttpResponseRedirect(reverse("wagtailadmin_home") + "#first-run-checklist")


class MarkStepView(View):
    """Record that the LGO administrator finished one checklist step that the data cannot show."""

    def post(self, request: HttpRequest, step: str) -> HttpResponse:
        if step not in ChecklistStep.values:
            raise PermissionDenied
        organization = tenancy.active_organization(request)
        if not tenancy.has_role(request.user, organization, Role.LGO_ADMIN):
            raise PermissionDenied
        services.mark_checklist_step(organization=organization, step=step, user=request.user)
        return HttpResponseRedirect(reverse("wagtailadmin_home") + "#first-run-checklist")


def organization_for_checklist(request: HttpRequest) -> Organization | None:
    """The LGO whose checklist the dashboard shows: the user's working LGO when they administer it."""
    try:
        organization = tenancy.active_organization(request)
    except PermissionDenied:
        return None
    if request.user.is_superuser or not tenancy.has_role(request.user, organization, Role.LGO_ADMIN):
        return None
    return organization
