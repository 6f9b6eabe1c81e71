"""How a `core.insights.Table` is shown: formatted cells, a server-rendered SVG chart and a CSV file.

The chart is plain SVG drawn on the server (no JavaScript, prints, scales to a phone's width): a picture people
would rather look at than read, always next to its table for screen readers and exact figures.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from core.insights import Chart, Column, Table
from core.thai import THAI_MONTHS_SHORT, format_baht, thai_date

#: Colours with at least 3:1 contrast against white (WCAG 1.4.11) and told apart by people with colour-blindness.
PALETTE = ("#005a9c", "#d55e00", "#009e73", "#7b3294", "#b8860b", "#555555")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _thai() -> bool:
    return (translation.get_language() or "th").startswith("th")


def month_label(value: dt.date) -> str:
    """"ธ.ค. 2569" in Thai (Buddhist Era), "Dec 2026" in English."""
    if _thai():
        return f"{THAI_MONTHS_SHORT[value.month - 1]} {value.year + 543}"
    return f"{MONTHS_EN[value.month - 1]} {value.year}"


def cell_text(value: Any, column: Column) -> str:
    """A value as the dashboard shows it."""
    if value is None or value == "":
        return "–"
    if column.kind == "month" and isinstance(value, dt.date):
        return month_label(value)
    if column.kind == "date" and isinstance(value, dt.date):
        return thai_date(value, short=True) if _thai() else f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"
    if column.kind == "baht":
        return format_baht(Decimal(value))
    if column.kind == "percent":
        return f"{Decimal(value):,.2f} %"
    if column.kind in ("decimal", "days"):
        return f"{Decimal(value):,.1f}"
    if column.kind == "int":
        return f"{int(value):,}"
    return str(value)


def csv_value(value: Any, column: Column) -> str:
    """A value for CSV: machine-readable (ISO months, plain decimals), no thousands separators."""
    if value is None:
        return ""
    if column.kind == "month" and isinstance(value, dt.date):
        return f"{value:%Y-%m}"
    if column.kind == "percent":
        return f"{Decimal(value):.2f}"
    return str(value)


def json_value(value: Any, column: Column) -> Any:
    if value is None:
        return None
    if column.kind == "month" and isinstance(value, dt.date):
        return f"{value:%Y-%m}"
    if isinstance(value, Decimal):
        return str(value.quantize(Decimal("0.01")) if column.kind in ("percent", "baht") else value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def table_csv(columns: tuple[Column, ...], table: Table) -> str:
    """UTF-8 CSV with a byte-order mark (Excel on Thai Windows opens it as UTF-8), headers in the reader's language."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([str(c.label) for c in columns])
    for row in table.rows:
        writer.writerow([csv_value(row.get(c.key), c) for c in columns])
    return out.getvalue()


def table_records(columns: tuple[Column, ...], table: Table) -> list[dict[str, Any]]:
    return [{c.key: json_value(row.get(c.key), c) for c in columns} for row in table.rows]


@dataclass
class DisplayRow:
    cells: list[str]
    url: str


def display_rows(columns: tuple[Column, ...], table: Table) -> list[DisplayRow]:
    return [DisplayRow([cell_text(row.get(c.key), c) for c in columns], row.get("_url", "")) for row in table.rows]


# --- SVG -----------------------------------------------------------------------------------------------------------

WIDTH = 480  # drawn at about 310-560 px: type of 13-14 units stays readable on a phone
ROW_HEIGHT = 28


def _number(value: Any) -> float:
    """Only for drawing: the figures people read are in the table, exact."""
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return 0.0


def _nice_max(value: float) -> tuple[float, int]:
    """A round top for the axis and how many gridline steps divide it into round numbers (5 → 1, 2, 3, 4, 5)."""
    if value <= 0:
        return 5.0, 5
    magnitude = 10 ** (len(str(int(value))) - 1) if value >= 1 else 1
    for step, divisions in ((1, 5), (2, 4), (2.5, 5), (5, 5), (10, 5)):
        if value <= step * magnitude:
            return step * magnitude, divisions
    return 10.0 * magnitude, 5


def _short(value: float) -> str:
    if value >= 1_000_000:
        return f"{value / 1_000_000:.1f}M".replace(".0M", "M")
    if value >= 10_000:
        return f"{value / 1000:.0f}k"
    return f"{value:,.0f}" if value == int(value) else f"{value:,.1f}"


def _legend(series: list[tuple[str, str]], y: int) -> list[str]:
    parts, x = [], 0
    for index, (_key, label) in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + 16}" y="{y + 11}" font-size="14">{escape(label)}</text>')
        x += 24 + 9 * len(label) + 12
    return parts


