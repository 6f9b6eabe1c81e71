"""Service accounts, tariffs by ordinance, monthly bills, occasional pickups, billing runs and reminders.

Money is Decimal baht with satang (two places). Invoices, payments and receipts belong to `payments`; a `Bill` only
ties one account's month to its invoice, so that "one invoice per account per period" is a database constraint and
the dashboard can sum by zone and month without parsing invoice source ids.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.tenants import TenantQuerySet
from core.thai import is_thai_phone, national_id_checksum_ok, normalize_national_id, normalize_phone
from organizations.models import OrganizationOwned

from .constants import AccountKind, BillingRunStatus, PickupBilling

account_number_validator = RegexValidator(
    r"^[A-Z0-9]{1,20}$",
    _("Use up to 20 capital English letters or digits, with no spaces or dashes (it is the bill-payment Ref1)."),
)
zone_code_validator = RegexValidator(r"^[A-Z0-9]{1,10}$", _("Use up to 10 capital English letters or digits."))
money_validator = MinValueValidator(Decimal("0.00"))


def money_field(verbose_name, **kwargs) -> models.DecimalField:
    """A Decimal amount in baht with satang, never negative."""
    return models.DecimalField(
        verbose_name, max_digits=12, decimal_places=2, validators=[money_validator], **kwargs
    )


class Zone(OrganizationOwned):
    """A collection area of the LGO (a village, community or route), used to plan rounds and to report."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.CASCADE,
        related_name="waste_zones",
    )
    code = models.CharField(
        _("code"), max_length=10, validators=[zone_code_validator], help_text=_("Short code, e.g. M1 for หมู่ 1.")
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("E.g. หมู่ 1 บ้านหนองแก"))
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("zone")
        verbose_name_plural = _("zones")
        ordering = ["organization", "sort_order", "code"]
        constraints = [models.UniqueConstraint(fields=["organization", "code"], name="wastefees_zone_code_unique")]

    def __str__(self) -> str:
        return self.name


class TariffClass(OrganizationOwned):
    """A line of the ordinance's fee table: a household volume tier or a premises type.

    Households are classed by litres of waste a day (ไม่เกิน 20 ลิตร, 21–60 ลิตร …); premises by business type (ร้านค้า,
    ร้านอาหาร, โรงแรม …). The fees themselves are dated (`TariffRate`), the classes stay when the ordinance changes.
    """

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.CASCADE,
        related_name="waste_tariff_classes",
    )
    code = models.CharField(_("code"), max_length=10, validators=[zone_code_validator],
                            help_text=_("Short code used in CSV imports, e.g. H20 or SHOP."))
    name = models.CharField(_("name"), max_length=200, help_text=_("As the ordinance words it."))
    kind = models.CharField(_("kind"), max_length=20, choices=AccountKind.choices)
    litres_per_day_max = models.PositiveIntegerField(
        _("up to litres per day"), null=True, blank=True,
        help_text=_("Households only: the upper bound of this tier (empty for the open top tier)."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("tariff class")
        verbose_name_plural = _("tariff classes")
        ordering = ["organization", "kind", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "code"], name="wastefees_tariffclass_code_unique")
        ]

    def __str__(self) -> str:
        return self.name


class ServiceAccountQuerySet(TenantQuerySet):
    def active_during(self, start: dt.date, end: dt.date) -> ServiceAccountQuerySet:
        """Accounts whose service overlaps [start, end]."""
        return self.filter(Q(active_from__lte=end) & (Q(active_to__isnull=True) | Q(active_to__gte=start)))


