"""The building permit's officer panel on the case page: licence check, clock, extension, plan-correction order,
corrected plans, site inspection, approval with terms, refusal; and the LGO's fee rates screen.

Views stay thin: the case page's own view (`CaseView`) checks access and renders; writes go through `services`.
A form that fails is shown again, with what was typed and the error, on the case page (status 400).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.dates import BEDateField, BEDateTextInput
from organizations.constants import Role
from organizations.tenancy import has_role

from ...admin.views import CaseView
from ...constants import CLOCK_RUNNING_STATUSES, SubmissionStatus
from ...forms.fields import UploadField
from ...models import BuildingFeeRates
from ...models.building import FEE_CEILINGS
from . import fees, services
from .constants import DEFAULT_VALIDITY_DAYS, KEY, MAX_EXTENSIONS, Route
from .licensing import licence_problems, required_level

PHOTO_TYPES = ("image/jpeg", "image/png", "application/pdf")


def _required(message):
    return {"required": message}


class ReasonsForm(forms.Form):
    reasons = forms.CharField(label=gettext_lazy("Reasons"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                              error_messages=_required(gettext_lazy("Give the reasons: the applicant will see them.")))


class CorrectionForm(forms.Form):
    items = forms.CharField(label=gettext_lazy("What must be corrected"), max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 4}),
                            error_messages=_required(gettext_lazy("List what must be corrected.")))


class CorrectedPlansForm(forms.Form):
    received_on = BEDateField(label=gettext_lazy("Corrected plans received on"), widget=BEDateTextInput(),
                              error_messages=_required(gettext_lazy("Enter the date the plans arrived.")))
    files = UploadField(allowed_types=("application/pdf",), max_bytes=50 * 1024 * 1024, max_count=10,
                        required=False, label=gettext_lazy("Corrected plans (PDF, up to 50 MB each, optional)"))


class ScheduleInspectionForm(forms.Form):
    on = BEDateField(label=gettext_lazy("Inspection date"), widget=BEDateTextInput(),
                     error_messages=_required(gettext_lazy("Enter the inspection date.")))
    inspector = forms.CharField(label=gettext_lazy("Inspector"), max_length=200,
                                error_messages=_required(gettext_lazy("Name the inspector.")))


class InspectionForm(ScheduleInspectionForm):
    findings = forms.CharField(label=gettext_lazy("Findings"), max_length=5000,
                               widget=forms.Textarea(attrs={"rows": 3}),
                               error_messages=_required(gettext_lazy("Write what was found.")))
    photos = UploadField(allowed_types=PHOTO_TYPES, max_bytes=10 * 1024 * 1024, max_count=10, required=False,
                         label=gettext_lazy("Photos (JPG, PNG or PDF, up to 10 MB each, optional)"))


class ApproveForm(forms.Form):
    conditions = forms.CharField(label=gettext_lazy("Conditions of the permit (optional)"), required=False,
                                 max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    validity_days = forms.IntegerField(label=gettext_lazy("Valid for (days)"), min_value=1, max_value=3650,
                                       initial=DEFAULT_VALIDITY_DAYS)


class WorkStartedForm(forms.Form):
    on = BEDateField(label=gettext_lazy("Work started on"), widget=BEDateTextInput(),
                     error_messages=_required(gettext_lazy("Enter the date work started.")))


FORMS: dict[str, type[forms.Form]] = {
    "extend": ReasonsForm, "correction": CorrectionForm, "corrected": CorrectedPlansForm,
    "schedule": ScheduleInspectionForm, "inspection": InspectionForm, "approve": ApproveForm,
    "refuse": ReasonsForm, "refuse_unlicensed": ReasonsForm, "work_started": WorkStartedForm,
}


def _call(what: str, case, user, data: dict[str, Any]) -> str:
    """Run the service for `what`; returns the success message."""
    if what == "extend":
        services.extend(submission=case, reasons=data["reasons"], actor=user)
        return _("The time limit was extended and the applicant told.")
    if what == "correction":
        services.order_correction(submission=case, items=data["items"], actor=user)
        return _("The order to correct the plans was sent. The decision waits for the corrected plans.")
    if what == "corrected":
        services.record_corrected_plans(submission=case, actor=user, received_on=data["received_on"],
                                        files=data.get("files") or [])
        return _("Corrected plans recorded: the decision is due within 30 days.")
    if what == "schedule":
        services.schedule_inspection(submission=case, on=data["on"], inspector=data["inspector"], actor=user)
        return _("Site inspection scheduled.")
    if what == "inspection":
        services.record_inspection(submission=case, on=data["on"], inspector=data["inspector"],
                                   findings=data["findings"], photos=data.get("photos") or [], actor=user)
        return _("Site inspection recorded.")
    if what == "approve":
        services.approve(submission=case, actor=user, conditions=data["conditions"],
                         validity_days=data["validity_days"])
        return _("Approved.")
    if what in ("refuse", "refuse_unlicensed"):
        services.refuse(submission=case, reasons=data["reasons"], actor=user, unlicensed=what == "refuse_unlicensed")
        return _("Refused; the applicant was told the reasons and the appeal route.")
    services.record_work_started(submission=case, on=data["on"], actor=user)
    return _("Start of work recorded.")


class BuildingActionView(CaseView):
    """POST one building-permit step on a case (`what` in the URL); GET shows the case page."""

    def post(self, request, *args, **kwargs):
        what = kwargs["what"]
        if what not in FORMS:
            raise PermissionDenied
        form = FORMS[what](request.POST, request.FILES, auto_id=f"bp-{what}-%s")
        request.building_forms = {what: form}
        if form.is_valid():
            try:
                message = _call(what, self.case, request.user, form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            except PermissionDenied as exc:
                messages.error(request, str(exc) or _("You may not take this action on this request."))
                return HttpResponseRedirect(reverse("eservices_admin:case", args=[self.case.pk]))
            else:
                messages.success(request, message)
                return HttpResponseRedirect(reverse("eservices_admin:case", args=[self.case.pk]))
        self._log_view()
        return self.render_to_response(self.get_context_data(), status=400)


def panel(*, case, request) -> dict[str, Any] | None:
    """What the building panel shows for this case and user (None when nothing applies)."""
    from ...selectors import can_handle

    if not can_handle(request.user, case):
        return None
    bound = getattr(request, "building_forms", {})
    today = timezone.localdate()
    route = services.route_of(case)
    running = case.status in CLOCK_RUNNING_STATUSES and case.due_date is not None
    in_review = case.status == SubmissionStatus.IN_REVIEW
    correction_open = in_review and services.correction_open(case)
    used = services.extensions_used(case)
    shown = []

    def offer(what: str, title: str, **extra: Any) -> None:
        form = bound.get(what) or FORMS[what](initial=extra.pop("initial", None), auto_id=f"bp-{what}-%s")
        shown.append({"what": what, "title": title, "form": form,
                      "url": reverse(f"eservices_admin:{KEY}_action", args=[case.pk, what]), **extra})

    problems = licence_problems(case.answers, on=timezone.localdate(case.submitted_at))
    if case.status == SubmissionStatus.SUBMITTED:
        offer("refuse_unlicensed", _("Refuse without consideration (s.26)"), danger=True,
              initial={"reasons": "\n".join(problems)})
    if running and route == Route.PERMIT and used < MAX_EXTENSIONS and today <= case.due_date:
        offer("extend", _("Extend the time limit by 45 days (%(n)d of %(max)d)") % {"n": used + 1,
                                                                                   "max": MAX_EXTENSIONS})
    if in_review and route == Route.PERMIT and not case.answers.get("followup"):
        if correction_open:
            offer("corrected", _("Corrected plans received"))
        else:
            offer("correction", _("Order the plans corrected (s.27)"))
        offer("schedule", _("Schedule a site inspection"))
        offer("inspection", _("Record a site inspection"))
    if in_review and not correction_open:
        title = _("Issue the receipt of notification") if route == Route.NOTIFICATION else _("Approve the permit")
        offer("approve", title, initial={"validity_days": DEFAULT_VALIDITY_DAYS})
        offer("refuse", _("Refuse"), danger=True)
    if case.status == SubmissionStatus.APPROVED and route == Route.NOTIFICATION:
        offer("work_started", _("Record the start of work"))
    level = required_level(case.answers)
    rates = fees.rates_for(case.organization)
    return {
        "template": "eservices/admin/building_panel.html", "forms": shown, "route": route,
        "licence_problems": problems, "required_level": level, "extensions_used": used,
        "max_extensions": MAX_EXTENSIONS, "correction_open": correction_open,
        "plan_fee": fees.plan_check_fee(case.answers, rates), "permit_fee": fees.permit_fee(case.answers, rates),
        "rates_url": reverse(f"eservices_admin:{KEY}_rates")
        if has_role(request.user, case.organization, Role.LGO_ADMIN) else "",
    }


# --- The LGO's fee rates ----------------------------------------------------------------------------------------


class RatesForm(forms.ModelForm):
    class Meta:
        model = BuildingFeeRates
        fields = list(FEE_CEILINGS)


class RatesView(WagtailAdminTemplateMixin, FormView):
    """The LGO administrator sets the building-control fees it charges, each at most the ministerial ceiling."""

    template_name = "eservices/admin/building_rates.html"
    form_class = RatesForm
    page_title = gettext_lazy("Building-control fees")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        from ...admin.library import administered_organization

        self.organization = administered_organization(request)  # 403 unless the LGO's administrator
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = fees.rates_for(self.organization)
        return kwargs

    def form_valid(self, form) -> HttpResponse:
        services.save_rates(rates=form.instance, actor=self.request.user)
        messages.success(self.request, _("Fee rates saved."))
        return HttpResponseRedirect(self.request.path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ceilings"] = [(name, label, ceiling) for name, (ceiling, label) in FEE_CEILINGS.items()]
        return context


urlpatterns = [
    path("cases/<int:pk>/<str:what>/", BuildingActionView.as_view(), name=f"{KEY}_action"),
    path("fees/", RatesView.as_view(), name=f"{KEY}_rates"),
]
