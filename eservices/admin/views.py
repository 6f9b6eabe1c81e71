"""Officer views: the inbox (list, filters, search, bulk actions, export), the case page and its actions, files.

Views stay thin: scoping comes from `access` (selectors underneath), changes from `eservices.services`, and every
look at personal data is written to the audit log.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from core.adminui import AdminScreen
from core.audit import log_access
from core.exports import ExportColumn, csv_response, xlsx_response
from core.files import serve_private_file
from core.models import AuditAction
from core.seek import SeekKey, bounded_count, seek_page

from .. import selectors, services, workflow
from ..constants import CLOCK_RUNNING_STATUSES, SubmissionStatus
from ..documents import document_pdf_name
from ..forms.definition import answer_rows
from ..models import Attachment, Message, StatusChange, Submission
from . import access
from .filters import InboxFilterForm
from .forms import (
    AssignForm,
    BulkForm,
    DecisionForm,
    MessageForm,
    NoteForm,
    RequestInformationForm,
    resolve_assignee,
)

#: The inbox counts at most this many matches; beyond it says "more than …" (an exact COUNT(*) over a million
#: rows on every page view is what makes admin lists slow).
COUNT_CAP = 1000
#: Above this many matches by the planner's estimate (PostgreSQL), the inbox shows "about N" and counts nothing;
#: a count that would take longer than COUNT_TIMEOUT_MS shows the estimate too (core.seek.bounded_count).
ESTIMATE_ABOVE = 10_000
COUNT_TIMEOUT_MS = 15
#: An export holds at most this many rows; the officer narrows the filters for more.
EXPORT_MAX_ROWS = 100_000
LIST_FIELDS = ("id", "reference", "service_title", "status", "received_at", "due_date", "applicant_name", "channel",
               "department__name_th", "department__name_en", "assignee__first_name", "assignee__last_name",
               "assignee__username")


def _case_url(pk: int) -> str:
    return reverse("eservices_admin:case", args=[pk])


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return fallback


# --- Inbox -------------------------------------------------------------------------------------------------------


@dataclass
class CappedPage:
    """One page of the inbox with a count that stops at COUNT_CAP, and seek cursors to its neighbours.

    Pages are found by seeking (core.seek), never by OFFSET, so the 500th page of a ten-million-case LGO costs what
    the first does; `number` is only what the officer is shown ("page 3"), carried along in the links."""

    object_list: list[Any]
    number: int
    per_page: int
    count: int
    capped: bool
    next_cursor: str | None = None
    previous_cursor: str | None = None
    estimated: bool = False

    @property
    def num_pages(self) -> int:
        return max(self.number, math.ceil(self.count / self.per_page))

    @property
    def has_previous(self) -> bool:
        return self.previous_cursor is not None

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.object_list else 0

    @property
    def end_index(self) -> int:
        return (self.number - 1) * self.per_page + len(self.object_list)


def capped_page(queryset: QuerySet, keys: tuple[SeekKey, ...], *, per_page: int, after: str | None = None,
                before: str | None = None, number: str | None = None, cap: int | None = None) -> CappedPage:
    """Two indexed queries whatever the table size and the depth: a count that stops at `cap`, and the page's rows
    (sought after/before a cursor in the order of `keys`)."""
    total = bounded_count(queryset, cap=COUNT_CAP if cap is None else cap, estimate_above=ESTIMATE_ABOVE,
                          timeout_ms=COUNT_TIMEOUT_MS)
    page = seek_page(queryset, keys, per_page=per_page, after=after, before=before)
    try:
        shown = max(1, int(number or 1)) if (after or before) and page.previous_cursor else 1
    except ValueError:
        shown = 1
    return CappedPage(page.object_list, shown, per_page, total.count, total.capped, page.next_cursor,
                      page.previous_cursor, total.estimated)


def filter_form(request: HttpRequest, data=None) -> InboxFilterForm:
    scope = access.officer_scope(request)
    return InboxFilterForm(
        request.GET if data is None else data, organization=scope.organization,
        departments=access.visible_departments(request), user=request.user,
    )


def filtered_cases(request: HttpRequest, form: InboxFilterForm) -> QuerySet[Submission]:
    """The officer's cases narrowed by the form; a search by personal data is audit-logged."""
    queryset = form.filter(access.cases(request))
    term = form.search_term
    if term is not None and term.is_personal_data:
        log_access(actor=request.user, organization=access.officer_scope(request).organization,
                   action=AuditAction.SEARCH, object_type="eservices.submission", detail=term.audit_detail(),
                   request=request)
    return queryset


