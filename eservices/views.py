"""Citizen views: the form wizard, check your answers, confirmation, receipt, tracking and document verification.

Views stay thin: the wizard (django-formtools over the draft row) is `wizard.py`, writes go through `services.py`,
reads through `selectors.py`.
No JavaScript is needed anywhere; every form validates on the server and keeps what was typed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core import ratelimit, thai
from core.audit import client_ip
from core.files import serve_private_file
from core.pdf import qr_png_data_uri
from organizations.links import absolute_url, redirect_to_owner
from organizations.tenancy import current_organization

from . import services, wizard
from .channels import SOURCE_PARAM, channel_for
from .constants import NotificationKey
from .documents import document_pdf_name, receipt_pdf
from .forms.definition import answer_rows, applicant_from_answers
from .forms.fields import UploadField
from .models import Attachment, IssuedDocument, Submission
from .selectors import (
    confirmation_case,
    normalise_reference,
    public_timeline,
    register_documents,
    submission_by_token,
    submission_for_tracking,
    verifiable_details,
)

TRACK_BUCKET = "eservices.track"
TRACK_ADDRESS_BUCKET = "eservices.track.address"
SAVE_BUCKET = "eservices.save"


# --- The wizard -------------------------------------------------------------------------------------------------

#: The steps and check-your-answers (formtools' done step): `wizard.CitizenWizard`.
step = wizard.CitizenWizard.as_view()


def _continue(draft) -> HttpResponseRedirect:
    """Send the citizen to the first step still to do, or to check-your-answers when all are done."""
    return redirect(wizard.continue_url(draft))


@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, service_id: int) -> HttpResponse:
    """POST (the button on the service page) starts or continues a draft; GET goes back to the service page."""
    service = wizard.service_for_request(request, service_id)
    if request.method == "GET":
        return redirect(wizard.service_path(request, service))
    channel = channel_for(request.POST.get(SOURCE_PARAM), request.headers.get("User-Agent"))
    draft = wizard.start_draft(request, service, channel=channel)
    return _continue(draft)


def _open_draft(request: HttpRequest, service_id: int) -> tuple[Any, Any]:
    """The service (404 if not this site's) and the session's draft for it (None, with a message, if gone)."""
    service = wizard.service_for_request(request, service_id)
    draft = wizard.current_draft(request, service)
    if draft is None:
        messages.info(request, _("Your session has ended. Start again, or use the link we e-mailed you."))
    return service, draft


@require_POST
def remove_file(request: HttpRequest, service_id: int) -> HttpResponse:
    service, draft = _open_draft(request, service_id)
    if draft is None:
        return redirect(wizard.service_path(request, service))
    key = request.POST.get("key", "")
    try:
        index = int(request.POST.get("index", ""))
    except ValueError:
        index = -1
    if key in wizard.file_questions(draft):
        wizard.remove_file(draft, key, index)
    step_key = request.POST.get("step", "")
    shown = wizard.shown_keys(draft)
    if step_key in shown and all(k in draft.step_data for k in shown[:shown.index(step_key)]):
        return redirect(wizard.step_url(service.pk, step_key, back_to_check=request.POST.get("return") == "check"))
    return _continue(draft)


class SaveForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail address"), max_length=254,
        help_text=gettext_lazy("We will send you a link to continue. It stops working after 7 days without changes."),
        error_messages={"required": gettext_lazy("Enter your e-mail address."),
                        "invalid": gettext_lazy("Enter an e-mail address like name@example.com.")},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "input", "spellcheck": "false"}),
    )


@require_http_methods(["GET", "POST"])
def save_for_later(request: HttpRequest, service_id: int) -> HttpResponse:
    """Save and come back later: e-mail a signed link to this draft."""
    service, draft = _open_draft(request, service_id)
    if draft is None:
        return redirect(wizard.service_path(request, service))
    initial = {"email": draft.resume_email or applicant_from_answers(draft.definition, draft.answers)["email"]}
    form = SaveForm(request.POST or None, initial=initial)
    sent = False
    if request.method == "POST" and form.is_valid():
        ident = client_ip(request) or "unknown"
        if ratelimit.is_limited(SAVE_BUCKET, ident, limit=settings.LOOKUP_THROTTLE_ATTEMPTS):
            form.add_error(None, _("Too many attempts. Please wait a few minutes and try again."))
        else:
            ratelimit.record_attempt(SAVE_BUCKET, ident, window_seconds=settings.LOOKUP_THROTTLE_WINDOW_SECONDS)
            draft.resume_email = form.cleaned_data["email"]
            draft.save(update_fields=["resume_email", "updated_at"])
            _send_resume_link(draft)
            sent = True
    context = {"service": service, "organization": service.organization, "form": form, "sent": sent,
               "back_url": wizard.continue_url(draft),
               "continue_url": reverse("eservices:start", kwargs={"service_id": service.pk})}
    return render(request, "eservices/wizard/save.html", context, status=400 if form.errors else 200)


def _send_resume_link(draft) -> None:
    from core import notifications

    path = reverse("eservices:resume", kwargs={"signed": wizard.resume_token(draft)})
    notifications.notify(
        organization=draft.organization, template_key=NotificationKey.RESUME_LINK,
        context={"service": draft.service.title, "organization": draft.organization.name,
                 "resume_url": absolute_url(path, draft.organization), "days": wizard.RESUME_DAYS},
        recipient_email=draft.resume_email, language=(get_language() or "th")[:2],
    )


def resume(request: HttpRequest, signed: str) -> HttpResponse:
    draft = wizard.draft_from_resume_token(signed)
    organization = current_organization(request)
    if draft is None or organization is None or draft.organization_id != organization.pk:
        return render(request, "eservices/wizard/resume_invalid.html", status=410)
    wizard.remember(request, draft)
    return _continue(draft)


# --- After filing -----------------------------------------------------------------------------------------------


def _case_or_404(token: str) -> Submission:
    submission = submission_by_token(token)
    if submission is None:
        raise Http404
    return submission


def confirmation(request: HttpRequest, token: str) -> HttpResponse:
    submission = confirmation_case(token)
    if submission is None:
        raise Http404
    if moved := redirect_to_owner(request, submission.organization):
        return moved
    return render(request, "eservices/confirmation.html", {
        "submission": submission, "organization": submission.organization,
        "department": submission.department, "invoices": _invoices(submission),
        "documents": list(submission.issued_documents.filter(revoked=False)),
    })


def receipt(request: HttpRequest, token: str) -> HttpResponse:
    submission = _case_or_404(token)
    if moved := redirect_to_owner(request, submission.organization):
        return moved
    response = HttpResponse(receipt_pdf(submission), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{submission.reference}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


class TrackForm(forms.Form):
    reference = forms.CharField(
        label=gettext_lazy("Reference"), max_length=40,
        help_text=gettext_lazy("As on your receipt, for example ABC-2569-000123."),
        error_messages={"required": gettext_lazy("Enter the reference of your request.")},
        widget=forms.TextInput(attrs={"class": "input", "autocomplete": "off", "spellcheck": "false"}),
    )
    last4 = forms.RegexField(
        label=gettext_lazy("Last 4 digits of your phone number or national ID"), regex=r"^\s*[0-9๐-๙]{4}\s*$",
        error_messages={"required": gettext_lazy("Enter the last 4 digits of your phone number or national ID."),
                        "invalid": gettext_lazy("Enter exactly 4 digits.")},
        widget=forms.TextInput(attrs={"class": "input input--short", "inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_last4(self) -> str:
        return thai.ascii_digits(self.cleaned_data["last4"].strip())  # typed in Thai digits or not, the same 4


def _track_limits(organization: Any, reference: str, address: str) -> list[tuple[str, str, int]]:
    """Failed look-ups allowed per window: per case and address, per case from anywhere (the 4 digits cannot be
    guessed from many addresses), and a much higher ceiling per address, so that one carrier NAT or office kiosk
    shared by many citizens is not locked out by other people's typos. The case's key is the reference as the
    look-up reads it: spaces, case or Thai digits cannot make a fresh allowance."""
    case = f"{organization.pk}:{normalise_reference(reference)}"
    attempts = settings.LOOKUP_THROTTLE_ATTEMPTS
    return [(TRACK_BUCKET, f"{case}@{address}", attempts), (TRACK_BUCKET, case, attempts),
            (TRACK_ADDRESS_BUCKET, address, settings.LOOKUP_THROTTLE_ADDRESS_ATTEMPTS)]


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    """Find a request by reference plus the last 4 digits of the phone or ID; failures are limited per case (see
    `_track_limits`)."""
    organization = current_organization(request)
    if organization is None:
        raise Http404
    form = TrackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reference = form.cleaned_data["reference"]
        limits = _track_limits(organization, reference, client_ip(request) or "unknown")
        if any(ratelimit.is_limited(bucket, ident, limit=limit) for bucket, ident, limit in limits):
            form.add_error(None, _("Too many attempts. Please wait a few minutes and try again."))
        else:
            submission = submission_for_tracking(organization, reference, form.cleaned_data["last4"])
            if submission is not None:
                return redirect(submission.get_absolute_url())
            for bucket, ident, _limit in limits:
                ratelimit.record_attempt(bucket, ident, window_seconds=settings.LOOKUP_THROTTLE_WINDOW_SECONDS)
            form.add_error(None, _("We could not find a request with that reference and those digits. Check both "
                                   "and try again."))
    return render(request, "eservices/track.html", {"form": form, "organization": organization},
                  status=400 if form.errors else 200)


class AnswerForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your answer"), required=False, max_length=5000,
        help_text=gettext_lazy("Write your answer, attach documents below, or both."),
        widget=forms.Textarea(attrs={"rows": 5, "class": "textarea"}),
    )
    files = UploadField(
        label=gettext_lazy("Documents"), required=False, max_bytes=10 * 1024 * 1024, max_count=10,
        help_text=gettext_lazy("PDF, JPEG or PNG, up to 10 MB each, at most 10 files."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Either one is enough, so neither is "(ไม่บังคับ)": the hint says what is needed instead.
        for field in self.fields.values():
            field.one_of_required = True

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.errors and not (data.get("text") or "").strip() and not data.get("files"):
            raise ValidationError(_("Write an answer or attach a file."))
        return data


def _tracking_context(request: HttpRequest, submission: Submission, answer_form: AnswerForm | None = None,
                      followup_form: Any = None) -> dict:
    info = getattr(submission, "info_request", None)  # read with the case (select_related)
    return {
        "submission": submission,
        "organization": submission.organization,
        "timeline": public_timeline(submission),
        "sections": answer_rows(submission.definition, submission.answers, mask_ids=True),
        # The citizen's uploads to the form; files sent with messages are listed under their message.
        "citizen_files": list(submission.attachments.filter(message__isnull=True, uploaded_by__isnull=True)),
        "documents": list(submission.issued_documents.all()),
        "info_request": info,
        "answer_form": answer_form or (AnswerForm() if info and not info.is_answered else None),
        "invoices": _invoices(submission),
        "followup_form": followup_form or submission.kind.followup_form(submission),
    }


def _invoices(submission: Submission) -> list:
    """The case's invoices: its fee, and those its kind raises later (a building permit's fee on approval)."""
    extra = submission.kind.invoice_sources
    if not submission.fee_amount and not extra:
        return []
    from payments.selectors import invoices_for_source

    return [invoice for source in (services.INVOICE_SOURCE_TYPE, *extra)
            for invoice in invoices_for_source(source, str(submission.pk))]


def track_detail(request: HttpRequest, token: str) -> HttpResponse:
    submission = _case_or_404(token)
    if moved := redirect_to_owner(request, submission.organization):
        return moved
    return render(request, "eservices/track_detail.html", _tracking_context(request, submission))


@require_POST
def answer_information(request: HttpRequest, token: str) -> HttpResponse:
    submission = _case_or_404(token)
    form = AnswerForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.answer_information_request(submission=submission, text=form.cleaned_data["text"],
                                                files=form.cleaned_data["files"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Thank you. We have your answer and will continue with your request."))
            return redirect(submission.get_absolute_url())
    context = _tracking_context(request, submission, answer_form=form)
    return render(request, "eservices/track_detail.html", context, status=400)


def citizen_file(request: HttpRequest, token: str, attachment_id: int) -> HttpResponse:
    """A file the citizen uploaded, or one an officer attached to a public message; nothing internal."""
    submission = _case_or_404(token)
    if moved := redirect_to_owner(request, submission.organization):
        return moved
    attachment = Attachment.objects.filter(pk=attachment_id, submission=submission).select_related("message").first()
    if attachment is None or (attachment.uploaded_by_id and not (attachment.message and attachment.message.is_public)):
        raise Http404
    return serve_private_file(attachment.file.name, download_name=attachment.original_name,
                              mime_type=attachment.mime_type)


def citizen_document(request: HttpRequest, token: str, document_id: int) -> HttpResponse:
    submission = _case_or_404(token)
    if moved := redirect_to_owner(request, submission.organization):
        return moved
    document = IssuedDocument.objects.filter(pk=document_id, submission=submission).first()
    if document is None or not document.pdf:
        raise Http404
    return serve_private_file(document_pdf_name(document), download_name=document.download_name,
                              mime_type="application/pdf", inline=True)


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public check of an issued document (e-Administration Act s.13): free, no login, essential fields only."""
    document = (
        IssuedDocument.objects.select_related("organization", "submission__snapshot")
        .filter(verification_code=code.strip().upper()[:20]).first()
    )
    if document is not None and (moved := redirect_to_owner(request, document.organization)):
        return moved
    details = verifiable_details(document) if document is not None else []
    # The holder may show the document as this page's QR code on a phone (Electronic Administration Act 2565).
    qr = qr_png_data_uri(absolute_url(document.get_absolute_url(), document.organization, request=request)) \
        if document is not None else ""
    return render(request, "eservices/verify.html", {"document": document, "details": details, "code": code,
                                                     "qr": qr}, status=200 if document else 404)


