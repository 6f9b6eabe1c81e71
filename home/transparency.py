"""Exports of a year's transparency (ITA/OIT) list: the rows an LGO pastes into the ITA system."""

from __future__ import annotations

import csv
import io

from django.http import HttpResponse
from django.utils.translation import gettext as _


def _filename(index, extension: str) -> str:
    return f"ita-oit-{index.year}.{extension}"


def csv_response(index, rows: list[tuple[str, str, str]]) -> HttpResponse:
    """UTF-8 CSV with a byte-order mark so that Excel opens Thai text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Item"), _("Title"), _("URL")])
    writer.writerows(rows)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(index, "csv")}"'
    return response


def text_response(index, rows: list[tuple[str, str, str]]) -> HttpResponse:
    """One item per line, "o1 title<TAB>URL", for pasting straight into a form."""
    lines = [f"{code} {title}\t{url}" for code, title, url in rows]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