class ServiceAccount(OrganizationOwned):
    """A household or premises the LGO collects waste from (and treats wastewater for), billed monthly."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="waste_accounts",
    )
    number = models.CharField(
        _("account number"), max_length=20, validators=[account_number_validator],
        help_text=_("Unique in this LGO; printed on bills and used as Ref1 when paying by QR."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AccountKind.choices, default=AccountKind.HOUSEHOLD)
    owner_name = models.CharField(_("owner or business name"), max_length=200)
    address = models.TextField(_("address"))
    zone = models.ForeignKey(Zone, verbose_name=_("zone"), on_delete=models.PROTECT, related_name="accounts")
    phone = models.CharField(
        _("phone"), max_length=10, blank=True,
        help_text=_("Mobile or landline; its last 4 digits let the owner look the account up online."),
    )
    email = models.EmailField(_("e-mail"), blank=True, help_text=_("Reminders of unpaid bills are sent here."))
    tax_id = models.CharField(
        _("national ID or tax ID"), max_length=13, blank=True,
        help_text=_("Optional, 13 digits; its last 4 digits also work for the online look-up."),
    )
    tariff_class = models.ForeignKey(
        TariffClass, verbose_name=_("tariff class"), on_delete=models.PROTECT, related_name="accounts"
    )
    wastewater = models.BooleanField(
        _("wastewater fee"), default=False, help_text=_("Tick when the LGO also treats this account's wastewater.")
    )
    active_from = models.DateField(_("service from"), help_text=_("Billed from the month of this date."))
    active_to = models.DateField(
        _("service until"), null=True, blank=True, help_text=_("Empty while the service continues.")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ServiceAccountQuerySet.as_manager()

    class Meta:
        verbose_name = _("service account")
        verbose_name_plural = _("service accounts")
        ordering = ["organization", "number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="wastefees_account_number_unique"),
        ]
        indexes = [
            models.Index(fields=["organization", "zone", "number"], name="wastefees_acct_zone_idx"),
            models.Index(fields=["organization", "active_from", "active_to"], name="wastefees_acct_active_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.owner_name}"

    def clean(self) -> None:
        """Normalise phone/ID as people type them and check them the Thai way; class and zone must be this LGO's."""
        errors: dict[str, object] = {}
        self.number = (self.number or "").strip().upper()
        if self.phone:
            self.phone = normalize_phone(self.phone)
            if not is_thai_phone(self.phone):
                errors["phone"] = _("Enter a Thai phone number, e.g. 0812345678 or 053123456.")
        if self.tax_id:
            self.tax_id = normalize_national_id(self.tax_id)
            if not national_id_checksum_ok(self.tax_id):
                errors["tax_id"] = _("This ID is not a valid 13-digit Thai national ID or tax ID; please check it.")
        if self.active_to and self.active_from and self.active_to < self.active_from:
            errors["active_to"] = _("The end of service must be on or after its start.")
        if self.tariff_class_id and self.tariff_class.kind != self.kind:
            errors["tariff_class"] = _("This tariff class is for another kind of account.")
        org_id = self.organization_id
        if org_id and self.zone_id and self.zone.organization_id != org_id:
            errors["zone"] = _("Choose a zone of this LGO.")
        if org_id and self.tariff_class_id and self.tariff_class.organization_id != org_id:
            errors["tariff_class"] = _("Choose a tariff class of this LGO.")
        if errors:
            raise ValidationError(errors)

    def second_factors(self) -> list[str]:
        """The last 4 digits of the phone and of the ID: either proves the caller knows the account."""
        return [value[-4:] for value in (self.phone, self.tax_id) if value and len(value) >= 4]


class TariffQuerySet(TenantQuerySet):
    def in_force_on(self, day: dt.date) -> TariffQuerySet:
        return self.filter(Q(effective_from__lte=day) & (Q(effective_to__isnull=True) | Q(effective_to__gte=day)))


class Tariff(OrganizationOwned):
    """The fee table of one ordinance (เทศบัญญัติ/ข้อบัญญัติ), in force between two dates.

    A new ordinance is a new Tariff; old ones stay so that old bills can be explained. Periods must not overlap.
    """

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.CASCADE,
        related_name="waste_tariffs",
    )
    ordinance_name = models.CharField(
        _("ordinance"), max_length=300, help_text=_("E.g. เทศบัญญัติ เรื่อง การจัดการสิ่งปฏิกูลและมูลฝอย พ.ศ. 2567")
    )
    ordinance_date = models.DateField(_("ordinance dated"), help_text=_("The date the ordinance was announced."))
    effective_from = models.DateField(_("in force from"))
    effective_to = models.DateField(_("in force until"), null=True, blank=True,
                                    help_text=_("Empty while it is still in force."))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = TariffQuerySet.as_manager()

    class Meta:
        verbose_name = _("tariff")
        verbose_name_plural = _("tariffs")
        ordering = ["organization", "-effective_from"]

    def __str__(self) -> str:
        return self.ordinance_name

    def clean(self) -> None:
        if self.effective_to and self.effective_from and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": _("The end date must be on or after the start date.")})
        if not (self.organization_id and self.effective_from):
            return
        overlapping = Tariff.objects.for_organization(self.organization).exclude(pk=self.pk).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gte=self.effective_from)
        )
        if self.effective_to:
            overlapping = overlapping.filter(effective_from__lte=self.effective_to)
        if overlapping.exists():
            raise ValidationError(
                {"effective_from": _("Another tariff of this LGO is in force during these dates; end it first.")}
            )


class TariffRate(models.Model):
    """The monthly fees of one tariff class under one tariff: collection and disposal apart, wastewater apart."""

    tariff = models.ForeignKey(Tariff, verbose_name=_("tariff"), on_delete=models.CASCADE, related_name="rates")
    tariff_class = models.ForeignKey(
        TariffClass, verbose_name=_("tariff class"), on_delete=models.PROTECT, related_name="rates"
    )
    collection_fee = money_field(_("collection fee a month"))
    disposal_fee = money_field(_("disposal fee a month"))
    wastewater_fee = money_field(
        _("wastewater fee a month"), default=Decimal("0.00"),
        help_text=_("Charged only to accounts with the wastewater fee ticked."),
    )

    class Meta:
        verbose_name = _("tariff rate")
        verbose_name_plural = _("tariff rates")
        ordering = ["tariff", "tariff_class__kind", "tariff_class__sort_order"]
        constraints = [models.UniqueConstraint(fields=["tariff", "tariff_class"], name="wastefees_rate_unique")]

    def __str__(self) -> str:
        return f"{self.tariff_class} ({self.tariff})"


