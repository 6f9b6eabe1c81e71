"""Cases: the submission, its append-only status history, messages, attachments and the one-time information request."""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.appendonly import AppendOnlyModel
from core.files import private_storage
from core.tenants import TenantQuerySet
from organizations.models import OrganizationOwned

from ..constants import (
    CLOCK_RUNNING_STATUSES,
    DUE_SOON_WORKING_DAYS,
    FINAL_STATUSES,
    DocumentKind,
    FeePoint,
    FilingChannel,
    SubmissionStatus,
)
from ..kinds import registry as kinds
from .pages import ServicePage

# --- Cases ------------------------------------------------------------------------------------------------------


class FormSnapshot(models.Model):
    """One distinct form definition, stored once and shared by every case filed under it.

    Cases keep the form they were filed under (editing a service never changes old cases), but thousands of cases
    share a handful of versions: storing each version once keeps the case table small enough to stay in memory.
    Rows are identified by the SHA-256 of their canonical JSON and never change.
    """

    digest = models.CharField(_("digest"), max_length=64, unique=True, editable=False)
    definition = models.JSONField(_("form definition"))
    created_at = models.DateTimeField(_("first used"), auto_now_add=True)

    class Meta:
        verbose_name = _("form version")
        verbose_name_plural = _("form versions")

    def __str__(self) -> str:
        return self.digest[:12]


class SubmissionQuerySet(TenantQuerySet):
    def open(self) -> SubmissionQuerySet:
        return self.exclude(status__in=FINAL_STATUSES)

    def overdue(self, today: dt.date | None = None) -> SubmissionQuerySet:
        """Open cases past their due date whose clock is running (not waiting for the citizen)."""
        today = today or timezone.localdate()
        return self.filter(status__in=CLOCK_RUNNING_STATUSES, due_date__lt=today)

    def due_soon(self, organization, today: dt.date | None = None) -> SubmissionQuerySet:
        """Cases whose clock is running and that fall due from today to DUE_SOON_WORKING_DAYS working days on."""
        from organizations.calendar import add_working_days

        today = today or timezone.localdate()
        last = add_working_days(organization, today, DUE_SOON_WORKING_DAYS)
        return self.filter(status__in=CLOCK_RUNNING_STATUSES, due_date__gte=today, due_date__lte=last)


