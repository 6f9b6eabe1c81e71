"""CSV import of service accounts: all or nothing, with every problem reported by row and column.

An LGO moving onto Thongthin has its accounts in a spreadsheet. The officer saves it as CSV and uploads it; we check
every row first and write nothing unless every row is right, so a file with one bad line never leaves half the
accounts imported. A row whose account number already exists updates that account (so a yearly refresh of the
register is the same upload).

Columns (first row is the header; Thai or English header names, in any order; unknown columns are refused):

====================  ===========================  ========  ======================================================
English header        Thai header                  needed    value
====================  ===========================  ========  ======================================================
account_number        เลขที่บัญชี                  yes       up to 20 capital English letters/digits (Ref1)
kind                  ประเภทผู้ใช้บริการ             yes       household / premises (ครัวเรือน / สถานประกอบการ)
owner_name            ชื่อเจ้าของ                   yes       owner or business name
address               ที่อยู่                        yes
zone                  เขต                          yes       a zone code of the LGO, e.g. M1
tariff_class          ประเภทอัตรา                   yes       a tariff class code of the LGO, e.g. H20 or SHOP
phone                 โทรศัพท์                      no        Thai phone number
email                 อีเมล                         no
national_id           เลขประจำตัว                   no        13-digit national ID or tax ID (check digit checked)
wastewater            น้ำเสีย                        no        yes/no, ใช่/ไม่ใช่, 1/0 (empty = no)
active_from           เริ่มบริการ                    yes       2026-01-15, or 15/01/2569 (Buddhist Era)
active_to             สิ้นสุดบริการ                  no        same formats
notes                 หมายเหตุ                      no
====================  ===========================  ========  ======================================================

Files saved by Excel on Thai Windows in the old Thai code page (TIS-620/cp874) are read too.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.thai import decode_thai_text, normalize_national_id, normalize_phone, parse_thai_date
from payments.services import chunks

from .constants import AccountKind
from .models import ServiceAccount, TariffClass, Zone

MAX_ROWS = 200_000


@dataclass(frozen=True)
class Column:
    key: str
    english: str
    thai: str
    required: bool
    label: object  # lazy translated name shown in error messages


COLUMNS: tuple[Column, ...] = (
    Column("number", "account_number", "เลขที่บัญชี", True, gettext_lazy("account number")),
    Column("kind", "kind", "ประเภทผู้ใช้บริการ", True, gettext_lazy("kind")),
    Column("owner_name", "owner_name", "ชื่อเจ้าของ", True, gettext_lazy("owner name")),
    Column("address", "address", "ที่อยู่", True, gettext_lazy("address")),
    Column("zone", "zone", "เขต", True, gettext_lazy("zone")),
    Column("tariff_class", "tariff_class", "ประเภทอัตรา", True, gettext_lazy("tariff class")),
    Column("phone", "phone", "โทรศัพท์", False, gettext_lazy("phone")),
    Column("email", "email", "อีเมล", False, gettext_lazy("e-mail")),
    Column("tax_id", "national_id", "เลขประจำตัว", False, gettext_lazy("national ID or tax ID")),
    Column("wastewater", "wastewater", "น้ำเสีย", False, gettext_lazy("wastewater")),
    Column("active_from", "active_from", "เริ่มบริการ", True, gettext_lazy("service from")),
    Column("active_to", "active_to", "สิ้นสุดบริการ", False, gettext_lazy("service until")),
    Column("notes", "notes", "หมายเหตุ", False, gettext_lazy("notes")),
)
_BY_HEADER = {name.strip().lower(): column for column in COLUMNS for name in (column.english, column.thai)}
_COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
_KINDS = {
    "household": AccountKind.HOUSEHOLD, "ครัวเรือน": AccountKind.HOUSEHOLD, "บ้าน": AccountKind.HOUSEHOLD,
    "premises": AccountKind.PREMISES, "สถานประกอบการ": AccountKind.PREMISES, "business": AccountKind.PREMISES,
}
_YES = {"yes", "y", "1", "true", "ใช่", "มี", "✓"}
_NO = {"", "no", "n", "0", "false", "ไม่ใช่", "ไม่มี", "-"}


@dataclass(frozen=True)
class RowError:
    row: int  # line number in the file, the header being row 1
    column: str  # the header as written in the file ("" for the whole row or file)
    message: str


@dataclass
class ImportResult:
    accounts: list[ServiceAccount] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def new_count(self) -> int:
        return sum(1 for account in self.accounts if account.pk is None)

    @property
    def update_count(self) -> int:
        return sum(1 for account in self.accounts if account.pk is not None)


def decode(data: bytes) -> str:
    """UTF-8 (Excel's "CSV UTF-8" adds a BOM, which is dropped), else the Thai Windows code page."""
    if b"\x00" in data[:4096]:
        raise ValidationError(_("This is not a CSV text file."))
    try:
        return decode_thai_text(data)
    except UnicodeDecodeError as exc:
        raise ValidationError(_("The file's text encoding is not UTF-8 or Thai (TIS-620).")) from exc


def parse_accounts(data: bytes, *, organization) -> ImportResult:
    """Read and check every row; nothing is written. `result.accounts` holds unsaved (or changed) accounts."""
    result = ImportResult()
    try:
        text = decode(data)
    except ValidationError as exc:
        result.errors.append(RowError(0, "", exc.messages[0]))
        return result
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header or not any(cell.strip() for cell in header):
        result.errors.append(RowError(1, "", _("The file is empty or has no header row.")))
        return result
    columns = _read_header(header, result)
    if result.errors:
        return result
    rows: list[tuple[int, list[str]]] = []
    too_long_at = None
    for line_number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if line_number > MAX_ROWS + 1:
            too_long_at = line_number
            break
        rows.append((line_number, cells))
    zones = {zone.code: zone for zone in Zone.objects.for_organization(organization)}
    classes = {c.code: c for c in TariffClass.objects.for_organization(organization)}
    existing = _existing_accounts(organization, rows, [key for key, _h in columns].index("number"))
    headers = {key: written for key, written in columns}
    seen: dict[str, int] = {}
    for line_number, cells in rows:
        if len(cells) > len(columns):
            result.errors.append(RowError(line_number, "", _("This row has more cells than the header.")))
            continue
        values = {key: (cells[index].strip() if index < len(cells) else "") for index, (key, _h) in
                  enumerate(columns)}
        account = _row_to_account(values, headers, line_number, organization=organization, zones=zones,
                                  classes=classes, existing=existing, result=result)
        if account is None:
            continue
        if account.number in seen:
            result.errors.append(RowError(line_number, headers["number"],
                                          _("Account number %(number)s is also on row %(row)s.")
                                          % {"number": account.number, "row": seen[account.number]}))
            continue
        seen[account.number] = line_number
        result.accounts.append(account)
    if too_long_at is not None:
        result.errors.append(RowError(too_long_at, "", _("A file may hold at most %(n)s accounts; split it.")
                                      % {"n": f"{MAX_ROWS:,}"}))
    if not result.accounts and not result.errors:
        result.errors.append(RowError(2, "", _("The file has a header but no accounts.")))
    return result


def _existing_accounts(organization, rows: list[tuple[int, list[str]]], index: int) -> dict[str, ServiceAccount]:
    """The LGO's accounts whose numbers the file names (a file of 100 rows reads 100 accounts, not the whole LGO)."""
    numbers = sorted({cells[index].strip().upper() for _line, cells in rows if index < len(cells)} - {""})
    existing: dict[str, ServiceAccount] = {}
    for chunk in chunks(numbers):
        existing.update((account.number, account) for account in
                        ServiceAccount.objects.for_organization(organization).filter(number__in=chunk))
    return existing


def _read_header(header: list[str], result: ImportResult) -> list[tuple[str, str]]:
    columns: list[tuple[str, str]] = []
    found: set[str] = set()
    for written in header:
        name = written.strip().lstrip("\ufeff")
        column = _BY_HEADER.get(name.lower())
        if column is None:
            result.errors.append(RowError(1, name, _("Unknown column “%(name)s”. See the list of columns.")
                                          % {"name": name}))
            continue
        if column.key in found:
            result.errors.append(RowError(1, name, _("The column “%(name)s” appears twice.") % {"name": name}))
            continue
        found.add(column.key)
        columns.append((column.key, name))
    for column in COLUMNS:
        if column.required and column.key not in found:
            result.errors.append(RowError(1, column.thai, _("The required column “%(thai)s” (%(english)s) is "
                                                            "missing.") % {"thai": column.thai,
                                                                           "english": column.english}))
    return columns


def _row_to_account(values, headers, line_number, *, organization, zones, classes, existing,
                    result: ImportResult) -> ServiceAccount | None:
    errors: list[RowError] = []

    def fail(key: str, message: str) -> None:
        errors.append(RowError(line_number, headers.get(key, _COLUMN_BY_KEY[key].thai), message))

    for key in headers:
        if _COLUMN_BY_KEY[key].required and not values.get(key):
            fail(key, _("This column must not be empty."))
    kind = _KINDS.get(values.get("kind", "").lower())
    if values.get("kind") and kind is None:
        fail("kind", _("Write household or premises (ครัวเรือน or สถานประกอบการ)."))
    zone = zones.get(values.get("zone", "").upper())
    if values.get("zone") and zone is None:
        fail("zone", _("There is no zone with the code “%(code)s”.") % {"code": values["zone"]})
    tariff_class = classes.get(values.get("tariff_class", "").upper())
    if values.get("tariff_class") and tariff_class is None:
        fail("tariff_class", _("There is no tariff class with the code “%(code)s”.") % {"code": values["tariff_class"]})
    wastewater = values.get("wastewater", "").lower()
    if wastewater not in _YES | _NO:
        fail("wastewater", _("Write yes or no (ใช่ or ไม่ใช่)."))
    dates = {}
    for key in ("active_from", "active_to"):
        if values.get(key):
            try:
                dates[key] = parse_thai_date(values[key])
            except ValueError:
                fail(key, _("Write the date as 2026-01-15 or 15/01/2569."))
    if errors:
        result.errors.extend(errors)
        return None
    number = values["number"].upper()
    account = existing.get(number) or ServiceAccount(organization=organization)
    account.number = number
    account.kind = kind
    account.owner_name = values["owner_name"]
    account.address = values["address"]
    account.zone = zone
    account.tariff_class = tariff_class
    account.phone = normalize_phone(values.get("phone", ""))
    account.email = values.get("email", "")
    account.tax_id = normalize_national_id(values.get("tax_id", ""))
    account.wastewater = wastewater in _YES
    account.active_from = dates.get("active_from")
    account.active_to = dates.get("active_to")
    account.notes = values.get("notes", "") if "notes" in headers else account.notes
    try:
        # Zone, class and LGO are objects already read from this LGO's dicts: checking that each still exists
        # would cost three queries a row (clean() still checks they belong to the same LGO).
        account.full_clean(exclude=["organization", "zone", "tariff_class"], validate_unique=False,
                           validate_constraints=False)
    except ValidationError as exc:
        for key, messages in exc.message_dict.items():
            column_key = {"tax_id": "tax_id", "number": "number"}.get(key, key)
            header = headers.get(column_key) or (_COLUMN_BY_KEY[column_key].thai if column_key in _COLUMN_BY_KEY
                                                 else "")
            for message in messages:
                result.errors.append(RowError(line_number, header, message))
        return None
    return account


def apply_import(result: ImportResult) -> tuple[int, int]:
    """Write every account of a checked file in one transaction. Returns (created, updated)."""
    if not result.ok:
        raise ValueError("An import with errors cannot be applied.")
    new = [account for account in result.accounts if account.pk is None]
    changed = [account for account in result.accounts if account.pk is not None]
    with transaction.atomic():
        ServiceAccount.objects.bulk_create(new, batch_size=2000)
        ServiceAccount.objects.bulk_update(
            changed, ["kind", "owner_name", "address", "zone", "tariff_class", "phone", "email", "tax_id",
                      "wastewater", "active_from", "active_to", "notes"], batch_size=2000,
        )
    return len(new), len(changed)


def template_csv() -> str:
    """An example file officers can download, with both header rows explained."""
    header = ",".join(column.thai for column in COLUMNS)
    example = ",".join([
        "A00001", "ครัวเรือน", "นายสมชาย ใจดี", "12 หมู่ 1 ต.ทดสอบ", "M1", "H20", "0812345678", "", "", "ไม่ใช่",
        "01/10/2568", "", "",
    ])
    return "\ufeff" + header + "\r\n" + example + "\r\n"
