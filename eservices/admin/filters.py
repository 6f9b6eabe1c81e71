"""The inbox's filter, search and sort form, and how each choice narrows the (already scoped) queryset.

Every filter is a plain equality or range on an indexed column of `Submission` led by `organization`, so a list of a
million cases stays fast. Searching classifies the text first (reference, national ID, phone, else name) so that the
exact, indexed lookup is used whenever possible; searches by personal data are audit-logged by the view.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django import forms
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import BEDateField, BEDateTextInput
from core.seek import SeekKey, ordering
from core.thai import normalize_national_id, normalize_phone
from organizations.models import Organization

from ..constants import SubmissionStatus
from ..deadlines import local_midnight
from ..models import ServicePage, Submission

PAGE_SIZES = (25, 50, 100)

#: Each order is total (it ends with a unique column) so that pages can be sought (core.seek), and each leads with
#: the columns of an index that also starts with organization (the filters' indexes, see Submission.Meta).
SORTS: dict[str, tuple[SeekKey, ...]] = {
    "-received": (SeekKey("received_at", descending=True), SeekKey("id", descending=True)),
    "received": (SeekKey("received_at"), SeekKey("id")),
    "due": (SeekKey("due_date", nullable=True), SeekKey("received_at"), SeekKey("id")),
    "status": (SeekKey("status"), SeekKey("received_at", descending=True), SeekKey("id", descending=True)),
    "reference": (SeekKey("reference"),),
}
SORT_CHOICES = [
    ("-received", _("Newest first")),
    ("received", _("Oldest first")),
    ("due", _("Due date (soonest first)")),
    ("status", _("Status")),
    ("reference", _("Reference")),
]


@dataclass(frozen=True)
class SearchTerm:
    """What the officer typed, classified. `kind` is reference, national_id, phone or name."""

    kind: str
    value: str

    @property
    def is_personal_data(self) -> bool:
        return self.kind in {"national_id", "phone", "name"}

    def audit_detail(self) -> str:
        """What the audit log keeps: the kind of search and a masked value (the log must not become a copy of
        the personal data it guards)."""
        if self.kind in {"national_id", "phone"}:
            return f"inbox search by {self.kind} ending {self.value[-4:]}"
        return f"inbox search by {self.kind}"


_REFERENCE = re.compile(r"[A-Z0-9]{2,10}-\d{4}-\d{1,8}")


def classify_search(text: str) -> SearchTerm | None:
    text = (text or "").strip()[:100]
    if not text:
        return None
    upper = text.upper()
    if _REFERENCE.fullmatch(upper) or re.fullmatch(r"[A-Z0-9]{2,10}-\d{4}-?", upper):
        return SearchTerm("reference", upper)
    digits = normalize_national_id(text)
    if re.fullmatch(r"\d{13}", digits):  # no checksum test: officers also look up mistyped IDs
        return SearchTerm("national_id", digits)
    phone = normalize_phone(text)
    if re.fullmatch(r"0\d{8,9}", phone):
        return SearchTerm("phone", phone)
    if re.fullmatch(r"\d{1,8}", text):
        return SearchTerm("reference_number", text)
    return SearchTerm("name", text)


def apply_search(queryset: QuerySet[Submission], term: SearchTerm | None) -> QuerySet[Submission]:
    if term is None:
        return queryset
    if term.kind == "reference":
        if _REFERENCE.fullmatch(term.value):
            return queryset.filter(reference=_canonical_reference(term.value))
        return queryset.filter(reference__startswith=term.value)
    if term.kind == "reference_number":
        # "123" finds …-000123 of any year: the running number is zero-padded to six digits.
        return queryset.filter(reference__endswith="-" + term.value.zfill(6))
    if term.kind == "national_id":
        return queryset.filter(applicant_national_id=term.value)
    if term.kind == "phone":
        return queryset.filter(applicant_phone=term.value)
    return queryset.filter(applicant_name__icontains=term.value)


def _canonical_reference(value: str) -> str:
    """"NKS-2569-123" and "NKS-2569-000123" are the same case (references pad the running number to 6 digits)."""
    code, year, number = value.split("-")
    return f"{code}-{year}-{number.zfill(6)}"


class InboxFilterForm(forms.Form):
    """GET form of the inbox. Choices are limited to what the officer's scope holds."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100,
                        help_text=_("Reference, applicant's name, phone or national ID"))
    service = forms.TypedChoiceField(label=_("Service"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), ("open", _("All open")), *SubmissionStatus.choices])
    department = forms.TypedChoiceField(label=_("Department"), required=False, coerce=int, empty_value=None)
    assignee = forms.ChoiceField(label=_("Assigned to"), required=False)
    due = forms.ChoiceField(label=_("Time limit"), required=False, choices=[
        ("", _("Any")),
        ("overdue", _("Overdue")),
        ("soon", _("Due within 3 working days")),
    ])
    received_from = BEDateField(label=_("Received from"), required=False, widget=BEDateTextInput())
    received_to = BEDateField(label=_("Received until"), required=False, widget=BEDateTextInput())
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)
    per_page = forms.TypedChoiceField(label=_("Per page"), required=False, coerce=int, empty_value=PAGE_SIZES[1],
                                      choices=[(size, str(size)) for size in PAGE_SIZES])

    def __init__(self, *args, organization: Organization, departments, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.user = user
        self.fields["service"].choices = [("", _("All services")), *service_choices(organization)]
        self.fields["department"].choices = [("", _("All departments")), *((d.pk, d.name) for d in departments)]
        self.fields["assignee"].choices = [
            ("", _("Anyone")), ("me", _("Me")), ("none", _("Nobody (unassigned)")),
            *((str(pk), name) for pk, name in officer_choices(organization)),
        ]

    def clean(self):
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("The end date must not be before the start date."))
        return data

    @property
    def search_term(self) -> SearchTerm | None:
        return classify_search(self.cleaned_data.get("q", "")) if self.is_bound and self.is_valid() else None

    def filter(self, queryset: QuerySet[Submission]) -> QuerySet[Submission]:
        """Narrow and order the scoped queryset by the valid choices (invalid ones are ignored and shown)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("service"):
            queryset = queryset.filter(service_id=data["service"])
        status = data.get("status")
        if status == "open":
            queryset = queryset.open()
        elif status:
            queryset = queryset.filter(status=status)
        if data.get("department"):
            queryset = queryset.filter(department_id=data["department"])
        assignee = data.get("assignee")
        if assignee == "me":
            queryset = queryset.filter(assignee=self.user)
        elif assignee == "none":
            queryset = queryset.filter(assignee__isnull=True)
        elif assignee:
            queryset = queryset.filter(assignee_id=int(assignee))
        queryset = self._filter_due(queryset, data.get("due"))
        queryset = _filter_received(queryset, data.get("received_from"), data.get("received_to"))
        queryset = apply_search(queryset, self.search_term)
        return queryset.order_by(*ordering(self.seek_keys))

    @property
    def seek_keys(self) -> tuple[SeekKey, ...]:
        """The order of the list (the chosen sort, else newest first)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return SORTS[data.get("sort") or "-received"]

    def _filter_due(self, queryset: QuerySet[Submission], due: str | None) -> QuerySet[Submission]:
        today = timezone.localdate()
        if due == "overdue":
            return queryset.overdue(today)
        if due == "soon":
            return queryset.due_soon(self.organization, today)
        return queryset

    @property
    def page_size(self) -> int:
        if self.is_bound and self.is_valid() and self.cleaned_data.get("per_page"):
            return self.cleaned_data["per_page"]
        return PAGE_SIZES[1]