class InboxView(AdminScreen, TemplateView):
    template_name = "eservices/admin/inbox.html"
    page_title = gettext_lazy("e-Service inbox")
    header_icon = "tasks"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = access.officer_scope(self.request)
        form = filter_form(self.request)
        queryset = filtered_cases(self.request, form).values(*LIST_FIELDS)
        get = self.request.GET
        page = capped_page(queryset, form.seek_keys, per_page=form.page_size, after=get.get("after"),
                           before=get.get("before"), number=get.get("p"))
        query = get.copy()
        for name in ("p", "after", "before"):
            query.pop(name, None)
        today = timezone.localdate()
        for row in page.object_list:
            row["status_label"] = SubmissionStatus(row["status"]).label
            row["is_overdue"] = bool(row["due_date"] and row["due_date"] < today
                                     and row["status"] in CLOCK_RUNNING_STATUSES)
            row["department"] = _localized(row, "department__name")
            row["assignee"] = " ".join(x for x in (row["assignee__first_name"], row["assignee__last_name"]) if x) \
                or row["assignee__username"] or ""
        context.update(
            form=form, page=page, query=query.urlencode(), organization=scope.organization,
            bulk_form=BulkForm(organization=scope.organization),
        )
        return context


def _localized(row: dict, prefix: str) -> str:
    from django.utils.translation import get_language

    english = row.get(f"{prefix}_en") if (get_language() or "th").startswith("en") else ""
    return english or row.get(f"{prefix}_th") or ""


class ExportView(View):
    """The filtered inbox as CSV or XLSX (Thai headers, BE dates). Logged: an export takes personal data out."""

    def get(self, request: HttpRequest, fmt: str) -> HttpResponse:
        if fmt not in ("csv", "xlsx"):
            raise Http404
        scope = access.officer_scope(request)
        form = filter_form(request)
        queryset = filtered_cases(request, form).values(
            *LIST_FIELDS, "submitted_at", "applicant_phone", "applicant_email", "decided_at",
        )[:EXPORT_MAX_ROWS]
        log_access(actor=request.user, organization=scope.organization, action=AuditAction.EXPORT,
                   object_type="eservices.submission", detail=f"inbox export {fmt}: {request.GET.urlencode()}"[:500],
                   request=request)
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        filename = f"eservice-{scope.organization.code}-{stamp}.{fmt}"
        rows = queryset.iterator(chunk_size=2000)
        if fmt == "csv":
            return csv_response(filename=filename, columns=export_columns(), rows=rows)
        return xlsx_response(filename=filename, columns=export_columns(), rows=rows, sheet_title=_("Requests"))


def export_columns() -> list[ExportColumn]:
    return [
        ExportColumn(_("Reference"), lambda r: r["reference"], 18),
        ExportColumn(_("Service"), lambda r: r["service_title"], 40),
        ExportColumn(_("Status"), lambda r: str(SubmissionStatus(r["status"]).label), 22),
        ExportColumn(_("Filed at"), lambda r: r["submitted_at"], 18),
        ExportColumn(_("Received at"), lambda r: r["received_at"], 18),
        ExportColumn(_("Due date"), lambda r: r["due_date"], 12),
        ExportColumn(_("Decided at"), lambda r: r["decided_at"], 18),
        ExportColumn(_("Applicant"), lambda r: r["applicant_name"], 28),
        ExportColumn(_("Phone"), lambda r: r["applicant_phone"], 14),
        ExportColumn(_("E-mail"), lambda r: r["applicant_email"], 28),
        ExportColumn(_("Department"), lambda r: _localized(r, "department__name"), 28),
        ExportColumn(_("Assigned to"), lambda r: " ".join(
            x for x in (r["assignee__first_name"], r["assignee__last_name"]) if x) or r["assignee__username"] or "",
            22),
    ]


