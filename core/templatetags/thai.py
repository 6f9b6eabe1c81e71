"""Template filters for Thai dates (Buddhist Era) and money, following the active language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django import template
from django.utils import formats, timezone, translation

from core import thai

register = template.Library()


def _is_thai() -> bool:
    return (translation.get_language() or "th").startswith("th")


@register.filter
def be_date(value: dt.date | dt.datetime | None, style: str = "long") -> str:
    """A date in the Buddhist Era for Thai ("25 พฤศจิกายน 2569"), Gregorian for English ("25 November 2026")."""
    if value in (None, ""):
        return ""
    if _is_thai():
        return thai.thai_date(value, short=(style == "short"))
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, "j M Y" if style == "short" else "j F Y")


@register.filter
def be_datetime(value: dt.datetime | None, style: str = "short") -> str:
    """A moment in Bangkok time with the Buddhist Era year for Thai."""
    if value in (None, ""):
        return ""
    if _is_thai():
        return thai.thai_datetime(value, short=(style == "short"))
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return formats.date_format(local, "j M Y, H:i")


@register.filter
def be_year(value: dt.date | dt.datetime | int | None) -> str:
    """The year in BE for Thai, CE for English."""
    if value in (None, ""):
        return ""
    year = value if isinstance(value, int) else value.year
    return str(year + thai.BE_OFFSET) if _is_thai() else str(year)


@register.filter
def phone(value: str | None) -> str:
    """A phone number grouped for reading: 081 234 5678."""
    return thai.format_phone(value) if value else ""


@register.filter
def period(days: int | None) -> str:
    """Days as the largest whole unit: 1825 → 5 ปี."""
    return thai.period_text(int(days)) if days not in (None, "") else ""


@register.filter
def baht(value: Decimal | int | None) -> str:
    """Money with satang and thousands separators: 1,234.50."""
    return thai.format_baht(value)


@register.filter
def baht_words(value: Decimal | int | None) -> str:
    """Money in Thai words: หนึ่งร้อยบาทถ้วน."""
    return "" if value is None else thai.baht_text(Decimal(value))


@register.filter
def address_parts(value) -> list[str]:
    """:func:`core.thai.address_parts` of an organization, or of a mapping with the same keys (a receipt's issuer)."""
    get = value.get if isinstance(value, dict) else (lambda key, default="": getattr(value, key, default))
    return thai.address_parts(get("address", "") or "", subdistrict=get("subdistrict", "") or "",
                              district=get("district", "") or "", province=get("province", "") or "",
                              postcode=get("postcode", "") or "")
