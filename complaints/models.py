"""Complaint and repair-request data: the LGO's categories and routing rules, and each report with its photos,
timeline and followers. A report is also an e-service case (`Report.submission`): the engine gives it the
reference, the tracking link, contact details, e-mail and retention; this app adds what a repair request needs.
Changed only through `complaints.services`.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.appendonly import AppendOnlyModel
from core.files import private_storage
from core.tenants import TenantQuerySet
from organizations.models import Organization, OrganizationOwned

from .constants import (
    OPEN_STATUSES,
    PUBLIC_GRID_DEGREES,
    Channel,
    EventKind,
    Icon,
    PhotoKind,
    ReportStatus,
)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_LONG_NUMBER = re.compile(r"(?:[0-9๐-๙][\s-]?){9,}[0-9๐-๙]")


def _localized(th: str, en: str) -> str:
    return en if (get_language() or "th").startswith("en") and en else th


class CategoryQuerySet(TenantQuerySet):
    def active(self) -> CategoryQuerySet:
        return self.filter(is_active=True)


class Category(OrganizationOwned):
    """A topic citizens report under (ถนนชำรุด, ไฟฟ้าดับ …). Each LGO edits its own list; every LGO starts with the
    default set (`complaints.defaults`). The code is stable: Open311 clients and LINE quick replies use it."""

    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
                                     related_name="complaint_categories")
    code = models.SlugField(_("code"), max_length=40, help_text=_("Short English code used by apps, e.g. lights."))
    name_th = models.CharField(_("name in Thai"), max_length=120)
    name_en = models.CharField(_("name in English"), max_length=120, blank=True)
    description = models.CharField(_("description"), max_length=300, blank=True,
                                   help_text=_("Examples shown under the topic to help citizens choose."))
    icon = models.CharField(_("icon"), max_length=20, choices=Icon.choices, default=Icon.OTHER)
    allows_anonymous = models.BooleanField(
        _("may be reported anonymously"), default=False,
        help_text=_("For topics where reporters may fear reprisal, such as corruption."))
    is_active = models.BooleanField(_("offered to citizens"), default=True)
    shown_publicly = models.BooleanField(
        _("shown on the public board"), default=True,
        help_text=_("Off for topics such as corruption, where a public accusation could harm someone."))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    acknowledge_days = models.PositiveSmallIntegerField(
        _("accept within (working days)"), default=1, help_text=_("Reports not accepted by then are flagged overdue."))
    resolve_days = models.PositiveSmallIntegerField(
        _("report back within (days)"), default=7,
        help_text=_("The citizen is told the outcome within this many days; later reports are flagged overdue."))
    department = models.ForeignKey("organizations.Department", verbose_name=_("department"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   help_text=_("Where reports of this topic go when no routing rule matches."))

    objects = CategoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("complaint topic")
        verbose_name_plural = _("complaint topics")
        ordering = ["organization", "sort_order", "name_th"]
        constraints = [models.UniqueConstraint(fields=["organization", "code"], name="complaint_category_code")]

    def __str__(self) -> str:
        return self.name_th

    @property
    def name(self) -> str:
        return _localized(self.name_th, self.name_en)

    @property
    def icon_path(self) -> str:
        return f"complaints/icons/{self.icon}.svg"


class ComplaintSettings(OrganizationOwned):
    """One per LGO: its area, where reports go when no rule matches, and how the public map looks."""

    organization = models.OneToOneField(Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
                                        related_name="complaint_settings")
    boundary = models.JSONField(
        _("area boundary"), default=list, blank=True,
        help_text=_("The LGO's area as a list of [longitude, latitude] points (a GeoJSON ring). Empty: no check."))
    outside_area_referral = models.CharField(
        _("where reports outside the area go"), max_length=300, blank=True,
        default="ศูนย์ดำรงธรรมอำเภอ หรือองค์กรปกครองส่วนท้องถิ่นที่รับผิดชอบพื้นที่นั้น",
        help_text=_("Told to the reporter when the place is outside the LGO's area."))
    fallback_department = models.ForeignKey(
        "organizations.Department", verbose_name=_("fallback department"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", help_text=_("Gets reports no rule and no topic routes."))
    publish_exact_points = models.BooleanField(
        _("publish exact places"), default=False,
        help_text=_("Off: places on the public board are rounded to about 50 metres."))
    tile_url = models.CharField(_("map tile address"), max_length=300, blank=True,
                                default="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                                help_text=_("Leave empty to show the list without a map."))
    tile_attribution = models.CharField(_("map attribution"), max_length=300, blank=True,
                                        default="© OpenStreetMap contributors")
    map_latitude = models.DecimalField(_("map centre latitude"), max_digits=9, decimal_places=6, null=True,
                                       blank=True)
    map_longitude = models.DecimalField(_("map centre longitude"), max_digits=9, decimal_places=6, null=True,
                                        blank=True)

    class Meta:
        verbose_name = _("complaint settings")
        verbose_name_plural = _("complaint settings")

    def __str__(self) -> str:
        return str(self.organization)


class RoutingRule(OrganizationOwned):
    """Topic (and optionally a village or an area) → department. The first matching rule by order wins; then the
    topic's own department, then the LGO's fallback (`ComplaintSettings.fallback_department`)."""

    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
                                     related_name="complaint_routing_rules")
    category = models.ForeignKey(Category, verbose_name=_("topic"), null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="routing_rules", help_text=_("Empty: any topic."))
    village = models.PositiveSmallIntegerField(_("village (หมู่ที่)"), null=True, blank=True,
                                               help_text=_("Empty: any village."))
    area = models.JSONField(_("area"), default=list, blank=True,
                            help_text=_("A list of [longitude, latitude] points. Empty: anywhere."))
    department = models.ForeignKey("organizations.Department", verbose_name=_("department"),
                                   on_delete=models.CASCADE, related_name="+")
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")
        ordering = ["organization", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.description or f"{self.category or '*'} → {self.department}"


class ReportQuerySet(TenantQuerySet):
    def open(self) -> ReportQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def public(self) -> ReportQuerySet:
        """What the public board may show: topics the LGO publishes, not merged away, not cancelled."""
        return self.filter(category__shown_publicly=True).exclude(
            status__in=[ReportStatus.MERGED, ReportStatus.CANCELLED])


class Report(OrganizationOwned):
    """A complaint or repair request. Its case (`submission`) holds the reporter's contact; the public board
    shows only the topic, description, rounded place, photos (EXIF stripped) and status."""

    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
                                     related_name="complaint_reports")
    submission = models.OneToOneField("eservices.Submission", verbose_name=_("case"), on_delete=models.CASCADE,
                                      related_name="complaint_report")
    category = models.ForeignKey(Category, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="reports")
    description = models.TextField(_("what is wrong"), max_length=2000)
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.CharField(_("address or landmark"), max_length=300, blank=True)
    village = models.PositiveSmallIntegerField(_("village (หมู่ที่)"), null=True, blank=True)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB)
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.NEW)
    department = models.ForeignKey("organizations.Department", verbose_name=_("department"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    merged_into = models.ForeignKey("self", verbose_name=_("merged into"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="merged_reports")
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True,
                                              validators=[MinValueValidator(1), MaxValueValidator(5)])
    rating_comment = models.TextField(_("rating comment"), blank=True, max_length=1000)
    attributes = models.JSONField(_("extra answers"), default=dict, blank=True)
    media_url = models.URLField(_("media address"), blank=True, max_length=500)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    done_at = models.DateTimeField(_("fixed at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    acknowledge_by = models.DateField(_("accept by"), null=True, blank=True)
    resolve_by = models.DateField(_("report back by"), null=True, blank=True)
    public_note = models.TextField(_("latest public note"), blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("complaint report")
        verbose_name_plural = _("complaint reports")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["organization", "status", "-created_at"], name="report_org_status"),
            models.Index(fields=["organization", "category", "status"], name="report_org_category"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.category}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("complaints:status", kwargs={"token": self.submission.tracking_token})

    def get_public_url(self) -> str:
        """The report on the public board (no personal data)."""
        from django.urls import reverse

        return reverse("complaints:detail", kwargs={"report_id": self.pk})

    @property
    def reference(self) -> str:
        return self.submission.reference

    @property
    def public_description(self) -> str:
        """The description with phone numbers, ID numbers and e-mail addresses a reporter typed hidden."""
        text = _EMAIL.sub("•••@•••", self.description)
        return _LONG_NUMBER.sub(lambda m: "•" * len(m.group(0)), text)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def open311_status(self) -> str:
        return "open" if self.is_open else "closed"

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def public_point(self, *, exact: bool = False) -> tuple[Decimal, Decimal] | None:
        """The place as the public may see it: snapped to a ~50 m grid unless the LGO publishes exact points."""
        if not self.has_point:
            return None
        if exact:
            return self.latitude, self.longitude
        grid = Decimal(str(PUBLIC_GRID_DEGREES))
        return tuple(  # type: ignore[return-value]
            ((value / grid).quantize(Decimal(1), rounding=ROUND_HALF_UP) * grid).quantize(Decimal("0.000001"))
            for value in (self.latitude, self.longitude)
        )

    def days_open(self, today: dt.date | None = None) -> int:
        end = self.closed_at or timezone.now()
        return max(0, (timezone.localdate(end) - timezone.localdate(self.created_at)).days)

    def overdue_flags(self, today: dt.date | None = None) -> list[str]:
        """"acknowledge" when not accepted in time, "resolve" when not reported back in time (open reports only)."""
        today = today or timezone.localdate()
        flags = []
        if self.status == ReportStatus.NEW and self.acknowledge_by and self.acknowledge_by < today:
            flags.append("acknowledge")
        if self.is_open and self.resolve_by and self.resolve_by < today:
            flags.append("resolve")
        return flags


def _photo_path(instance: ReportPhoto, filename: str) -> str:
    from core.files import private_upload_path

    return private_upload_path("complaints/photos", "jpg")


class ReportPhoto(models.Model):
    """A photo of the problem or of the fix: resized, re-encoded as JPEG with no EXIF (no GPS, no camera serial),
    kept privately and served through a view that checks the report may be seen."""

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField(_("kind"), max_length=10, choices=PhotoKind.choices, default=PhotoKind.BEFORE)
    image = models.FileField(_("image"), storage=private_storage, upload_to=_photo_path, max_length=255)
    width = models.PositiveIntegerField(_("width"))
    height = models.PositiveIntegerField(_("height"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+", help_text=_("Empty: the citizen."))
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("report photo")
        verbose_name_plural = _("report photos")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.kind}"


class ReportEvent(AppendOnlyModel):
    """One line of a report's timeline. Append-only: what the citizen was told is never rewritten."""

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("what happened"), max_length=20, choices=EventKind.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=ReportStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=ReportStatus.choices, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+",
                              help_text=_("Empty: the citizen or the system."))
    note = models.TextField(_("note"), blank=True)
    department = models.ForeignKey("organizations.Department", verbose_name=_("department"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    is_public = models.BooleanField(_("shown to the public"), default=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("report event")
        verbose_name_plural = _("report events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.kind}"


class Follower(models.Model):
    """Someone told about a report's progress: its reporter, people who chose "follow it instead", and the
    followers of reports merged into it."""

    report = models.ForeignKey(Report, verbose_name=_("report"), on_delete=models.CASCADE, related_name="followers")
    email = models.EmailField(_("e-mail"), blank=True)
    line_user_id = models.CharField(_("LINE user ID"), max_length=64, blank=True)
    language = models.CharField(_("language"), max_length=10, default="th")
    created_at = models.DateTimeField(_("since"), default=timezone.now)

    class Meta:
        verbose_name = _("follower")
        verbose_name_plural = _("followers")
        constraints = [
            models.UniqueConstraint(fields=["report", "email"], condition=~models.Q(email=""),
                                    name="follower_email_unique"),
            models.UniqueConstraint(fields=["report", "line_user_id"], condition=~models.Q(line_user_id=""),
                                    name="follower_line_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.email or self.line_user_id}"
