"""The catalogue: the service index and the service page (citizen manual + form definition)."""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from rest_framework.relations import StringRelatedField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.pagecache import CacheablePageMixin, remember, site_id_for
from organizations.sitetree import root_page_models

from ..blocks import ProcessStepBlock, RequiredDocumentBlock
from ..constants import (
    DocumentKind,
    FeePoint,
    ServiceCategory,
    ServiceType,
)
from ..forms.blocks import StepBlock
from ..kinds import registry as kinds


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
        from ..selectors import catalogue

        context = super().get_context(request, *args, **kwargs)
        query = (request.GET.get("q") or "").strip()[:100]
        context["query"] = query
        # Lazy: a catalogue already rendered for this publish ({% sitefragment %}) needs no query.
        context["groups"] = SimpleLazyObject(lambda: catalogue(self, query=query))
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
    # The citizen manual in the headless API (/api/v2/services/): what the page shows, never the form's answers.
    api_fields = [
        *(APIField(name) for name in (
            "summary", "category", "service_type", "process_name", "legal_basis", "time_limit_days",
            "total_time_days", "process_steps", "channels", "service_hours", "criteria", "no_documents_required",
            "required_documents", "fee_point", "fee_amount", "fee_text", "complaint_channel", "online_filing",
            "service_kind")),
        APIField("department", serializer=StringRelatedField()),
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
        from ..forms.definition import assign_question_keys

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
        if self.fee_point != FeePoint.NONE and not self.fee_amount and not self.kind.computes_fee:
            errors.setdefault("fee_amount", []).append(_("Enter the fee amount."))
        if self.online_filing and self.kind.editor_builds_form:
            from ..forms.definition import definition_from_stream, validate_definition

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
        site_id = None if getattr(request, "is_preview", False) else site_id_for(request)
        if site_id is not None:
            # The LGO, the responsible department and the catalogue's address, kept until the site's next change (a
            # publish, the LGO's profile or a department saved): three queries a render otherwise. A preview shows
            # the draft's own.
            organization, department, parent_url = remember(
                site_id, f"service-page-context:{self.pk}", lambda: (self.organization, self.department,
                                                              self._parent_url(request)))
            self.__dict__["organization"] = organization
            self.department = department
        else:
            parent_url = self._parent_url(request)
        context["organization"] = self.organization
        context["parent_url"] = parent_url
        return context

    def _parent_url(self, request) -> str:
        parent = self.get_parent()
        return (parent.get_url(request) if parent is not None else None) or "/"
