"""The LGO (one per Wagtail Site), its departments, its officers' roles and its working-day calendar."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.files import private_storage
from core.tenants import TenantQuerySet

from .constants import OrganizationKind, Role

digits_13 = RegexValidator(r"^\d{13}$", _("Enter exactly 13 digits."))
digits_15 = RegexValidator(r"^\d{15}$", _("Enter exactly 15 digits."))
code_validator = RegexValidator(r"^[A-Z0-9]{2,10}$", _("Use 2–10 capital English letters or digits, e.g. NKS."))


class OrganizationQuerySet(models.QuerySet):
    def for_user(self, user) -> OrganizationQuerySet:
        """The LGOs where `user` holds any role (all of them for a superuser)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.is_superuser:
            return self.all()
        return self.filter(memberships__user=user).distinct()


class Organization(models.Model):
    """A Thai local government organization (อปท.) hosted on this deployment, bound 1:1 to a Wagtail Site."""

    site = models.OneToOneField(
        "wagtailcore.Site", verbose_name=_("website"), on_delete=models.PROTECT, related_name="organization"
    )
    code = models.CharField(
        _("short code"), max_length=10, unique=True, validators=[code_validator],
        help_text=_("Capital letters used in reference numbers, e.g. NKS gives NKS-2569-000123."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=OrganizationKind.choices)
    name_th = models.CharField(_("name in Thai"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    dla_code = models.CharField(
        _("DLA code"), max_length=7, unique=True, validators=[RegexValidator(r"^\d{7}$", _("Enter 7 digits."))],
        help_text=_("The 7-digit code the Department of Local Administration gives this LGO."),
    )
    province = models.CharField(_("province"), max_length=100)
    district = models.CharField(_("district"), max_length=100)
    subdistrict = models.CharField(_("subdistrict"), max_length=100, blank=True)
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    office_hours = models.CharField(
        _("office hours (text)"), max_length=200, blank=True, default="จันทร์–ศุกร์ 08:30–16:30 น."
    )
    office_opens = models.TimeField(_("office opens"), default=dt.time(8, 30))
    office_closes = models.TimeField(_("office closes"), default=dt.time(16, 30))
    tax_id = models.CharField(_("tax ID"), max_length=13, blank=True, validators=[digits_13])
    biller_id = models.CharField(
        _("bill-payment biller ID"), max_length=15, blank=True, validators=[digits_15],
        help_text=_("15 digits from the bank: the tax ID followed by a 2-digit suffix."),
    )
    document_prefix = models.CharField(
        _("correspondence number prefix"), max_length=30, blank=True,
        help_text=_("The ที่ prefix on outgoing letters, e.g. ชร 52301."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("logo"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    garuda = models.FileField(
        _("Garuda emblem (ตราครุฑ)"), storage=private_storage, upload_to="organizations/garuda/", blank=True,
        max_length=255,
        help_text=_("The official black Garuda your letters carry, as a PNG or JPEG image at least 300 pixels high "
                    "(at most 2 MB). Printed 3 cm high on letters, orders and announcements, 1.5 cm on memos."),
    )
    collection = models.OneToOneField(
        "wagtailcore.Collection", verbose_name=_("media collection"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="organization",
        help_text=_("Images and documents of this LGO; only its own officers see them."),
    )
    disabled_modules = models.JSONField(
        _("systems switched off"), default=list, blank=True,
        help_text=_("Systems this LGO does not use: their menus and pages are hidden. New systems start switched on."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name_th"]
        constraints = [
            # The bank settles a Thai QR payment to the biller ID: two LGOs sharing one would let the second receive
            # (and the gateway route) the first's citizens' payments. Blank means "no bill payment yet".
            models.UniqueConstraint(fields=["biller_id"], condition=~models.Q(biller_id=""),
                                    name="organization_biller_id_unique"),
        ]

    def __str__(self) -> str:
        return self.name_th

    def clean(self) -> None:
        """The tax ID carries the same check digit as a national ID; a biller ID starts with the tax ID.

        The biller ID's tax-ID part is checked even when no tax ID is on record: Thai QR codes refuse a biller ID
        with a wrong check digit, so one saved here would leave every invoice of the LGO without a QR code.
        """
        from core.thai import national_id_checksum_ok

        errors = {}
        if self.tax_id and len(self.tax_id) == 13 and not national_id_checksum_ok(self.tax_id):
            errors["tax_id"] = _("This tax ID's check digit is wrong; please check the 13 digits.")
        if self.biller_id and self.tax_id and not self.biller_id.startswith(self.tax_id):
            errors["biller_id"] = _("The biller ID must start with the LGO's tax ID.")
        elif (self.biller_id and len(self.biller_id) == 15 and self.biller_id.isdigit()
              and not national_id_checksum_ok(self.biller_id[:13])):
            errors["biller_id"] = _("This tax ID's check digit is wrong; please check the 13 digits.")
        if "biller_id" not in errors and self.biller_id and self.biller_id_taken():
            errors["biller_id"] = _("Another LGO on this system already uses this biller ID. Check the 15 digits "
                                    "on your bank's bill-payment agreement.")
        if self.office_opens and self.office_closes and self.office_opens >= self.office_closes:
            errors["office_closes"] = _("The office must close after it opens.")
        if errors:
            raise ValidationError(errors)

    def uses(self, module: str) -> bool:
        """Whether this LGO uses the system `module` (a `constants.Module`); everything is on unless switched off."""
        return module not in (self.disabled_modules or [])

    def biller_id_taken(self) -> bool:
        """Whether another LGO already holds this biller ID (the bank pays each biller ID to one account)."""
        return Organization.objects.filter(biller_id=self.biller_id).exclude(pk=self.pk).exists()

    @property
    def name(self) -> str:
        """The name in the active language (Thai when no English name is set)."""
        if (get_language() or "th").startswith("en") and self.name_en:
            return self.name_en
        return self.name_th


class OrganizationOwned(models.Model):
    """Abstract base of every row that belongs to one LGO: an `organization` and the one tenancy queryset
    (`for_organization()`, `for_request()`), so views and admin screens never filter by LGO by hand.

    Models whose relation needs other options (cascade, a reverse name, nullable for shared rows) redeclare the
    `organization` field; their queryset, when they have their own, subclasses `TenantQuerySet`.
    """

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="+"
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True


class Department(OrganizationOwned):
    """A division of the LGO (สำนักปลัด, กองคลัง, กองช่าง, …): cases and letters are routed to these."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="departments"
    )
    name_th = models.CharField(_("name in Thai"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    code = models.SlugField(_("code"), max_length=30)
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("New cases for this department are announced here."))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["organization", "sort_order", "name_th"]
        constraints = [models.UniqueConstraint(fields=["organization", "code"], name="department_code_unique")]

    def __str__(self) -> str:
        return self.name_th

    @property
    def name(self) -> str:
        if (get_language() or "th").startswith("en") and self.name_en:
            return self.name_en
        return self.name_th


class Membership(OrganizationOwned):
    """One role an officer holds in one LGO, optionally within one department."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="memberships"
    )
    department = models.ForeignKey(
        Department, verbose_name=_("department"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    position = models.CharField(
        _("position"), max_length=200, blank=True, help_text=_("Official position, printed under a typed signature.")
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization", "role"], name="membership_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organization}"


class HolidayQuerySet(TenantQuerySet):
    """An LGO's holidays are the national ones (no organization) plus its own (local festivals, closures)."""

    shared_rows = True


class Holiday(OrganizationOwned):
    """A day the office is closed. National holidays have no organization; an LGO may add its own."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="holidays", help_text=_("Empty for a national public holiday."),
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=200)
    note = models.CharField(
        _("note"), max_length=200, blank=True,
        help_text=_("For example: lunar-calendar date to check against the cabinet announcement."),
    )

    objects = HolidayQuerySet.as_manager()

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "date"], name="holiday_unique_per_org"),
            models.UniqueConstraint(
                fields=["date"], condition=models.Q(organization__isnull=True), name="holiday_unique_national"
            ),
        ]

    def __str__(self) -> str:
        # As officers read a date: "15 ก.พ. 2570 วันท้องถิ่น" (Buddhist Era on Thai screens), in headings and prompts.
        from core.templatetags.thai import be_date

        return f"{be_date(self.date, 'short')} {self.name}"


class OrganizationGroup(OrganizationOwned):
    """The Wagtail group that carries one role's permissions in one LGO ("NKS PR editors", …).

    Kept as a row rather than found by name, so that renaming a group in the admin does not break the link between
    memberships and permissions (`organizations.permissions.sync_user_groups`).
    """

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="role_groups"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    group = models.OneToOneField(
        "auth.Group", verbose_name=_("group"), on_delete=models.CASCADE, related_name="organization_role"
    )

    class Meta:
        verbose_name = _("role group")
        verbose_name_plural = _("role groups")
        constraints = [models.UniqueConstraint(fields=["organization", "role"], name="organization_group_unique_role")]

    def __str__(self) -> str:
        return self.group.name


class PasswordChangeRequired(models.Model):
    """This account signed in with a temporary password that someone else chose or saw (onboarding, a new officer):
    until its owner sets their own, the admin shows only the password screen."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, primary_key=True,
        related_name="password_change_required",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("password change required")
        verbose_name_plural = _("password changes required")

    def __str__(self) -> str:
        return str(self.user)


class ChecklistMark(OrganizationOwned):
    """A first-run checklist step the LGO administrator confirmed by hand (steps such as "departments reviewed"
    cannot be read from the data). Steps that can be read from the data never need a mark."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="checklist_marks"
    )
    step = models.CharField(_("step"), max_length=30)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("done by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    done_at = models.DateTimeField(_("done at"), auto_now_add=True)

    class Meta(OrganizationOwned.Meta):
        verbose_name = _("checklist step done")
        verbose_name_plural = _("checklist steps done")
        constraints = [models.UniqueConstraint(fields=["organization", "step"], name="checklist_mark_unique")]

    def __str__(self) -> str:
        return f"{self.organization} {self.step}"


class ProvinceAdministrator(models.Model):
    """The province-administrator role (ผู้ดูแลระดับจังหวัด): a user bound to one province of the deployment.

    Above any one LGO: sees the province's adoption view and each LGO's dashboard figures (no personal data), and
    adds the province's LGOs through the web onboarding screen. Holds no role inside any LGO (so no case, letter or
    page of an LGO is open to them). Appointed by a superuser (`services.appoint_province_administrator`).
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
                                related_name="province_administrator")
    province = models.CharField(_("province"), max_length=100,
                                help_text=_("As the LGOs' profiles spell it, e.g. เชียงราย."))
    appointed_at = models.DateTimeField(_("appointed at"), auto_now_add=True)

    class Meta:
        verbose_name = _("province administrator")
        verbose_name_plural = _("province administrators")
        ordering = ["province", "user__username"]

    def __str__(self) -> str:
        return f"{self.user} ({self.province})"
