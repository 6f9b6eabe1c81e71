"""Thai formats and checks used across the platform: national IDs, phone numbers, Buddhist Era dates, baht in words.

Kept free of Django models so that forms, PDFs, QR payloads and tests can all use one definition.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

BE_OFFSET = 543

THAI_MONTHS = (
    "มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน",
    "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
)
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
ASCII_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def ascii_digits(value: str) -> str:
    """Thai digits (๐–๙, on every Thai keyboard) as ASCII digits, everything else unchanged: a number means the same
    whichever digits a citizen types it in. Normalise before validating, comparing or storing digits."""
    return (value or "").translate(ASCII_DIGITS)


# --- National ID -------------------------------------------------------------------------------------------------

def national_id_checksum_ok(value: str) -> bool:
    """True when `value` is 13 digits whose last digit is the Ministry of Interior check digit."""
    if not re.fullmatch(r"[0-9]{13}", value or ""):
        return False
    total = sum(int(value[i]) * (13 - i) for i in range(12))
    return (11 - total % 11) % 10 == int(value[12])


def normalize_national_id(value: str) -> str:
    """Strip the spaces and dashes people type ("1-2345-67890-12-1"), and read Thai digits as digits."""
    return re.sub(r"[\s\-]", "", ascii_digits(value))


# --- Phone numbers -----------------------------------------------------------------------------------------------

_MOBILE = re.compile(r"0[689][0-9]{8}")
_LANDLINE = re.compile(r"0[2-57][0-9]{7}")


def mask_national_id(value: str) -> str:
    """Show only the last 3 digits of a national ID: "x-xxxx-xxxxx-12-3" (what officers' screens print)."""
    value = value or ""
    if len(value) != 13:
        return "•" * len(value)
    return f"x-xxxx-xxxxx-{value[10:12]}-{value[12]}"


def normalize_phone(value: str) -> str:
    """Turn "+66 81-234-5678" or "081 234 5678" into the national form "0812345678"."""
    digits = re.sub(r"[\s\-().]", "", ascii_digits(value))
    if digits.startswith("+66"):
        digits = "0" + digits[3:]
    elif digits.startswith("66") and len(digits) in (11, 10):
        digits = "0" + digits[2:]
    return digits


def is_thai_phone(value: str) -> bool:
    """A Thai mobile (10 digits, 06/08/09) or landline (9 digits, 02-05/07) number in national form."""
    number = normalize_phone(value)
    return bool(_MOBILE.fullmatch(number) or _LANDLINE.fullmatch(number))


def format_phone(value: str) -> str:
    """A phone number grouped as Thais write it: "081 234 5678" (mobile), "02 123 4567" (Bangkok), "053 123 456"
    (provincial landline). Anything that is not a Thai number is returned as given."""
    number = normalize_phone(value)
    if _MOBILE.fullmatch(number):
        return f"{number[:3]} {number[3:6]} {number[6:]}"
    if _LANDLINE.fullmatch(number):
        if number.startswith("02"):
            return f"{number[:2]} {number[2:5]} {number[5:]}"
        return f"{number[:3]} {number[3:6]} {number[6:]}"
    return value


def period_text(days: int) -> str:
    """A retention or validity period in the largest whole unit: 1825 → "5 ปี" ("5 years"), 90 → "90 วัน"."""
    from django.utils.translation import ngettext

    if days and days % 365 == 0:
        years = days // 365
        return ngettext("%(n)s year", "%(n)s years", years) % {"n": years}
    return ngettext("%(n)s day", "%(n)s days", days) % {"n": days}


# --- Dates -------------------------------------------------------------------------------------------------------

def be_year(value: dt.date | dt.datetime) -> int:
    """The Buddhist Era year of a date (local time for datetimes)."""
    return _local(value).year + BE_OFFSET


def _local(value: dt.date | dt.datetime) -> dt.date | dt.datetime:
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def thai_date(value: dt.date | dt.datetime | None, *, short: bool = False, thai_digits: bool = False) -> str:
    """Format a date the Thai way: "25 พฤศจิกายน 2569" (or "25 พ.ย. 2569" when short)."""
    if value is None:
        return ""
    local = _local(value)
    months = THAI_MONTHS_SHORT if short else THAI_MONTHS
    text = f"{local.day} {months[local.month - 1]} {local.year + BE_OFFSET}"
    return text.translate(THAI_DIGITS) if thai_digits else text


def thai_datetime(value: dt.datetime | None, *, short: bool = False) -> str:
    """Format a moment in Bangkok time: "25 พ.ย. 2569 เวลา 14:05 น."."""
    if value is None:
        return ""
    local = _local(value)
    return f"{thai_date(local, short=short)} เวลา {local:%H:%M} น."


def fiscal_year(value: dt.date | dt.datetime) -> int:
    """The Thai government fiscal year (Oct–Sep) in BE: 1 Oct 2026 falls in FY 2570."""
    local = _local(value)
    return local.year + BE_OFFSET + (1 if local.month >= 10 else 0)


def ce_year(year: int) -> int:
    """A year as Thai officers write it, made Gregorian: above 2400 it is Buddhist Era (2569 → 2026)."""
    return year - BE_OFFSET if year > 2400 else year


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASHED_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_thai_date(value: str) -> dt.date:
    """Read a date as Thai spreadsheets and bank files write it: "2026-01-15", "15/01/2026" or "15/01/2569".

    Day first when slashed; a year above 2400 is Buddhist Era. Raises ValueError for any other form and for a day
    that does not exist (31/02/2569).
    """
    text = (value or "").strip()
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _SLASHED_DATE.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise ValueError(f"not a date: {value!r}")
    return dt.date(ce_year(year), month, day)


# The years an officer types in a Buddhist Era date field: 2400–2700 BE is 1857–2157 CE. A year from 1900 to 2200 in
# a BE field is what a Christian Era habit types (2026 for 2569): ambiguous, so it is refused rather than guessed.
BE_YEARS = range(2400, 2701)
CE_YEARS = range(1900, 2201)
_TYPED_DMY = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d+)")
_TYPED_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class DateInputError(ValueError):
    """A typed date that cannot be read. `code` says why: "invalid" (not day/month/year or no such day),
    "ambiguous_year" (a Christian Era year where Buddhist Era is expected), "year_range" (an impossible year)."""

    def __init__(self, code: str, year: int | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.year = year


def read_typed_date(value: str, *, buddhist_era: bool = True) -> dt.date:
    """Read a date an officer or citizen typed: "15/02/2570" (day first), Thai digits allowed, or "2569-12-01".

    With `buddhist_era` (Thai screens) a day/month/year date must carry a BE year; a CE year there is refused as
    ambiguous instead of being stored as the Gregorian year 2570 or 1483. A year-first ISO date is what browsers and
    files send: its year is BE above 2400 (someone typed 2569-12-01) and CE otherwise. English screens read
    day/month/year in CE (a BE year above 2400 is still understood). Raises DateInputError.
    """
    text = ascii_digits(value).strip()
    if match := _TYPED_ISO.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        year = year - BE_OFFSET if year in BE_YEARS else year
        if year not in CE_YEARS:
            raise DateInputError("year_range", year)
    elif match := _TYPED_DMY.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
        if year in BE_YEARS:
            year -= BE_OFFSET
        elif year in CE_YEARS:
            if buddhist_era:
                raise DateInputError("ambiguous_year", year)
        else:
            raise DateInputError("year_range", year)
    else:
        raise DateInputError("invalid")
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise DateInputError("invalid") from exc


def typed_date_text(value: dt.date, *, buddhist_era: bool = True) -> str:
    """A date as the date inputs show it: "15/02/2570" (BE) or "15/02/2027" (CE), the inverse of read_typed_date."""
    year = value.year + BE_OFFSET if buddhist_era else value.year
    return f"{value.day:02d}/{value.month:02d}/{year}"


# --- Text files --------------------------------------------------------------------------------------------------

def decode_thai_text(data: bytes) -> str:
    """The text of an uploaded file: UTF-8 (the BOM Excel's "CSV UTF-8" writes is dropped), else the Thai Windows
    code page (cp874, a superset of TIS-620) in which Excel on Thai Windows saves CSV.

    Raises UnicodeDecodeError when it is neither; callers turn that into their own message.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp874")


# --- Baht in words -----------------------------------------------------------------------------------------------

_DIGIT_WORDS = ("ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
_PLACE_WORDS = ("", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน")


def _words_below_million(number: int) -> str:
    digits = str(number)
    words = []
    length = len(digits)
    for index, char in enumerate(digits):
        digit = int(char)
        place = length - index - 1
        if digit == 0:
            continue
        if place == 1 and digit == 1:
            words.append("สิบ")
        elif place == 1 and digit == 2:
            words.append("ยี่สิบ")
        elif place == 0 and digit == 1 and length > 1:
            words.append("เอ็ด")
        else:
            words.append(_DIGIT_WORDS[digit] + _PLACE_WORDS[place])
    return "".join(words)


def number_words(number: int) -> str:
    """Read a whole number in Thai: 1,000,001 → "หนึ่งล้านเอ็ด"."""
    if number == 0:
        return _DIGIT_WORDS[0]
    if number < 0:
        return "ลบ" + number_words(-number)
    millions, rest = divmod(number, 1_000_000)
    text = ""
    if millions:
        text = number_words(millions) + "ล้าน"
        if rest:
            # After ล้าน a lone 1 in the units place is still read เอ็ด (หนึ่งล้านเอ็ด).
            rest_words = _words_below_million(rest)
            text += "เอ็ด" if rest == 1 else rest_words
        return text
    return _words_below_million(rest)


def baht_text(amount: Decimal) -> str:
    """Write an amount of money in Thai words as on a receipt: 100 → "หนึ่งร้อยบาทถ้วน", 1.50 → "หนึ่งบาทห้าสิบสตางค์"."""
    if isinstance(amount, float):
        raise TypeError("Money must be a Decimal, never a float.")
    amount = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if amount < 0:
        return "ลบ" + baht_text(-amount)
    baht = int(amount)
    satang = int((amount - baht) * 100)
    if baht == 0 and satang == 0:
        return "ศูนย์บาทถ้วน"
    text = number_words(baht) + "บาท" if baht else ""
    if satang:
        return text + number_words(satang) + "สตางค์"
    return text + "ถ้วน"


def format_baht(amount: Decimal | int | None, *, symbol: bool = False) -> str:
    """Format money with thousands separators and satang: Decimal("1234.5") → "1,234.50"."""
    if amount is None:
        return ""
    if isinstance(amount, float):
        raise TypeError("Money must be a Decimal, never a float.")
    text = f"{Decimal(amount).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,}"
    return f"฿{text}" if symbol else text


# --- Postal addresses -----------------------------------------------------------------------------------------------

#: Labels typed apart from their value ("ตำบล หนองแก้ว", "หมู่ 3"): kept with the value, never broken at line end.
_ADDRESS_LABELS = frozenset({
    "เลขที่", "หมู่", "หมู่ที่", "ม.", "ซอย", "ซ.", "ถนน", "ถ.", "ตำบล", "ต.", "แขวง", "อำเภอ", "อ.", "เขต", "จังหวัด", "จ.",
})
#: How each administrative level may be written in a free-text address.
_LEVEL_PREFIXES = {
    "subdistrict": ("ตำบล", "ต.", "แขวง"), "district": ("อำเภอ", "อ.", "เขต"), "province": ("จังหวัด", "จ."),
}


def address_parts(address: str, *, subdistrict: str = "", district: str = "", province: str = "",
                  postcode: str = "") -> list[str]:
    """A Thai postal address as the parts that must each stay on one line ("ตำบลหนองแก้ว", "หมู่ 3").

    The free-text address often names ตำบล, อำเภอ and จังหวัด already (the demo LGOs' does); a level from its own
    field is added only when the address does not already name it, so nothing is printed twice. Print each part
    unbroken (``white-space: nowrap``), with a space between parts: a Thai line breaker otherwise splits
    "ตำบล / หนองแก้ว" as two words.
    """
    parts: list[str] = []
    for token in address.split():
        if parts and parts[-1] in _ADDRESS_LABELS:
            parts[-1] = f"{parts[-1]} {token}"
        else:
            parts.append(token)
    compact = "".join(address.split())
    for level, name in (("subdistrict", subdistrict), ("district", district), ("province", province)):
        name = name.strip()
        prefixes = _LEVEL_PREFIXES[level]
        if name and not any(prefix + "".join(name.split()) in compact for prefix in prefixes):
            parts.append(prefixes[0] + name)
    if postcode.strip() and postcode.strip() not in compact:
        parts.append(postcode.strip())
    return parts
