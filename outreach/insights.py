"""Channel figures on the executive dashboard and in the open data (`core.insights`): requests filed per service
and month by channel, and arrivals by marked links. Counts only, read from the small counter table."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.insights import Chart, Column, Dataset, Panel, Table, dashboard_panels, open_datasets
from eservices.constants import FilingChannel

from .selectors import VISIT_CHANNELS, channel_rows

MONTHS = 12

CHANNEL_COLUMNS = tuple(Column(channel.value, channel.label, "int") for channel in FilingChannel)
VISIT_COLUMNS = tuple(
    Column(f"visits_{channel}", _("Arrivals: %(channel)s") % {"channel": FilingChannel(channel).label}, "int")
    for channel in VISIT_CHANNELS
)


def since(today: dt.date, months: int = MONTHS) -> dt.date:
    """The first day of the month `months - 1` months before `today`'s (so `months` calendar months in all)."""
    index = today.year * 12 + today.month - 1 - (months - 1)
    return dt.date(index // 12, index % 12 + 1, 1)


def _keep(rows: list[dict[str, Any]], columns: tuple[Column, ...]) -> list[dict[str, Any]]:
    keys = [column.key for column in columns]
    return [{key: row[key] for key in keys} for row in rows]


BY_SERVICE_COLUMNS = (Column("service", _("Service")), Column("month", _("Month"), "month"), *CHANNEL_COLUMNS,
                      Column("total", _("All requests"), "int"), *VISIT_COLUMNS)
BY_MONTH_COLUMNS = (Column("month", _("Month"), "month"), *CHANNEL_COLUMNS, Column("total", _("All requests"), "int"))


def by_service(organization, today: dt.date) -> Table:
    return Table(rows=_keep(channel_rows(organization, since=since(today)), BY_SERVICE_COLUMNS))


def by_month(organization, today: dt.date) -> Table:
    """All services together, one row per month, oldest first (the chart reads left to right)."""
    totals: dict[dt.date, dict[str, Any]] = defaultdict(lambda: {c.key: 0 for c in BY_MONTH_COLUMNS[1:]})
    for row in channel_rows(organization, since=since(today)):
        month = totals[row["month"]]
        for column in BY_MONTH_COLUMNS[1:]:
            month[column.key] += row[column.key]
    return Table(rows=[{"month": month, **values} for month, values in sorted(totals.items())])


def dataset(organization) -> Table:
    return by_service(organization, timezone.localdate())


dashboard_panels.register(Panel(
    key="channels_by_month", title=_("Requests by channel"), columns=BY_MONTH_COLUMNS, compute=by_month,
    chart=Chart("stacked", "month", tuple(channel.value for channel in FilingChannel)), section="outreach", order=10,
    description=_("Requests filed each month by the way citizens came: poster QR code, short link, LINE, website "
                  "or at the counter."),
))
dashboard_panels.register(Panel(
    key="channels", title=_("Channels per service"), columns=BY_SERVICE_COLUMNS, compute=by_service,
    section="outreach", order=20,
    description=_("Per service and month: requests by channel, and arrivals by a poster or LINE link."),
))
open_datasets.register(Dataset(
    key="channels", title=_("How citizens reach e-services"),
    description=_("Requests filed per e-service and month by channel (poster QR code, short link, LINE, website, "
                  "counter) and arrivals by poster and LINE links. Counts only: no personal data."),
    columns=BY_SERVICE_COLUMNS, compute=dataset, keywords=("e-service", "channels", "QR"),
))
