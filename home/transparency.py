"""Exports of a year's transparency (ITA/OIT) list: the rows an LGO pastes into the ITA system."""

from __future__ import annotations

from operator import itemgetter

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.exports import CSV_CONTENT_TYPE, ExportColumn, iter_csv

COLUMNS = [ExportColumn(pgettext_lazy("ITA item", "Item"), itemgetter(0)), ExportColumn(_("Title"), itemgetter(1)),
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


def fiscal_year_bounds(be_year: int):
    """1 October of the year before to 1 October of `be_year` (Thai fiscal year), as aware datetimes in Bangkok."""
    import datetime as dt

    from django.utils import timezone

    ce = be_year - 543
    start = timezone.make_aware(dt.datetime(ce - 1, 10, 1))
    end = timezone.make_aware(dt.datetime(ce, 10, 1))
    return start, end


def service_statistics(index) -> list[dict]:
    """Cases per service in the index's fiscal year: received, decided and still open (from live data, ITA o16)."""
    from django.db.models import Count, Q

    from eservices.constants import FINAL_STATUSES
    from eservices.models import Submission
    from organizations.models import Organization

    organization = Organization.objects.filter(site__root_page__in=index.get_ancestors()).first()
    if organization is None:
        return []
    start, end = fiscal_year_bounds(index.year)
    rows = (Submission.objects.for_organization(organization).filter(received_at__gte=start, received_at__lt=end)
            .values("service_title")
            .annotate(total=Count("id"), closed=Count("id", filter=Q(status__in=FINAL_STATUSES)))
            .order_by("-total", "service_title"))
    return [{"service": row["service_title"], "total": row["total"], "closed": row["closed"],
             "open": row["total"] - row["closed"]} for row in rows]