class BillingRun(OrganizationOwned):
    """One start of the monthly billing for a period: who, when, and what it made. Append-only."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="waste_billing_runs",
    )
    period = models.DateField(_("period"), help_text=_("The first day of the billed month."))
    status = models.CharField(_("status"), max_length=20, choices=BillingRunStatus.choices,
                              default=BillingRunStatus.RUNNING)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    accounts_considered = models.PositiveIntegerField(_("active accounts"), default=0)
    bills_created = models.PositiveIntegerField(_("bills created"), default=0)
    bills_existing = models.PositiveIntegerField(_("already billed"), default=0)
    accounts_skipped = models.PositiveIntegerField(
        _("skipped (no rate)"), default=0, help_text=_("Active accounts whose class has no rate in the tariff.")
    )
    total_billed = money_field(_("amount billed"), default=Decimal("0.00"))
    error = models.TextField(_("error"), blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("billing run")
        verbose_name_plural = _("billing runs")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["organization", "period"], name="wastefees_run_period_idx")]

    def __str__(self) -> str:
        return f"{self.period:%Y-%m} ({self.get_status_display()})"


class Bill(OrganizationOwned):
    """One account's monthly bill: the link from (account, period) to its invoice in `payments`.

    The unique (account, period) constraint is what makes a billing run idempotent even if two officers press the
    button at once. Zone and amount are copied at billing time so that reports stay true after an account moves.
    """

    # No single-column indexes on organization and account: the report index and the unique (account, period)
    # lead with them, and a billing run writes 100,000 bills, each paying for every index it touches.
    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="waste_bills", db_index=False,
    )
    account = models.ForeignKey(ServiceAccount, verbose_name=_("account"), on_delete=models.PROTECT,
                                related_name="bills", db_index=False)
    period = models.DateField(_("period"))
    zone = models.ForeignKey(Zone, verbose_name=_("zone"), on_delete=models.PROTECT, related_name="bills")
    invoice = models.OneToOneField(
        "payments.Invoice", verbose_name=_("invoice"), on_delete=models.PROTECT, related_name="waste_bill"
    )
    run = models.ForeignKey(BillingRun, verbose_name=_("billing run"), null=True, blank=True,
                            on_delete=models.SET_NULL, related_name="bills")
    total = money_field(_("amount"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("bill")
        verbose_name_plural = _("bills")
        ordering = ["-period", "account__number"]
        constraints = [models.UniqueConstraint(fields=["account", "period"], name="wastefees_bill_one_per_period")]
        indexes = [models.Index(fields=["organization", "period", "zone"], name="wastefees_bill_report_idx")]

    def __str__(self) -> str:
        return f"{self.account.number} {self.period:%Y-%m}"


class Pickup(OrganizationOwned):
    """An occasional pickup (bulky waste, a party, building rubble) charged once, on the next bill or at once."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="waste_pickups",
    )
    account = models.ForeignKey(ServiceAccount, verbose_name=_("account"), on_delete=models.PROTECT,
                                related_name="pickups")
    picked_up_on = models.DateField(_("picked up on"))
    description = models.CharField(_("description"), max_length=200, help_text=_("E.g. ขนย้ายกิ่งไม้ 1 เที่ยว"))
    amount = money_field(_("amount"))
    billing = models.CharField(_("billing"), max_length=20, choices=PickupBilling.choices,
                               default=PickupBilling.NEXT_BILL)
    bill = models.ForeignKey(Bill, verbose_name=_("billed on"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="pickups")
    invoice = models.ForeignKey(
        "payments.Invoice", verbose_name=_("invoice"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="waste_pickups", help_text=_("The invoice that charges it (its own, or the monthly bill's)."),
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("occasional pickup")
        verbose_name_plural = _("occasional pickups")
        ordering = ["-picked_up_on", "-pk"]
        indexes = [models.Index(fields=["organization", "invoice"], name="wastefees_pickup_open_idx")]

    def __str__(self) -> str:
        return f"{self.account.number} {self.description}"


class Reminder(OrganizationOwned):
    """A notice of unpaid bills sent to one account for one period: at most one per account and period."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="waste_reminders",
    )
    account = models.ForeignKey(ServiceAccount, verbose_name=_("account"), on_delete=models.PROTECT,
                                related_name="reminders")
    period = models.DateField(_("period"), help_text=_("The month in which the reminder was sent."))
    unpaid_bills = models.PositiveIntegerField(_("unpaid bills"))
    amount_due = money_field(_("amount due"))
    email = models.EmailField(_("sent to"), blank=True)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["account", "period"], name="wastefees_reminder_one_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.account.number} {self.period:%Y-%m}"
