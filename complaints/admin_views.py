"""Officer screens in the Wagtail admin: the complaints inbox (overdue flags per topic target) and one report with
its actions (accept, forward, work started, fixed with photo after, not our authority, merge).

Scoping is the e-service inbox's (`eservices.admin.access`: LGO and department rules); changes go through
`complaints.services`; opening a report shows the reporter's contact and is written to the audit log.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.audit import log_access
from core.files import serve_private_file
from core.models import AuditAction
from eservices.admin import access
from organizations.models import Department

from . import services
from .constants import OPEN_STATUSES, ReportStatus
from .forms import MultipleFileInput, PhotosField
from .models import Category, Report, ReportPhoto
from .selectors import photos_by_kind

LIST_LIMIT = 200


def officer_reports(request: HttpRequest):
    """Reports whose case the officer may see (LGO and department rules of the e-service inbox)."""
    return Report.objects.for_organization(access.officer_scope(request).organization).filter(
        submission__in=access.cases(request))


class FilterForm(forms.Form):
    state = forms.ChoiceField(label=gettext_lazy("Status"), required=False, choices=[
        ("open", gettext_lazy("Open")), ("overdue", gettext_lazy("Overdue")), ("closed", gettext_lazy("Closed")),
        ("all", gettext_lazy("All"))])
    category = forms.ModelChoiceField(label=gettext_lazy("Topic"), required=False, queryset=Category.objects.none(),
                                      to_field_name="code", empty_label=gettext_lazy("All topics"))

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.for_organization(organization)


class InboxView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "complaints/admin/inbox.html"
    page_title = gettext_lazy("Complaints and repair requests")
    header_icon = "warning"

    def get_context_data(self, **kwargs):
        from django.db.models import Q

        context = super().get_context_data(**kwargs)
        scope = access.officer_scope(self.request)
        form = FilterForm(self.request.GET or None, organization=scope.organization)
        reports = officer_reports(self.request).select_related("category", "department", "submission")
        state = "open"
        if form.is_valid():
            state = form.cleaned_data["state"] or "open"
            if form.cleaned_data["category"]:
                reports = reports.filter(category=form.cleaned_data["category"])
        today = timezone.localdate()
        if state == "open":
            reports = reports.filter(status__in=OPEN_STATUSES)
        elif state == "overdue":
            reports = reports.filter(Q(status=ReportStatus.NEW, acknowledge_by__lt=today)
                                     | Q(status__in=OPEN_STATUSES, resolve_by__lt=today))
        elif state == "closed":
            reports = reports.exclude(status__in=OPEN_STATUSES)
        rows = list(reports.order_by("resolve_by", "created_at")[:LIST_LIMIT] if state in ("open", "overdue")
                    else reports.order_by("-created_at")[:LIST_LIMIT])
        for row in rows:
            row.flags = row.overdue_flags(today)
        context.update(form=form, reports=rows, limit=LIST_LIMIT)
        return context


class ActionForm(forms.Form):
    note = forms.CharField(label=gettext_lazy("Note to the reporter"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class ForwardForm(ActionForm):
    department = forms.ModelChoiceField(label=gettext_lazy("Department"), queryset=Department.objects.none())

    def __init__(self, *args, organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.for_organization(organization)


class DoneForm(ActionForm):
    photos = PhotosField(label=gettext_lazy("Photo after the fix"), required=False,
                         widget=MultipleFileInput(attrs={"accept": "image/*", "multiple": True}))


class MergeForm(ActionForm):
    into = forms.CharField(label=gettext_lazy("Reference of the report to keep"), max_length=40)


class ReportView(WagtailAdminTemplateMixin, TemplateView):
    """One report: what the citizen sent (exact place, photos), its timeline and the actions it allows now."""

    template_name = "complaints/admin/report.html"
    header_icon = "warning"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.forms: dict[str, Any] = {}

    def dispatch(self, request, *args, **kwargs):
        self.scope = access.officer_scope(request)
        report = officer_reports(request).select_related("category", "department", "submission",
                                                         "merged_into__submission").filter(pk=kwargs["pk"]).first()
        if report is None:
            raise Http404(_("No such report."))
        self.report = report
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.report.reference

    def get_page_subtitle(self):
        return self.report.category.name

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items,
                {"url": reverse("complaints_admin:inbox"), "label": _("Complaints and repair requests")},
                {"url": "", "label": self.report.reference}]

    def get(self, request, *args, **kwargs):
        self._log_view()
        return super().get(request, *args, **kwargs)

    def _log_view(self) -> None:
        log_access(actor=self.request.user, organization=self.scope.organization, action=AuditAction.VIEW,
                   obj=self.report.submission, request=self.request)

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        handler = getattr(self, f"_{action}", None) if action in (
            "accept", "forward", "start", "done", "not_ours", "merge") else None
        if handler is None:
            messages.error(request, _("Unknown action."))
            return self._back()
        try:
            if handler():
                return self._back()
        except PermissionDenied as exc:
            messages.error(request, " ".join(str(a) for a in exc.args) or _("You may not work on this report."))
            return self._back()
        self._log_view()
        return self.render_to_response(self.get_context_data(), status=400)

    def _back(self) -> HttpResponse:
        return HttpResponseRedirect(reverse("complaints_admin:report", args=[self.report.pk]))

    def _run(self, key: str, form, call) -> bool:
        self.forms[key] = form
        if not form.is_valid():
            return False
        try:
            call(form.cleaned_data)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
            return False
        messages.success(self.request, _("Saved: %(status)s.") % {"status": self.report.get_status_display()})
        return True

    def _accept(self) -> bool:
        return self._run("accept", ActionForm(self.request.POST), lambda d: services.accept(
            report=self.report, actor=self.request.user, note=d["note"]))

    def _start(self) -> bool:
        return self._run("start", ActionForm(self.request.POST), lambda d: services.start_work(
            report=self.report, actor=self.request.user, note=d["note"]))

    def _forward(self) -> bool:
        form = ForwardForm(self.request.POST, organization=self.scope.organization)
        return self._run("forward", form, lambda d: services.forward(
            report=self.report, department=d["department"], actor=self.request.user, note=d["note"]))

    def _done(self) -> bool:
        form = DoneForm(self.request.POST, self.request.FILES)
        return self._run("done", form, lambda d: services.mark_done(
            report=self.report, actor=self.request.user, note=d["note"], photos=d["photos"]))

    def _not_ours(self) -> bool:
        return self._run("not_ours", ActionForm(self.request.POST), lambda d: services.reject_not_ours(
            report=self.report, actor=self.request.user, note=d["note"]))

    def _merge(self) -> bool:
        def call(data):
            target = officer_reports(self.request).filter(
                submission__reference=data["into"].strip().upper()).first()
            if target is None:
                raise ValidationError({"into": _("No report with this reference in your inbox.")})
            services.merge(report=self.report, into=target, actor=self.request.user, note=data["note"])
        return self._run("merge", MergeForm(self.request.POST), call)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
        is_open = report.status in OPEN_STATUSES
        context.update(
            report=report, case=report.submission, photos=photos_by_kind(report), is_open=is_open,
            events=list(report.events.select_related("actor", "department")),
            flags=report.overdue_flags(), followers=report.followers.count(),
            accept_form=self.forms.get("accept") or ActionForm(),
            start_form=self.forms.get("start") or ActionForm(),
            forward_form=self.forms.get("forward") or ForwardForm(organization=self.scope.organization),
            done_form=self.forms.get("done") or DoneForm(),
            not_ours_form=self.forms.get("not_ours") or ActionForm(),
            merge_form=self.forms.get("merge") or MergeForm(),
            case_url=reverse("eservices_admin:case", args=[report.submission_id]),
        )
        return context


class PhotoView(View):
    """Any photo of a report the officer may see (also of cancelled or merged reports)."""

    def get(self, request, pk: int):
        photo = get_object_or_404(ReportPhoto, pk=pk, report__in=officer_reports(request))
        return serve_private_file(photo.image.name, download_name=f"{photo.report_id}-{photo.pk}.jpg",
                                  mime_type="image/jpeg", inline=True)