def _filter_received(queryset: QuerySet[Submission], start: dt.date | None, end: dt.date | None):
    """Received dates (legal receipt time) are Bangkok days: comparing with local midnight keeps the index usable."""
    if start:
        queryset = queryset.filter(received_at__gte=local_midnight(start))
    if end:
        queryset = queryset.filter(received_at__lt=local_midnight(end + dt.timedelta(days=1)))
    return queryset


#: Choice lists (services, officers) change rarely; caching them briefly saves several queries on every inbox page.
CHOICES_CACHE_SECONDS = 60


def service_choices(organization: Organization) -> list[tuple[int, str]]:
    """The LGO's services (every page under its site, live or not: old cases keep their service)."""
    def load() -> list[tuple[int, str]]:
        root = organization.site.root_page
        return list(ServicePage.objects.filter(path__startswith=root.path).order_by("title")
                    .values_list("pk", "title"))

    return cache.get_or_set(f"eservices:inbox:services:{organization.pk}", load, CHOICES_CACHE_SECONDS)


def officer_choices(organization: Organization) -> list[tuple[int, str]]:
    """Officers of the LGO who handle cases, for the assignee filter and the assign forms."""
    def load() -> list[tuple[int, str]]:
        from .access import INBOX_ROLES

        users = (get_user_model().objects
                 .filter(is_active=True, memberships__organization=organization, memberships__role__in=INBOX_ROLES)
                 .distinct().order_by("first_name", "last_name", "username"))
        return [(user.pk, user.get_full_name() or user.get_username()) for user in users]

    return cache.get_or_set(f"eservices:inbox:officers:{organization.pk}", load, CHOICES_CACHE_SECONDS)


