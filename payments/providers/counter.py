"""Money taken at the LGO's counter (cash, or a transfer slip checked by the officer), recorded in the admin."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import PaymentChannel
from ..models import Invoice, Payment
from ..permissions import can_take_payments
from ..services import record_payment
from .base import PaymentProvider
from .registry import register

COUNTER_CHANNELS = (PaymentChannel.COUNTER_CASH, PaymentChannel.COUNTER_TRANSFER)


@register
class CounterProvider(PaymentProvider):
    code = "counter"
    label = _("Counter (cash or transfer)")

    def record(
        self,
        *,
        invoice: Invoice,
        amount: Decimal,
        channel: PaymentChannel | str,
        officer,
        form_token: str,
        slip_reference: str = "",
        note: str = "",
        paid_at: dt.datetime | None = None,
    ) -> Payment:
        """Record a counter payment. `form_token` is a one-time value from the form, so a double submit records once.

        The slip reference (bank transfer number) is kept in `raw` and the note; the provider reference is the form
        token because two citizens can hand in slips with the same short number.
        """
        if channel not in COUNTER_CHANNELS:
            raise ValueError(f"{channel!r} is not a counter channel")
        if not can_take_payments(officer, invoice.organization):
            raise PermissionDenied
        return record_payment(
            invoice=invoice,
            amount=amount,
            channel=channel,
            provider=self.code,
            provider_reference=f"form:{form_token}",
            paid_at=paid_at or timezone.now(),
            recorded_by=officer,
            raw={"slip_reference": slip_reference} if slip_reference else {},
            note=note,
        )
