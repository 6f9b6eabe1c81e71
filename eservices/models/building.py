"""Building permits (ขออนุญาตก่อสร้างอาคาร): the LGO's fee rates and the decision on a permit case.

The case itself is an ordinary `Submission` of the `building_permit` kind; its steps (extensions, correction orders,
site inspections) are rows of its append-only history. What the history cannot hold as text lives here: the rates an
LGO charges (data it sets, within the ministerial ceilings) and the terms of an approval (conditions, validity, the
permit fee), written once when the permit is approved.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from organizations.models import OrganizationOwned

from .cases import Submission

#: The ceilings of the ministerial fee schedule (กฎกระทรวง ฉบับที่ 7 (พ.ศ. 2528) under the Building Control Act), baht.
#: Field name → (ceiling, label). An LGO charges these or less.
FEE_CEILINGS: dict[str, tuple[Decimal, str]] = {
    "permit_construct": (Decimal("20.00"), _("Permit to construct (per permit)")),
    "permit_alter": (Decimal("10.00"), _("Permit to alter (per permit)")),
    "permit_demolish": (Decimal("10.00"), _("Permit to demolish (per permit)")),
    "permit_move": (Decimal("10.00"), _("Permit to move (per permit)")),
    "plan_low": (Decimal("0.50"), _("Plan check: up to 2 storeys and 12 m (per m²)")),
    "plan_mid": (Decimal("2.00"), _("Plan check: 3 storeys or up to 15 m (per m²)")),
    "plan_high": (Decimal("4.00"), _("Plan check: over 3 storeys or over 15 m (per m²)")),
    "plan_sign": (Decimal("4.00"), _("Plan check: sign (per m² of face)")),
    "plan_linear": (Decimal("1.00"), _("Plan check: fence, wall, drain or pipe (per m)")),
    "plan_parking": (Decimal("0.50"), _("Plan check: car park, driveway or yard (per m²)")),
}


def _ceiling_text(ceiling: Decimal) -> str:
    from django.utils.translation import gettext

    return gettext("At most %(ceiling)s baht (ministerial schedule).") % {"ceiling": ceiling}


#: Lazy, so the help text follows the reader's language and migrations never see a translated string (`_() % …`
#: evaluated at import time in whatever language was active, which made makemigrations depend on compiled .mo files).
_ceiling_help = lazy(_ceiling_text, str)


def _rate(name: str) -> models.DecimalField:
    ceiling, label = FEE_CEILINGS[name]
    return models.DecimalField(label, max_digits=8, decimal_places=2, default=ceiling,
                               validators=[MinValueValidator(Decimal("0"))],
                               help_text=_ceiling_help(ceiling))


class BuildingFeeRates(OrganizationOwned):
    """The building-control fees an LGO charges, each at most the schedule's ceiling (an LGO may charge less or
    waive a fee, never more). An LGO without a row charges the ceilings."""

    organization = models.OneToOneField("organizations.Organization", verbose_name=_("organization"),
                                        on_delete=models.CASCADE, related_name="building_fee_rates")
    permit_construct = _rate("permit_construct")
    permit_alter = _rate("permit_alter")
    permit_demolish = _rate("permit_demolish")
    permit_move = _rate("permit_move")
    plan_low = _rate("plan_low")
    plan_mid = _rate("plan_mid")
    plan_high = _rate("plan_high")
    plan_sign = _rate("plan_sign")
    plan_linear = _rate("plan_linear")
    plan_parking = _rate("plan_parking")
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("updated by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("building-control fee rates")
        verbose_name_plural = _("building-control fee rates")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)

    def clean(self) -> None:
        errors = {}
        for name, (ceiling, _label) in FEE_CEILINGS.items():
            value = getattr(self, name)
            if value is not None and value > ceiling:
                errors[name] = _("At most %(ceiling)s baht: the ministerial schedule's ceiling.") % {
                    "ceiling": ceiling}
        if errors:
            raise ValidationError(errors)


class PermitDecision(OrganizationOwned):
    """The terms of an approved building permit, written once on approval; the permit (อ.1) is issued with them
    when the permit fee is paid."""

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"),
                                     on_delete=models.PROTECT, related_name="+")
    submission = models.OneToOneField(Submission, verbose_name=_("request"), on_delete=models.CASCADE,
                                      related_name="permit_decision")
    conditions = models.TextField(_("conditions"), blank=True)
    validity_days = models.PositiveIntegerField(_("valid for (days)"))
    permit_fee = models.DecimalField(_("permit fee"), max_digits=12, decimal_places=2)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approved by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("approved at"), default=timezone.now)

    class Meta:
        verbose_name = _("building permit decision")
        verbose_name_plural = _("building permit decisions")

    def __str__(self) -> str:
        return f"{self.submission_id}"