def chart_svg(title: str, columns: tuple[Column, ...], chart: Chart, table: Table) -> SafeString:
    """The chart as inline SVG with a title and description for assistive technology ("see the table below")."""
    by_key = {c.key: c for c in columns}
    x_column = by_key[chart.x]
    series = [(key, str(by_key[key].label)) for key in chart.series if key in by_key]
    labels = [cell_text(row.get(chart.x), x_column) for row in table.rows]
    values = [[_number(row.get(key)) for key, _label in series] for row in table.rows]
    if chart.kind in ("hbar", "stacked"):
        body, height = _hbar(labels, values, series, stacked=chart.kind == "stacked")
    else:
        body, height = _columns(labels, values, series, line=chart.kind == "line")
    description = translation.gettext("Chart; the same figures are in the table below.")
    return mark_safe(  # noqa: S308 — every text inside is escaped above
        f'<svg class="insights-chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" font-family="Sarabun, sans-serif">'
        f"<title>{escape(title)}</title><desc>{escape(description)}</desc>{''.join(body)}</svg>"
    )


def _hbar(labels: list[str], values: list[list[float]], series: list[tuple[str, str]], *,
          stacked: bool) -> tuple[list[str], int]:
    """One horizontal bar (stacked) or group of bars per row: readable with long Thai labels on a phone."""
    label_width, left = 150, 158
    span = WIDTH - left - 56
    top = 24
    band = ROW_HEIGHT * (1 if stacked else max(1, len(series)))
    peak, _divisions = _nice_max(max((sum(row) if stacked else max(row, default=0) for row in values), default=0))
    parts = _legend(series, 0)
    for index, (label, row) in enumerate(zip(labels, values, strict=True)):
        y = top + index * (band + 8)
        text = label if len(label) <= 20 else label[:19] + "…"
        parts.append(f'<text x="{label_width}" y="{y + band / 2 + 5}" font-size="14" text-anchor="end">'
                     f"{escape(text)}</text>")
        if stacked:
            x = float(left)
            for s, value in enumerate(row):
                width = span * value / peak
                parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{ROW_HEIGHT - 6}" '
                             f'fill="{PALETTE[s % len(PALETTE)]}"/>')
                x += width
            parts.append(f'<text x="{x + 4:.1f}" y="{y + 18}" font-size="14">{_short(sum(row))}</text>')
            continue
        for s, value in enumerate(row):
            width = span * value / peak
            colour = PALETTE[s % len(PALETTE)]
            parts.append(f'<rect x="{left}" y="{y + s * ROW_HEIGHT + 3}" width="{width:.1f}" '
                         f'height="{ROW_HEIGHT - 6}" fill="{colour}"/>'
                         f'<text x="{left + width + 4:.1f}" y="{y + s * ROW_HEIGHT + 19}" font-size="14">'
                         f"{_short(value)}</text>")
    return parts, top + len(labels) * (band + 8) + 4


def _columns(labels: list[str], values: list[list[float]], series: list[tuple[str, str]], *,
             line: bool) -> tuple[list[str], int]:
    """Grouped vertical bars or lines over months: time runs left to right."""
    left, top, plot_height, bottom = 52, 30, 200, 48
    span = WIDTH - left - 8
    peak, divisions = _nice_max(max((max(row, default=0) for row in values), default=0))
    parts = _legend(series, 0)
    for tick in range(divisions + 1):  # gridlines with their values
        value = peak * tick / divisions
        y = top + plot_height - plot_height * tick / divisions
        parts.append(f'<line x1="{left}" x2="{WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                     f'<text x="{left - 6}" y="{y + 5:.1f}" font-size="13" text-anchor="end">{_short(value)}</text>')
    count = max(1, len(labels))
    slot = span / count
    every = max(1, -(-count // 4))  # at most 4 axis labels: a phone cannot fit 12 month names
    points: list[list[str]] = [[] for _ in series]
    for index, (label, row) in enumerate(zip(labels, values, strict=True)):
        x0 = left + index * slot
        if index % every == 0:
            parts.append(f'<text x="{x0 + slot / 2:.1f}" y="{top + plot_height + 20}" font-size="13" '
                         f'text-anchor="middle">{escape(label)}</text>')
        for s, value in enumerate(row):
            colour = PALETTE[s % len(PALETTE)]
            height = plot_height * value / peak
            if line:
                points[s].append(f"{x0 + slot / 2:.1f},{top + plot_height - height:.1f}")
            else:
                width = slot * 0.8 / max(1, len(series))
                x = x0 + slot * 0.1 + s * width
                parts.append(f'<rect x="{x:.1f}" y="{top + plot_height - height:.1f}" width="{width:.1f}" '
                             f'height="{height:.1f}" fill="{colour}"/>')
    if line:
        for s, pts in enumerate(points):
            colour = PALETTE[s % len(PALETTE)]
            parts.append(f'<polyline points="{" ".join(pts)}" fill="none" stroke="{colour}" stroke-width="2.5"/>')
            parts.extend(f'<circle cx="{p.split(",")[0]}" cy="{p.split(",")[1]}" r="3" fill="{colour}"/>'
                         for p in pts)
    return parts, top + plot_height + bottom
