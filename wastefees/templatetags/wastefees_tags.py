"""Template filters of the waste-fee pages."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import translation

from wastefees.periods import period_label

register = template.Library()


@register.filter
def period(value: dt.date | None) -> str:
    """A billing month in the reader's language: "พฤศจิกายน 2569" (Buddhist Era) or "November 2026"."""
    if not value:
        return ""
    return period_label(value, thai=(translation.get_language() or "th").startswith("th"))


@register.filter
def get_item(mapping: dict, key):
    """mapping[key], or an empty dashboard cell when the key is missing."""
    from wastefees.selectors import DashboardCell

    return mapping.get(key) or DashboardCell()


@register.simple_tag
def zone_cell(board, zone, period):
    return board.cell(zone.pk, period)
