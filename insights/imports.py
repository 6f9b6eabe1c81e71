"""Importing the LGO registry (`import_lgo_registry FILE` and the admin screen): all or nothing, row by row errors.

Columns `dla_code,name_th,kind,province,district` (header row required, any order). `kind` takes the code
(`pao`, `city`, `town`, `subdistrict_municipality`, `sao`) or the Thai name (อบจ., เทศบาลนคร, เทศบาลเมือง,
เทศบาลตำบล, อบต. or written out). UTF-8 (with or without BOM) or Windows-874. The file is the list for every province
it names: entries of those provinces missing from it are removed, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from core.thai import ascii_digits, decode_thai_text
from organizations.constants import OrganizationKind

from .models import RegistryEntry

COLUMNS = ("dla_code", "name_th", "kind", "province", "district")
MAX_ROWS = 20_000  # every LGO of Thailand (about 7,850) fits with room to spare

KIND_NAMES = {
    "อบจ.": OrganizationKind.PAO, "อบจ": OrganizationKind.PAO, "องค์การบริหารส่วนจังหวัด": OrganizationKind.PAO,
    "เทศบาลนคร": OrganizationKind.CITY_MUNICIPALITY, "ทน.": OrganizationKind.CITY_MUNICIPALITY,
    "เทศบาลเมือง": OrganizationKind.TOWN_MUNICIPALITY, "ทม.": OrganizationKind.TOWN_MUNICIPALITY,
    "เทศบาลตำบล": OrganizationKind.SUBDISTRICT_MUNICIPALITY, "ทต.": OrganizationKind.SUBDISTRICT_MUNICIPALITY,
    "อบต.": OrganizationKind.SAO, "อบต": OrganizationKind.SAO, "องค์การบริหารส่วนตำบล": OrganizationKind.SAO,
}


@dataclass
class RegistryImport:
    rows: list[dict[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)

    @property
    def provinces(self) -> list[str]:
        return sorted({row["province"] for row in self.rows})


def parse_kind(value: str) -> str | None:
    value = value.strip()
    if value in OrganizationKind.values:
        return value
    return KIND_NAMES.get(value) or KIND_NAMES.get(value.replace(" ", ""))


def parse_registry(data: bytes, *, province: str | None = None) -> RegistryImport:
    """Read and check every row; with `province`, rows of any other province are errors (a province
    administrator imports their own province only)."""
    result = RegistryImport()
    try:
        text = decode_thai_text(data)
    except UnicodeDecodeError:
        result.errors.append(_("The file is not UTF-8 or Windows-874 text. Save it as CSV (UTF-8) and try again."))
        return result
    reader = csv.reader(io.StringIO(text))
    header = [cell.strip().lower() for cell in next(reader, [])]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        result.errors.append(_("The first row must name the columns %(columns)s; missing: %(missing)s.") % {
            "columns": ", ".join(COLUMNS), "missing": ", ".join(missing)})
        return result
    index = {name: header.index(name) for name in COLUMNS}
    seen: dict[str, int] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(result.rows) >= MAX_ROWS:
            result.errors.append(_("More than %(max)s rows: split the file by province.") % {"max": f"{MAX_ROWS:,}"})
            break
        values = {name: (cells[i].strip() if i < len(cells) else "") for name, i in index.items()}
        values["dla_code"] = ascii_digits(values["dla_code"])
        problems = []
        if not re.fullmatch(r"\d{7}", values["dla_code"]):
            problems.append(_("the DLA code must be 7 digits"))
        elif values["dla_code"] in seen:
            problems.append(_("DLA code %(code)s is also on row %(line)s") % {
                "code": values["dla_code"], "line": seen[values["dla_code"]]})
        kind = parse_kind(values["kind"])
        if kind is None:
            problems.append(_("unknown kind “%(kind)s” (use อบจ., เทศบาลนคร, เทศบาลเมือง, เทศบาลตำบล or อบต.)")
                            % {"kind": values["kind"]})
        for name, label in (("name_th", _("name")), ("province", _("province")), ("district", _("district"))):
            if not values[name]:
                problems.append(_("the %(column)s is empty") % {"column": label})
            elif len(values[name]) > (200 if name == "name_th" else 100):
                problems.append(_("the %(column)s is too long") % {"column": label})
        if province is not None and values["province"] and values["province"] != province:
            problems.append(_("the LGO is in %(other)s, not in %(province)s") % {
                "other": values["province"], "province": province})
        if problems:
            result.errors.append(_("Row %(line)s: %(problems)s.") % {"line": line, "problems": "; ".join(problems)})
            continue
        seen[values["dla_code"]] = line
        result.rows.append({**values, "kind": kind})
    if not result.rows and not result.errors:
        result.errors.append(_("The file has no LGO rows."))
    return result


def import_registry(parsed: RegistryImport) -> tuple[int, int, int]:
    """Replace the registry of the file's provinces with its rows, atomically: (added, updated, removed)."""
    if not parsed.ok:
        raise ValueError("refusing to import a registry file with errors")
    with transaction.atomic():
        existing = {entry.dla_code: entry for entry in RegistryEntry.objects.select_for_update()
                    .filter(dla_code__in=[row["dla_code"] for row in parsed.rows])}
        added = updated = 0
        for row in parsed.rows:
            entry = existing.get(row["dla_code"])
            if entry is None:
                RegistryEntry.objects.create(**row)
                added += 1
            elif any(getattr(entry, key) != value for key, value in row.items()):
                RegistryEntry.objects.filter(pk=entry.pk).update(**row)
                updated += 1
        removed, _detail = (RegistryEntry.objects.filter(province__in=parsed.provinces)
                            .exclude(dla_code__in=[row["dla_code"] for row in parsed.rows]).delete())
    return added, updated, removed
