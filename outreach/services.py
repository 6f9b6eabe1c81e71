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


def _add(*, organization_id: int, service_id: int, channel: str, at: dt.datetime | None, field: str,
         by: int = 1) -> None:
    """`by` more on the counter row's `field`; the row is made on first use (a race on making it retries).

    The usual case is one UPDATE and nothing else: a filing counts itself while it holds its LGO's reference counter
    (`record_filing`), so no savepoint is opened unless the month's row must be made."""
    key = {"organization_id": organization_id, "service_id": service_id, "month": month_of(at), "channel": channel}
    if ChannelCount.objects.filter(**key).update(**{field: F(field) + by}):
        return
    try:
        with transaction.atomic():
            ChannelCount.objects.create(**key, **{field: by})
    except IntegrityError:  # another request made the row between our update and insert
        ChannelCount.objects.filter(**key).update(**{field: F(field) + by})


def record_visit(*, service, channel: str, at: dt.datetime | None = None, count: int = 1) -> None:
    """A citizen arrived at `service` by a marked link (poster QR, short link, LINE); `count` of them at once
    when figures are brought in from elsewhere (the demo's past months)."""
    organization = service.organization
    if organization is None or count <= 0:
        return
    _add(organization_id=organization.pk, service_id=service.pk, channel=channel, at=at, field="visits", by=count)


def record_filing(*, submission) -> None:
    """A request was filed (in the filing's transaction, so a rolled-back filing is not counted)."""
    _add(organization_id=submission.organization_id, service_id=submission.service_id, channel=submission.channel,
         at=submission.submitted_at, field="filings")
