"""The one write path of channel figures: add a visit or a filing to the month's counter (no personal data)."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import ChannelCount


def month_of(at: dt.datetime | None = None) -> dt.date:
    """The first day of the Bangkok month of `at` (now when None): figures follow the LGO's calendar month."""
    return timezone.localdate(at or timezone.now()).replace(day=1)


def _add(*, organization_id: int, service_id: int, channel: str, at: dt.datetime | None, field: str) -> None:
    """One more `field` on the counter row; the row is made on first use (a race on making it retries the update)."""
    key = {"organization_id": organization_id, "service_id": service_id, "month": month_of(at), "channel": channel}
    with transaction.atomic():
        if ChannelCount.objects.filter(**key).update(**{field: F(field) + 1}):
            return
        try:
            with transaction.atomic():
                ChannelCount.objects.create(**key, **{field: 1})
        except IntegrityError:  # another request made the row between our update and insert
            ChannelCount.objects.filter(**key).update(**{field: F(field) + 1})


def record_visit(*, service, channel: str, at: dt.datetime | None = None) -> None:
    """A citizen arrived at `service` by a marked link (poster QR, short link, LINE)."""
    organization = service.organization
    if organization is None:
        return
    _add(organization_id=organization.pk, service_id=service.pk, channel=channel, at=at, field="visits")


def record_filing(*, submission) -> None:
    """A request was filed (in the filing's transaction, so a rolled-back filing is not counted)."""
    _add(organization_id=submission.organization_id, service_id=submission.service_id, channel=submission.channel,
         at=submission.submitted_at, field="filings")