REGISTER_PAGE_SIZE = 50


def register(request: HttpRequest, kind_key: str) -> HttpResponse:
    """The public register of a licensing kind's valid documents for this LGO: number, the facts the law publishes
    (the kind's `register_columns`), validity and a link to /verify/; never a name or an ID."""
    from django.core.paginator import Paginator

    from .kinds import registry as kinds

    kind = kinds.kinds.get_or_none(kind_key)
    organization = current_organization(request)
    if kind is None or not kind.register_columns or organization is None:
        raise Http404
    page = Paginator(register_documents(request, kind_key), REGISTER_PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [{"document": document, "cells": [(label, (document.details or {}).get(key, ""))
                                             for key, label in kind.register_columns]} for document in page]
    return render(request, "eservices/register.html", {
        "kind": kind, "organization": organization, "page": page, "rows": rows,
        "columns": [label for _key, label in kind.register_columns],
    })


@require_POST
def followup(request: HttpRequest, token: str) -> HttpResponse:
    """The holder asks for a follow-up of the document their case ended in (renewal, transfer…): filed as a new case,
    whose tracking page opens next. The tracking link proves holdership; errors come back on the tracking page."""
    submission = _case_or_404(token)
    if moved := redirect_to_owner(request, submission.organization):
        return moved
    form = submission.kind.followup_form(submission, request.POST)
    if form is None:
        raise Http404
    if form.is_valid():
        try:
            new = submission.kind.file_followup(submission, form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your request %(reference)s was filed.") % {"reference": new.reference})
            return redirect(new.get_absolute_url())
    context = _tracking_context(request, submission, followup_form=form)
    return render(request, "eservices/track_detail.html", context, status=400)
