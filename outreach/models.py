"""Channel figures: how many citizens arrived at and filed for each service, per month and channel. Counts only.

No row names a person, an address, a device or a cookie: a visit or a filing adds one to a counter and is
forgotten. That is all the executive dashboard and the open data need, and all PDPA lets us keep without a reason.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from eservices.constants import FilingChannel
from organizations.models import OrganizationOwned


class ChannelCount(OrganizationOwned):
    """Visits and filings of one service in one month by one channel (changed only through `outreach.services`)."""

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"),
                                     on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey("eservices.ServicePage", verbose_name=_("service"), on_delete=models.CASCADE,
                                related_name="+")
    month = models.DateField(_("month"), help_text=_("The first day of the month (Bangkok time)."))
    channel = models.CharField(_("channel"), max_length=10, choices=FilingChannel.choices)
    visits = models.PositiveIntegerField(
        _("visits"), default=0,
        help_text=_("Arrivals by a marked link (poster QR, short link, LINE); plain web visits are not counted."))
    filings = models.PositiveIntegerField(_("requests filed"), default=0)

    class Meta:
        verbose_name = _("channel count")
        verbose_name_plural = _("channel counts")
        constraints = [
            models.UniqueConstraint(fields=["organization", "service", "month", "channel"], name="channel_count_key"),
        ]
        indexes = [models.Index(fields=["organization", "month"], name="channel_count_org_month")]

    def __str__(self) -> str:
        return f"{self.service_id} {self.month:%Y-%m} {self.channel}"
