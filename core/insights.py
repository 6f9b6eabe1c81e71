"""Figures about one LGO that several apps contribute: executive-dashboard panels and open-data datasets.

Every panel and every dataset is one `Table` (typed columns + plain rows) computed from aggregate queries, so the
same numbers are drawn as a server-rendered SVG chart, shown as an accessible table, downloaded as CSV, and (for
datasets) published as CSV/JSON with a DCAT entry. An app contributes by registering a `Panel` or a `Dataset` from
its `AppConfig.ready()`; the `insights` app renders them, caches each computed table per LGO and language for an hour
(so no request scans an LGO's cases), and never needs to know the app. This module names no app: `organization` is
whatever `organizations.Organization` the caller passes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from django.utils.translation import gettext_lazy as _

from .registry import Registry

#: How a cell is shown: text as is; int/decimal with thousands separators; percent with 2 decimals and "%";
#: days as a decimal number of days; month as the month's name and Buddhist-era year in Thai ("ธ.ค. 2569");
#: date as a Buddhist-era date in Thai; baht as money with satang (values are Decimal, never float).
ColumnKind = Literal["text", "int", "decimal", "percent", "days", "month", "date", "baht"]
ChartKind = Literal["bar", "hbar", "line", "stacked"]

#: Who sees a panel by default: the roles that steer the LGO (organizations.constants.Role values).
EXECUTIVE_ROLES = frozenset({"executive", "department_head", "lgo_admin"})
#: Open data is published under this licence unless a dataset says otherwise.
DEFAULT_LICENCE = "https://creativecommons.org/licenses/by/4.0/"


#: Dashboard sections in the order shown; a panel names one of these keys as its `section`.
SECTIONS: dict[str, Any] = {
    "cases": _("e-Service requests"),
    "money": _("Fees and payments"),
    "correspondence": _("Correspondence"),
    "complaints": _("Complaints and repair requests"),
    "outreach": _("How citizens reach the services"),
    "other": _("Other figures"),
}


@dataclass(frozen=True)
class Column:
    """One column: `key` in every row dict, a (lazy) translated label, how its values are shown."""

    key: str
    label: Any
    kind: ColumnKind = "text"


@dataclass(frozen=True)
class Chart:
    """How to draw a table: `x` names the label column, `series` the number columns drawn (one colour each)."""

    kind: ChartKind
    x: str
    series: tuple[str, ...]


@dataclass
class Table:
    """The rows of one panel or dataset. A row may carry `_url` (a link for its first cell, e.g. an overdue case).

    Rows hold str, int, Decimal, date (first of the month for "month" columns) or None; never personal data in a
    dataset, never floats for money.
    """

    rows: list[dict[str, Any]] = field(default_factory=list)
    #: A short note under the table, e.g. "the 20 most overdue of 132" (translated when computed).
    note: str = ""


@dataclass(frozen=True)
class Panel:
    """A block of the executive dashboard (`/admin/dashboard/`): a chart, its table and a CSV download.

    `compute(organization, today)` must use aggregate queries bounded by indexes or a date window (the result is
    cached for an hour per LGO and language, and the benchmark runs every panel against 1M cases).
    """

    key: str
    title: Any
    columns: tuple[Column, ...]
    compute: Callable[[Any, date], Table]
    chart: Chart | None = None
    #: Section heading the panel sits under: "cases", "money", "correspondence", "complaints", "outreach", ...
    section: str = "cases"
    order: int = 100
    description: Any = ""
    roles: frozenset[str] = EXECUTIVE_ROLES
    #: Whether the province view's drill-down (no personal data) shows this panel.
    in_drilldown: bool = True


@dataclass(frozen=True)
class Dataset:
    """An open-data dataset of one LGO at `/open-data/<key>.csv` and `.json`, listed in the DCAT catalogue.

    `compute(organization)` returns statistics only: counts, durations, sums; never a name, address or ID.
    """

    key: str
    title: Any
    description: Any
    columns: tuple[Column, ...]
    compute: Callable[[Any], Table]
    keywords: Sequence[str] = ()
    licence: str = DEFAULT_LICENCE
    #: DCAT accrual periodicity (Dublin Core frequency), e.g. "monthly", "daily", "irregular".
    frequency: str = "monthly"
    order: int = 100
    #: Extra DCAT/JSON-LD properties for the dataset entry (e.g. {"dcat:theme": "..."}).
    extra: Mapping[str, Any] = field(default_factory=dict)


dashboard_panels: Registry[Panel] = Registry("dashboard panel", key=lambda panel: panel.key)
open_datasets: Registry[Dataset] = Registry("open-data dataset", key=lambda dataset: dataset.key)


def panels_for(roles: set[str]) -> list[Panel]:
    """The panels a person holding `roles` in an LGO sees, in dashboard order (section, then order)."""
    section_order = {key: index for index, key in enumerate(SECTIONS)}
    return sorted((p for p in dashboard_panels if p.roles & roles),
                  key=lambda p: (section_order.get(p.section, len(section_order)), p.order, p.key))


def datasets() -> list[Dataset]:
    return sorted(open_datasets, key=lambda d: (d.order, d.key))
