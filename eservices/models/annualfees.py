"""Annual fees of issued documents (Public Health Act s.65): one row per document and year, billed through payments."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.tenants import TenantQuerySet
from organizations.models import OrganizationOwned

from ..constants import AnnualFeeStatus
from .documents import IssuedDocument


class AnnualFeeQuerySet(TenantQuerySet):
    def unpaid(self) -> AnnualFeeQuerySet:
        return self.filter(status=AnnualFeeStatus.BILLED)

    def overdue(self, today=None) -> AnnualFeeQuerySet:
        return self.unpaid().filter(due_date__lt=today or timezone.localdate())


class AnnualFee(OrganizationOwned):
    """The fee a holder owes for one year of a certificate of notification (s.65): billed before the anniversary of
    the document, 20 % more when paid late. Changed only through `eservices.annualfees`."""

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"),
                                     on_delete=models.PROTECT, related_name="annual_fees")
    document = models.ForeignKey(IssuedDocument, verbose_name=_("document"), on_delete=models.PROTECT,
                                 related_name="annual_fees")
    year = models.PositiveSmallIntegerField(_("year (B.E.)"))
    due_date = models.DateField(_("due date"))
    amount = models.DecimalField(_("fee (baht)"), max_digits=12, decimal_places=2)
    surcharge = models.DecimalField(_("late surcharge (baht)"), max_digits=12, decimal_places=2,
                                    default=Decimal("0.00"))
    status = models.CharField(_("status"), max_length=20, choices=AnnualFeeStatus.choices,
                              default=AnnualFeeStatus.BILLED)
    billed_at = models.DateTimeField(_("billed at"), default=timezone.now)
    reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    objects = AnnualFeeQuerySet.as_manager()

    class Meta:
        verbose_name = _("annual fee")
        verbose_name_plural = _("annual fees")
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["document", "year"], name="annual_fee_once_a_year"),
        ]
        indexes = [models.Index(fields=["organization", "status", "due_date"], name="annual_fee_org_status")]

    def __str__(self) -> str:
        return f"{self.document.number} {self.year}"

    @property
    def total(self) -> Decimal:
        return self.amount + self.surcharge

    @property
    def is_late(self) -> bool:
        return self.status == AnnualFeeStatus.BILLED and self.due_date < timezone.localdate()
