"""Demo figures: six months of arrivals by poster QR, short link and LINE at each demo LGO's services, so the
executive dashboard's channel panels have something to show. Filings are counted as the demo files its cases."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from core.demo import DemoContext
from eservices.constants import FilingChannel

from . import selectors, services
from .models import ChannelCount

MONTHS = 6
#: Arrivals per service and month by channel before the service's own variation (a poster campaign grows them).
BASE = {FilingChannel.QR: 6, FilingChannel.SHORT_LINK: 2, FilingChannel.LINE: 4}


def load(ctx: DemoContext) -> None:
    for organization in ctx.organizations:
        if ChannelCount.objects.for_organization(organization).filter(visits__gt=0).exists():
            continue
        now = timezone.now()
        for index, service in enumerate(selectors.services_of(organization)):
            for months_ago in range(MONTHS):
                at = now - dt.timedelta(days=30 * months_ago)
                for channel, base in BASE.items():
                    count = base * (MONTHS - months_ago) // 2 + (index * 7 + months_ago * 3) % 5
                    services.record_visit(service=service, channel=channel, at=at, count=count)
        ctx.say(f"Channel figures for {organization.name_th}: {MONTHS} months of poster, short-link and LINE arrivals")
