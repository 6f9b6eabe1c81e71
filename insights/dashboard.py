"""Computing and caching dashboard panels for one LGO: the one read path the dashboard, the drill-down, the CSV
downloads and the benchmark share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.safestring import SafeString

from core.insights import Panel, Table, panels_for

from .render import DisplayRow, chart_svg, display_rows

#: Figures are recomputed at most once an hour per LGO and language: the dashboard never scans an LGO's cases on
#: every request. `manage.py warm_dashboards`, run hourly, overwrites them before they expire, so with it scheduled
#: no request computes at all (bench/bench_insights.py measures a 1M-case LGO both ways).
CACHE_SECONDS = 3600


def _cache_key(panel: Panel, organization, today: dt.date) -> str:
    return f"insights:panel:{panel.key}:{organization.pk}:{translation.get_language()}:{today:%Y%m%d}"


def panel_table(panel: Panel, organization, today: dt.date | None = None, *, fresh: bool = False) -> Table:
    """The panel's table for `organization`, from the hourly cache unless `fresh`."""
    today = today or timezone.localdate()
    if fresh:
        return panel.compute(organization, today)
    key = _cache_key(panel, organization, today)
    table = cache.get(key)
    if table is None:
        table = panel.compute(organization, today)
        cache.set(key, table, CACHE_SECONDS)
    return table


def refresh_organization(organization, today: dt.date | None = None) -> None:
    """Compute every panel of `organization` (in the active language) into the cache (`warm_dashboards`)."""
    from core.insights import dashboard_panels

    today = today or timezone.localdate()
    cache.set_many({_cache_key(panel, organization, today): panel.compute(organization, today)
                    for panel in dashboard_panels}, CACHE_SECONDS + 600)


@dataclass
class RenderedPanel:
    panel: Panel
    table: Table
    rows: list[DisplayRow]
    chart: SafeString | None


def render_panel(panel: Panel, organization, today: dt.date | None = None) -> RenderedPanel:
    table = panel_table(panel, organization, today)
    chart = chart_svg(str(panel.title), panel.columns, panel.chart, table) if panel.chart and table.rows else None
    return RenderedPanel(panel, table, display_rows(panel.columns, table), chart)


def sections(roles: set[str], organization, *, drilldown: bool = False) -> list[tuple[str, list[RenderedPanel]]]:
    """The panels `roles` may see, computed (cached), grouped by section in first-seen order."""
    grouped: dict[str, list[RenderedPanel]] = {}
    for panel in panels_for(roles):
        if drilldown and not panel.in_drilldown:
            continue
        grouped.setdefault(panel.section, []).append(render_panel(panel, organization))
    return list(grouped.items())