class Submission(OrganizationOwned):
    """A citizen's request (the case). Changed only through `eservices.services`."""

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"),
                                     on_delete=models.PROTECT, related_name="submissions")
    service = models.ForeignKey(ServicePage, verbose_name=_("service"), on_delete=models.PROTECT,
                                related_name="submissions")
    service_title = models.CharField(_("service title"), max_length=255,
                                     help_text=_("The service's title when the request was filed."))
    service_kind = models.CharField(_("kind of service"), max_length=50, default=kinds.GENERIC)
    snapshot = models.ForeignKey(FormSnapshot, verbose_name=_("form version"), on_delete=models.PROTECT,
                                 related_name="submissions", help_text=_("The form exactly as it was when filed."))
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    tracking_token = models.CharField(_("tracking token"), max_length=64, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.SUBMITTED)
    submitted_at = models.DateTimeField(_("filed at"), default=timezone.now)
    received_at = models.DateTimeField(
        _("received at"), help_text=_("When the request legally counts as received (next office opening if filed "
                                      "out of hours, Electronic Administration Act 2565)."),
    )
    time_limit_days = models.PositiveSmallIntegerField(_("time limit (working days)"), default=0)
    due_date = models.DateField(_("due date"), null=True, blank=True)
    clock_paused_at = models.DateTimeField(_("clock paused since"), null=True, blank=True,
                                           help_text=_("Set while the LGO waits for information from the citizen."))
    paused_days = models.PositiveIntegerField(_("working days paused"), default=0)
    department = models.ForeignKey("organizations.Department", verbose_name=_("department"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="submissions")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("assigned to"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="assigned_submissions")
    applicant_name = models.CharField(_("applicant"), max_length=200, blank=True)
    applicant_email = models.EmailField(_("applicant's e-mail"), blank=True)
    applicant_phone = models.CharField(_("applicant's phone"), max_length=20, blank=True)
    applicant_national_id = models.CharField(_("applicant's national ID"), max_length=13, blank=True,
                                             help_text=_("Stored in full, shown masked."))
    answers = models.JSONField(_("answers"), default=dict)
    language = models.CharField(_("language"), max_length=10, default="th")
    channel = models.CharField(_("channel"), max_length=10, choices=FilingChannel.choices, default=FilingChannel.WEB,
                               help_text=_("How the request came in; counter: filed by an officer for the citizen."))
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, editable=False)
    fee_point = models.CharField(_("fee"), max_length=20, choices=FeePoint.choices, default=FeePoint.NONE)
    fee_amount = models.DecimalField(_("fee amount"), max_digits=12, decimal_places=2, null=True, blank=True)
    document_kind = models.CharField(_("document issued"), max_length=20, choices=DocumentKind.choices,
                                     default=DocumentKind.NONE)
    document_validity_days = models.PositiveIntegerField(_("document validity (days)"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    last_delay_notice_at = models.DateTimeField(_("last delay notice"), null=True, blank=True)
    retention_days = models.PositiveIntegerField(_("retention (days)"), default=1825)
    purge_after = models.DateField(_("delete personal data after"), null=True, blank=True)
    receipt_file = models.FileField(_("filing receipt (PDF)"), storage=private_storage, max_length=255, blank=True,
                                    editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "idempotency_key"], name="submission_idempotent"),
        ]
        # The inbox sorts by (received_at, id): requests filed out of hours share one received_at (the next
        # opening), so after a long holiday thousands tie. With id in the index the first page reads 50 rows
        # instead of the whole tie, and a filter that matches nothing in the tie no longer scans to the end.
        indexes = [
            models.Index(fields=["organization", "-received_at", "-id"], name="sub_org_received"),
            models.Index(fields=["organization", "status", "-received_at", "-id"], name="sub_org_status"),
            models.Index(fields=["organization", "department", "-received_at", "-id"], name="sub_org_dept"),
            models.Index(fields=["organization", "service", "-received_at", "-id"], name="sub_org_service"),
            models.Index(fields=["organization", "assignee", "status"], name="sub_org_assignee"),
            # "Assigned to me" newest first: an officer holds ~200,000 of ten million cases, too many to sort.
            models.Index(fields=["organization", "assignee", "-received_at", "-id"], name="sub_org_assignee_recv"),
            # "Overdue" newest first: only cases whose clock runs (a few percent), due date in the index so the
            # not-yet-due recent ones are skipped without reading the table.
            models.Index(fields=["organization", "-received_at", "-id"], name="sub_org_clock_recv",
                         include=["due_date"], condition=Q(status__in=["submitted", "in_review"])),
            # Overdue / due-soon filters only look at cases whose clock runs: a partial index stays small.
            models.Index(fields=["organization", "due_date"], name="sub_org_due_open",
                         condition=Q(status__in=["submitted", "in_review"])),
            models.Index(fields=["organization", "due_date", "id"], name="sub_org_due"),
            models.Index(fields=["applicant_phone"], name="sub_phone"),
            models.Index(fields=["applicant_national_id"], name="sub_national_id"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.service_title}"

    def get_absolute_url(self) -> str:
        """The citizen's tracking page (the token is the unguessable "signed link"), in the language they filed in."""
        from django.urls import reverse
        from django.utils import translation

        with translation.override(self.language or "th"):
            return reverse("eservices:track_detail", kwargs={"token": self.tracking_token})

    @property
    def kind(self):
        return kinds.get(self.service_kind)

    @property
    def definition(self) -> dict[str, Any]:
        """The form definition this case was filed under (from its shared snapshot)."""
        return self.snapshot.definition

    @property
    def is_overdue(self) -> bool:
        return bool(
            self.due_date and self.status in CLOCK_RUNNING_STATUSES and self.due_date < timezone.localdate()
        )

    @cached_property
    def has_info_request(self) -> bool:
        """No query when the case was read with select_related("info_request") (the selectors do)."""
        relation = type(self).info_request.related
        if relation.is_cached(self):
            return relation.get_cached_value(self) is not None
        return InfoRequest.objects.filter(submission_id=self.pk).exists()

    @cached_property
    def extensions_used(self) -> int:
        """How many times the decision deadline was extended (history rows with the action "extend")."""
        return self.status_changes.filter(action="extend").count()

    @property
    def masked_national_id(self) -> str:
        from ..forms.definition import mask_national_id

        return mask_national_id(self.applicant_national_id) if self.applicant_national_id else ""

    @property
    def ref1(self) -> str:
        """The bill-payment Ref1 for this case's invoices: the reference without dashes, upper case, at most 20
        characters (Thai QR tag 30 and bank statements carry Ref1 so; payments finds the invoice by it)."""
        return self.reference.replace("-", "").upper()[:20]


class StatusChange(AppendOnlyModel):
    """One step in a case's history. Append-only: rows are never edited or deleted (except by the PDPA purge,
    which removes the whole case)."""

    submission = models.ForeignKey(Submission, verbose_name=_("request"), on_delete=models.CASCADE,
                                   related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=SubmissionStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=SubmissionStatus.choices)
    action = models.CharField(_("action"), max_length=40, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+",
                              help_text=_("Empty: the citizen or the system."))
    note = models.TextField(_("note"), blank=True)
    is_public = models.BooleanField(_("shown to the citizen"), default=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.from_status or '-'} → {self.to_status}"


class Message(models.Model):
    """A message on a case: to/from the citizen (public) or an internal note between officers."""

    submission = models.ForeignKey(Submission, verbose_name=_("request"), on_delete=models.CASCADE,
                                   related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+", help_text=_("Empty: the citizen."))
    body = models.TextField(_("message"))
    is_public = models.BooleanField(_("visible to the citizen"), default=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.body[:40]}"

    @property
    def from_citizen(self) -> bool:
        return self.author_id is None


def _attachment_path(instance: Attachment, filename: str) -> str:
    from core.files import private_upload_path

    return private_upload_path("eservices/attachments", filename.rsplit(".", 1)[-1] if "." in filename else "bin")


class Attachment(models.Model):
    """A file on a case (the citizen's upload to a question or with an answer, or an officer's file). Private."""

    submission = models.ForeignKey(Submission, verbose_name=_("request"), on_delete=models.CASCADE,
                                   related_name="attachments")
    field_key = models.CharField(_("question"), max_length=50, blank=True)
    file = models.FileField(_("file"), storage=private_storage, upload_to=_attachment_path, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    mime_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+", help_text=_("Empty: the citizen."))
    message = models.ForeignKey(Message, verbose_name=_("message"), null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="attachments")
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class InfoRequest(models.Model):
    """The one list of missing items or documents the LGO may send (Licensing Facilitation Act 2558, s.8).

    One per case (enforced by the database); the legal clock pauses from request until the citizen answers.
    """

    submission = models.OneToOneField(Submission, verbose_name=_("request"), on_delete=models.CASCADE,
                                      related_name="info_request")
    items = models.TextField(_("what is missing"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    reply_by = models.DateField(_("answer by"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answer_message = models.OneToOneField(Message, verbose_name=_("answer message"), null=True, blank=True,
                                          on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")

    def __str__(self) -> str:
        return f"{self.submission_id}: {self.items[:40]}"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None
