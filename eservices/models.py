"""E-service models: the catalogue pages (citizen manual + form), cases and their append-only history,
messages, attachments, the one-time information request, issued documents, wizard drafts and notification wording.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.appendonly import AppendOnlyModel
from core.files import private_storage
from core.pagecache import CacheablePageMixin
from core.tenants import TenantQuerySet
from organizations.models import OrganizationOwned
from organizations.sitetree import root_page_models

from .blocks import ProcessStepBlock, RequiredDocumentBlock
from .constants import (
    CLOCK_RUNNING_STATUSES,
    DUE_SOON_WORKING_DAYS,
    FINAL_STATUSES,
    DocumentKind,
    FeePoint,
    NotificationKey,
    ServiceCategory,
    ServiceType,
    SubmissionStatus,
)
from .forms.blocks import StepBlock
from .kinds import registry as kinds


def _kind_choices() -> list[tuple[str, str]]:
    return kinds.choices()


def organization_for_page(page: Page):
    """The LGO whose site tree contains `page` (None for a page outside every LGO's tree)."""
    from organizations.models import Organization

    if not page.path:
        return None
    ancestor_paths = [page.path[:i] for i in range(page.steplen, len(page.path) + 1, page.steplen)]
    return (
        Organization.objects.filter(site__root_page__path__in=ancestor_paths)
        .order_by("-site__root_page__depth")
        .first()
    )


class ServicePageForm(WagtailAdminPageForm):
    """Offers only the departments of the LGO whose site the page is in (a wrong choice is a form error, not a 500)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from organizations.models import Department

        anchor = self.instance if self.instance.pk else self.parent_page
        organization = organization_for_page(anchor) if anchor is not None else None
        if "department" in self.fields:
            self.fields["department"].queryset = Department.objects.for_organization(organization)


# --- Catalogue --------------------------------------------------------------------------------------------------


class ServiceIndexPage(CacheablePageMixin, Page):
    """The e-service catalogue of one LGO (ศูนย์บริการร่วม / e-Service): services grouped by category, with search.

    Cached for anonymous visitors like the site's other public pages: it has no form that needs a CSRF token and
    shows nothing personal, and the cache key is the full path, so each search (?q=) is stored on its own.
    """

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"])
    contact_text = models.TextField(
        _("help and contact"), blank=True,
        help_text=_("Shown under the catalogue: where to get help filing a request (phone, LINE, counter hours)."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("contact_text")]

    subpage_types = ["eservices.ServicePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("service catalogue")
        verbose_name_plural = _("service catalogues")

    @classmethod
    def clean_parent_page_models(cls):
        """Only directly under an LGO's root page, whichever page type the website app registered for it."""
        if not cls._clean_parent_page_models:  # [] before the website app is ready: ask again later
            cls._clean_parent_page_models = root_page_models()
        return cls._clean_parent_page_models

    def get_context(self, request, *args, **kwargs) -> dict[str, Any]:
        from .selectors import catalogue

        context = super().get_context(request, *args, **kwargs)
        query = (request.GET.get("q") or "").strip()[:100]
        context["query"] = query
        context["groups"] = catalogue(self, query=query)
        return context


class ServicePage(Page):
    """One service: the citizen manual required by the Licensing Facilitation Act 2558, and its online form.

    Editors fill the manual fields in plain language; the form tab holds the steps and questions citizens answer
    online. Editing the form never changes cases already filed (each case keeps a snapshot of its form).
    """

    # Catalogue
    summary = models.CharField(_("summary"), max_length=300, help_text=_("One sentence shown in the catalogue."))
    category = models.CharField(_("category"), max_length=20, choices=ServiceCategory.choices,
                                default=ServiceCategory.PUBLIC)
    # Citizen manual
    process_name = models.CharField(
        _("process name"), max_length=300,
        help_text=_("The official name of the process as in the citizen manual (ชื่อกระบวนงาน)."),
    )
    department = models.ForeignKey(
        "organizations.Department", verbose_name=_("responsible department"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="service_pages",
        help_text=_("New cases go to this department's inbox. Must belong to this LGO."),
    )
    service_type = models.CharField(_("type of service"), max_length=20, choices=ServiceType.choices,
                                    default=ServiceType.REQUEST)
    legal_basis = models.TextField(_("legal basis"), blank=True,
                                   help_text=_("Acts, regulations and ordinances this service rests on, one per line."))
    time_limit_days = models.PositiveSmallIntegerField(
        _("legal time limit (working days)"), default=15,
        help_text=_("Working days the LGO has to decide; due dates and delay notices count from this. 0 = none."),
    )
    total_time_days = models.PositiveSmallIntegerField(
        _("total time (working days)"), default=15,
        help_text=_("Total time the whole process takes, as told to the citizen."),
    )
    process_steps = StreamField([("step", ProcessStepBlock())], verbose_name=_("process steps"), blank=True)
    channels = models.TextField(_("where and how to apply"), blank=True,
                                help_text=_("Service points and channels (counter, online, phone), one per line."))
    service_hours = models.CharField(_("service hours"), max_length=200, blank=True,
                                     default="วันจันทร์ถึงวันศุกร์ (ยกเว้นวันหยุดราชการ) เวลา 08:30–16:30 น.")
    criteria = models.TextField(_("criteria and conditions"), blank=True,
                                help_text=_("Who can apply and on what conditions."))
    no_documents_required = models.BooleanField(
        _("no documents required"), default=False,
        help_text=_("Tick to state explicitly that the applicant needs no documents."),
    )
    required_documents = StreamField([("document", RequiredDocumentBlock())], verbose_name=_("required documents"),
                                     blank=True)
    fee_point = models.CharField(_("fee"), max_length=20, choices=FeePoint.choices, default=FeePoint.NONE,
                                 help_text=_("“No fee” is stated to the citizen explicitly."))
    fee_amount = models.DecimalField(_("fee amount (baht)"), max_digits=12, decimal_places=2, null=True, blank=True,
                                     validators=[MinValueValidator(Decimal("0.01"))])
    fee_text = models.TextField(_("fee details"), blank=True,
                                help_text=_("Explain the fee (rates by size or type, exemptions) in plain language."))
    complaint_channel = models.TextField(
        _("where to complain"), blank=True,
        help_text=_("Where a citizen can complain about this service (the LGO, the Damrongdham centre, 1111)."),
    )
    sample_form = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("sample form"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    # Online filing
    online_filing = models.BooleanField(_("accept requests online"), default=True)
    service_kind = models.CharField(_("kind of service"), max_length=50, default=kinds.GENERIC,
                                    choices=_kind_choices,
                                    help_text=_("Some kinds have a form fixed by law; then the form below is unused."))
    issues_document = models.CharField(_("document issued on approval"), max_length=20,
                                       choices=DocumentKind.choices, default=DocumentKind.NONE)
    document_validity_days = models.PositiveIntegerField(
        _("document valid for (days)"), null=True, blank=True, help_text=_("Empty: valid without end date."),
    )
    retention_days = models.PositiveIntegerField(
        _("keep closed cases for (days)"), default=1825,
        help_text=_("After a case is closed, its personal data is deleted after this many days (PDPA)."),
    )
    privacy_purpose = models.TextField(
        _("why we collect this data"), blank=True,
        help_text=_("Shown in the privacy notice before the citizen submits. Empty: a standard text."),
    )
    form_steps = StreamField([("step", StepBlock())], verbose_name=_("form steps"), blank=True)
    # Where the service came from: the standard-service library (eservices.library) and the template version
    # published, so that a newer version can be offered to the LGO (never applied without its administrator).
    library_key = models.CharField(_("standard service"), max_length=100, blank=True, editable=False)
    library_version = models.PositiveIntegerField(_("standard service version"), null=True, blank=True,
                                                  editable=False)

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("process_name"),
        index.FilterField("category"),
    ]

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("category"), FieldPanel("service_type")]),
        FieldPanel("summary"),
    ]
    manual_panels = [
        FieldPanel("process_name"),
        FieldPanel("department"),
        FieldPanel("legal_basis"),
        FieldRowPanel([FieldPanel("time_limit_days"), FieldPanel("total_time_days")]),
        FieldPanel("process_steps"),
        FieldPanel("channels"),
        FieldPanel("service_hours"),
        FieldPanel("criteria"),
        MultiFieldPanel([FieldPanel("no_documents_required"), FieldPanel("required_documents")],
                        heading=_("Documents")),
        MultiFieldPanel([FieldRowPanel([FieldPanel("fee_point"), FieldPanel("fee_amount")]), FieldPanel("fee_text")],
                        heading=_("Fee")),
        FieldPanel("complaint_channel"),
        FieldPanel("sample_form"),
    ]
    form_panels = [
        FieldRowPanel([FieldPanel("online_filing"), FieldPanel("service_kind")]),
        FieldRowPanel([FieldPanel("issues_document"), FieldPanel("document_validity_days")]),
        FieldPanel("retention_days"),
        FieldPanel("privacy_purpose"),
        FieldPanel("form_steps"),
    ]
    edit_handler = TabbedInterface([
        ObjectList(content_panels, heading=_("Service")),
        ObjectList(manual_panels, heading=_("Citizen manual")),
        ObjectList(form_panels, heading=_("Online form")),
        ObjectList(Page.promote_panels, heading=_("Promote")),
        ObjectList(Page.settings_panels, heading=_("Settings")),
    ])

    base_form_class = ServicePageForm
    parent_page_types = ["eservices.ServiceIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def clean(self) -> None:
        super().clean()
        from .forms.definition import assign_question_keys

        assign_question_keys(self.form_steps)
        errors: dict[str, list] = {}
        organization = self.organization
        if self.department_id and organization and self.department.organization_id != organization.pk:
            errors.setdefault("department", []).append(_("Choose a department of this LGO."))
        if self.online_filing and not self.department_id:
            errors.setdefault("department", []).append(_("Online requests need a responsible department."))
        if self.no_documents_required and len(self.required_documents):
            errors.setdefault("no_documents_required", []).append(
                _("Either tick “no documents required” or list documents, not both."))
        if self.fee_point == FeePoint.NONE and self.fee_amount:
            errors.setdefault("fee_amount", []).append(_("Remove the amount, or choose when the fee is charged."))
        if self.fee_point != FeePoint.NONE and not self.fee_amount:
            errors.setdefault("fee_amount", []).append(_("Enter the fee amount."))
        if self.online_filing and self.kind.editor_builds_form:
            from .forms.definition import definition_from_stream, validate_definition

            problems = validate_definition(definition_from_stream(self.form_steps))
            if not len(self.form_steps):
                problems.insert(0, _("Add at least one step with questions, or turn off online filing."))
            if problems:
                errors.setdefault("form_steps", []).extend(problems)
        if errors:
            raise ValidationError(errors)

    @cached_property
    def organization(self):
        return organization_for_page(self)

    @property
    def kind(self):
        return kinds.get(self.service_kind)

    def form_definition(self) -> dict[str, Any]:
        """The definition a request filed now is filed under."""
        return self.kind.definition(self)

    def get_context(self, request, *args, **kwargs) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["organization"] = self.organization
        return context


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

    @property
    def masked_national_id(self) -> str:
        from .forms.definition import mask_national_id

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


class IssuedDocument(OrganizationOwned):
    """A certificate, permit or licence the LGO issued; anyone can check it at /verify/<code>/ (e-Admin Act s.13)."""

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"),
                                     on_delete=models.PROTECT, related_name="issued_documents")
    submission = models.ForeignKey(Submission, verbose_name=_("request"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="issued_documents")
    number = models.CharField(_("number"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=300)
    holder_name = models.CharField(_("issued to"), max_length=200)
    details = models.JSONField(_("details"), default=dict, blank=True,
                               help_text=_("Essential facts shown on the verification page (label → value)."))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), storage=private_storage, max_length=255, blank=True)
    verification_code = models.CharField(_("verification code"), max_length=20, unique=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    revoked = models.BooleanField(_("revoked"), default=False)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="issued_document_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        from django.conf import settings
        from django.urls import reverse
        from django.utils import translation

        with translation.override(settings.LANGUAGE_CODE):  # printed on paper: the LGO's default language
            return reverse("eservices:verify", kwargs={"code": self.verification_code})

    @property
    def download_name(self) -> str:
        """The PDF's file name: the number with "/" made "-" ("12/2569" → "12-2569.pdf"), so it survives as one name."""
        return f"{self.number.replace('/', '-')}.pdf"

    @property
    def is_expired(self) -> bool:
        return bool(self.valid_until and self.valid_until < timezone.localdate())

    @property
    def is_valid(self) -> bool:
        return not self.revoked and not self.is_expired


# --- Wizard drafts ----------------------------------------------------------------------------------------------


class Draft(OrganizationOwned):
    """A form being filled in: answers so far, files uploaded so far (private storage), steps completed.

    Lives server-side so a citizen can save and come back by an e-mailed signed link; dies once submitted.
    """

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"),
                                     on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(ServicePage, verbose_name=_("service"), on_delete=models.CASCADE,
                                related_name="drafts")
    definition = models.JSONField(_("form definition"))
    answers = models.JSONField(_("answers"), default=dict)
    files = models.JSONField(_("files"), default=dict,
                             help_text=_("Question key → list of {path, name, mime, size} in private storage."))
    step_data = models.JSONField(
        _("step data"), default=dict,
        help_text=_("Step key → what the citizen posted for that completed step, revalidated before filing."))
    resume_email = models.EmailField(_("resume e-mail"), blank=True)
    submission = models.OneToOneField(Submission, verbose_name=_("request"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="draft")
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("draft request")
        verbose_name_plural = _("draft requests")

    def __str__(self) -> str:
        return f"draft {self.pk} of {self.service_id}"


# --- Notification wording ---------------------------------------------------------------------------------------


class NotificationTemplate(OrganizationOwned):
    """An LGO's own wording for one notification (subject and body, Django template syntax).

    Without a row the default wording in code is used; see `core.notifications` for the variables of each key.
    """

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"),
                                     on_delete=models.CASCADE, related_name="notification_templates")
    key = models.CharField(_("notification"), max_length=60, choices=NotificationKey.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), help_text=_("Variables in double braces, e.g. {{ reference }}."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification template")
        verbose_name_plural = _("notification templates")
        constraints = [
            models.UniqueConstraint(fields=["organization", "key"], name="notification_template_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()} ({self.organization})"

    def clean(self) -> None:
        from django.template import Template, TemplateSyntaxError

        if self.organization_id and NotificationTemplate.objects.filter(
                organization_id=self.organization_id, key=self.key).exclude(pk=self.pk).exists():
            raise ValidationError({"key": _("This notification already has its own wording; edit that one.")})
        for field in ("subject", "body"):
            try:
                Template(getattr(self, field))
            except TemplateSyntaxError as exc:
                raise ValidationError({field: _("Template error: %(error)s") % {"error": exc}}) from exc
