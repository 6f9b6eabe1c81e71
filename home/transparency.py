"""Exports of a year's transparency (ITA/OIT) list: the rows an LGO pastes into the ITA system."""

from __future__ import annotations

from operator import itemgetter

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from core.exports import CSV_CONTENT_TYPE, ExportColumn, iter_csv

COLUMNS = [ExportColumn(_("Item"), itemgetter(0)), ExportColumn(_("Title"), itemgetter(1)),
           ExportColumn(_("URL"), itemgetter(2))]


def csv_response(index, rows: list[tuple[str, str, str]]) -> HttpResponse:
    """The shared CSV writer (BOM for Excel, formula-looking titles neutralised), as one small public download."""
    response = HttpResponse("".join(iter_csv(COLUMNS, rows)), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="ita-oit-{index.year}.csv"'
    return response


def text_response(rows: list[tuple[str, str, str]]) -> HttpResponse:
    """One item per line, "o1 title<TAB>URL", for pasting straight into a form."""
    lines = [f"{code} {title}\t{url}" for code, title, url in rows]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