class BulkActionView(View):
    """Assign or move many cases at once; each case goes through the same service (and checks) as one by one."""

    def post(self, request: HttpRequest) -> HttpResponse:
        scope = access.officer_scope(request)
        back = _safe_next(request, reverse("eservices_admin:inbox"))
        form = BulkForm(request.POST, organization=scope.organization)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return HttpResponseRedirect(back)
        data = form.cleaned_data
        cases = access.cases(request).filter(pk__in=data["ids"]).select_related("organization")
        done, failed = 0, []
        for case in cases:
            try:
                if data["operation"] == "assign":
                    services.assign(submission=case, assignee=resolve_assignee(data["assignee"]), actor=request.user)
                else:
                    services.act(submission=case, action=data["operation"], actor=request.user, note=data["note"])
                done += 1
            except (ValidationError, PermissionDenied) as exc:
                failed.append(f"{case.reference}: {_error_text(exc)}")
        skipped = len(set(data["ids"])) - done - len(failed)
        if done:
            messages.success(request, _("%(count)d request(s) updated.") % {"count": done})
        for line in failed[:20]:
            messages.error(request, line)
        if skipped:
            messages.error(request, _("%(count)d request(s) were not found in your inbox.") % {"count": skipped})
        return HttpResponseRedirect(back)


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(str(m) for m in exc.messages)
    return str(exc) or _("You may not take this action on this request.")


# --- Case page ---------------------------------------------------------------------------------------------------


