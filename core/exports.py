"""Spreadsheet writers for officer exports (inbox, waste-fee lists, registers): CSV that Excel opens in Thai, XLSX.

Kept free of the case model: a caller describes columns (a header and a function that reads one row) and hands over
an iterable of rows, so the same writers can serve any officer list. Cells a citizen typed are neutralised so that a
name such as ``=HYPERLINK(...)`` cannot run as a formula in the officer's spreadsheet (CSV/formula injection).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone

from core.thai import BE_OFFSET

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOM = "\ufeff"  # without it Excel reads UTF-8 CSV as the Windows code page and Thai turns into mojibake
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class ExportColumn:
    """One column: its header (translated when rendered) and how to read its value from a row."""

    header: Any
    value: Callable[[Any], Any]
    width: int = 18


def be_date_text(value: dt.date | dt.datetime | None, *, with_time: bool = False) -> str:
    """A date as Thai spreadsheets write it: "25/11/2569" (Buddhist Era), "25/11/2569 14:05" with the time."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        text = f"{local.day:02d}/{local.month:02d}/{local.year + BE_OFFSET}"
        return f"{text} {local:%H:%M}" if with_time else text
    return f"{value.day:02d}/{value.month:02d}/{value.year + BE_OFFSET}"


def cell_text(value: Any) -> str | int | Decimal:
    """A safe spreadsheet cell: numbers stay numbers, text that would start a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, int | Decimal):
        return value
    if isinstance(value, dt.datetime):
        return be_date_text(value, with_time=True)
    if isinstance(value, dt.date):
        return be_date_text(value)
    text = _ILLEGAL_XML.sub("", str(value))
    if text.startswith(_FORMULA_START):
        text = "'" + text
    return text


def _row_values(columns: list[ExportColumn], row: Any) -> list[Any]:
    return [cell_text(column.value(row)) for column in columns]


def iter_csv(columns: list[ExportColumn], rows: Iterable[Any]) -> Iterator[str]:
    """The CSV text line by line, starting with the BOM and the header row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate(0)
        return text

    writer.writerow([str(column.header) for column in columns])
    yield BOM + flush()
    for row in rows:
        writer.writerow(_row_values(columns, row))
        yield flush()


def csv_response(*, filename: str, columns: list[ExportColumn], rows: Iterable[Any]) -> StreamingHttpResponse:
    """Stream a CSV download (rows are read lazily, so a large export does not sit in memory)."""
    response = StreamingHttpResponse(iter_csv(columns, rows), content_type=CSV_CONTENT_TYPE)
    _attachment_headers(response, filename)
    return response


def xlsx_bytes(*, columns: list[ExportColumn], rows: Iterable[Any], sheet_title: str = "Export") -> bytes:
    """An XLSX workbook with one sheet: bold frozen header row, sensible widths, values as `cell_text` makes them."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(sheet_title))
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=str(column.header))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        sheet.append(_row_values(columns, row))
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def xlsx_response(*, filename: str, columns: list[ExportColumn], rows: Iterable[Any],
                  sheet_title: str = "Export") -> HttpResponse:
    response = HttpResponse(
        xlsx_bytes(columns=columns, rows=rows, sheet_title=sheet_title), content_type=XLSX_CONTENT_TYPE
    )
    _attachment_headers(response, filename)
    return response


def _sheet_title(title: str) -> str:
    """Excel refuses sheet names over 31 characters or with []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31] or "Sheet1"


def _attachment_headers(response: HttpResponse, filename: str) -> None:
    from django.utils.http import content_disposition_header

    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