class CaseView(AdminScreen, TemplateView):
    """One case: answers from its own form snapshot, files, timeline, notes, messages and the allowed actions.

    GET shows it (audit-logged); POST takes one action (`form` names which) and redirects back, or shows the page
    again with the errors of the form that failed.
    """

    template_name = "eservices/admin/case.html"
    header_icon = "doc-full"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.forms: dict[str, Any] = {}

    def dispatch(self, request, *args, **kwargs):
        self.scope = access.officer_scope(request)
        self.case = access.get_case(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return self.case.reference

    def get_page_subtitle(self):
        return self.case.service_title

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items,
                {"url": reverse("eservices_admin:inbox"), "label": _("e-Service inbox")},
                {"url": "", "label": self.case.reference}]

    def get(self, request, *args, **kwargs):
        self._log_view()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        handler = {
            "assign": self._assign, "note": self._note, "message": self._message,
            "request_information": self._request_information, "decision": self._decision,
        }.get(request.POST.get("form", ""))
        if handler is None:
            messages.error(request, _("Unknown action."))
            return HttpResponseRedirect(_case_url(self.case.pk))
        try:
            response = handler()
        except PermissionDenied as exc:
            messages.error(request, _error_text(exc))
            return HttpResponseRedirect(_case_url(self.case.pk))
        if response is not None:
            return response
        self._log_view()
        return self.render_to_response(self.get_context_data(), status=400)

    def _log_view(self) -> None:
        log_access(actor=self.request.user, organization=self.scope.organization, action=AuditAction.VIEW,
                   obj=self.case, request=self.request)

    def _done(self, message: str) -> HttpResponse:
        messages.success(self.request, message)
        return HttpResponseRedirect(_case_url(self.case.pk))

    def _run(self, key: str, form, call) -> HttpResponse | None:
        """Validate `form`, run the service call; on errors keep the form (with the service's message) for display."""
        self.forms[key] = form
        if not form.is_valid():
            return None
        try:
            return call(form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
            return None

    def _assign(self):
        form = AssignForm(self.request.POST, organization=self.scope.organization)

        def call(data):
            services.assign(submission=self.case, assignee=resolve_assignee(data["assignee"]),
                            actor=self.request.user)
            return self._done(_("Assignment saved."))
        return self._run("assign", form, call)

    def _note(self):
        def call(data):
            services.add_note(submission=self.case, body=data["body"], author=self.request.user)
            return self._done(_("Note added."))
        return self._run("note", NoteForm(self.request.POST), call)

    def _message(self):
        def call(data):
            services.add_message(submission=self.case, body=data["body"], author=self.request.user, public=True)
            return self._done(_("Message sent to the applicant."))
        return self._run("message", MessageForm(self.request.POST), call)

    def _request_information(self):
        def call(data):
            services.request_information(submission=self.case, items=data["items"], actor=self.request.user,
                                         reply_by=data.get("reply_by"))
            return self._done(_("The list of missing items was sent to the applicant. The time limit is paused."))
        return self._run("request_information", RequestInformationForm(self.request.POST), call)

    def _decision(self):
        action = self.request.POST.get("action", "")
        transition = next((t for t in self._transitions() if t.action == action), None)
        if transition is None:
            messages.error(self.request, _("This action is not possible for this request any more."))
            return HttpResponseRedirect(_case_url(self.case.pk))
        form = DecisionForm(self.request.POST, note_required=transition.note_required)

        def call(data):
            services.act(submission=self.case, action=action, actor=self.request.user, note=data["note"])
            return self._done(_("Done: %(action)s.") % {"action": workflow.label_for(self.case, transition)})
        response = self._run(f"decision:{action}", form, call)
        return response

    def _transitions(self) -> list[workflow.Transition]:
        return selectors.available_transitions(self.case, self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.case
        transitions = self._transitions()
        decisions = []
        for t in transitions:
            if t.dedicated or t.action in case.kind.own_actions:
                continue
            key = f"decision:{t.action}"
            form = self.forms.get(key) or DecisionForm(initial={"action": t.action}, note_required=t.note_required)
            decisions.append({"transition": t, "label": workflow.label_for(case, t), "form": form,
                              "danger": t.action in ("reject", "cancel")})
        can_request_info = any(t.action == "request_information" for t in transitions)
        attachments = list(Attachment.objects.filter(submission=case).select_related("uploaded_by"))
        files_by_key: dict[str, list[Attachment]] = {}
        for attachment in attachments:
            if attachment.message_id is None:
                files_by_key.setdefault(attachment.field_key, []).append(attachment)
        case_messages = list(Message.objects.filter(submission=case).select_related("author")
                             .prefetch_related("attachments"))
        context.update(
            case=case,
            sections=answer_rows(case.definition, case.answers),
            files_by_key=files_by_key,
            timeline=StatusChange.objects.filter(submission=case).select_related("actor"),
            public_messages=[m for m in case_messages if m.is_public],
            notes=[m for m in case_messages if not m.is_public],
            info_request=getattr(case, "info_request", None),  # read with the case (select_related)
            documents=case.issued_documents.all(),
            decisions=decisions,
            can_handle=selectors.can_handle(self.request.user, case),
            can_request_info=can_request_info,
            assign_form=self.forms.get("assign") or AssignForm(
                organization=self.scope.organization,
                initial={"assignee": str(case.assignee_id) if case.assignee_id else "none"}),
            note_form=self.forms.get("note") or NoteForm(),
            message_form=self.forms.get("message") or MessageForm(),
            info_form=self.forms.get("request_information") or RequestInformationForm(),
            failed_form=next(iter(self.forms), ""),
            invoices=self._invoices(case),
            kind_panel=case.kind.admin_panel(case=case, request=self.request),
        )
        return context

    def _invoices(self, case) -> list:
        """The case's fee invoices, linked to the payments desk for those who may open it."""
        from payments.permissions import can_view_payments
        from payments.selectors import invoices_for_source

        if not case.fee_amount and not case.kind.invoice_sources:
            return []
        may_open = can_view_payments(self.request.user, case.organization)
        return [{"invoice": invoice, "url": reverse("payments_admin:invoice", args=[invoice.pk]) if may_open else ""}
                for source in (services.INVOICE_SOURCE_TYPE, *case.kind.invoice_sources)
                for invoice in invoices_for_source(source, str(case.pk)).for_organization(case.organization_id)]


class AttachmentDownloadView(View):
    """A file of a case, to an officer who may see the case; every download is audit-logged."""

    def get(self, request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
        scope = access.officer_scope(request)
        case = access.get_case(request, pk)
        attachment = get_object_or_404(Attachment, pk=attachment_pk, submission=case)
        log_access(actor=request.user, organization=scope.organization, action=AuditAction.DOWNLOAD,
                   obj=attachment, detail=f"{case.reference}: {attachment.original_name}"[:500], request=request)
        return serve_private_file(attachment.file.name, download_name=attachment.original_name,
                                  mime_type=attachment.mime_type, inline=request.GET.get("inline") == "1")


class DocumentDownloadView(View):
    """The PDF of a document issued on a case (officers' copy)."""

    def get(self, request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
        scope = access.officer_scope(request)
        case = access.get_case(request, pk)
        document = get_object_or_404(case.issued_documents, pk=document_pk)
        log_access(actor=request.user, organization=scope.organization, action=AuditAction.DOWNLOAD,
                   obj=document, detail=case.reference, request=request)
        return serve_private_file(document_pdf_name(document), download_name=document.download_name,
                                  mime_type="application/pdf")
