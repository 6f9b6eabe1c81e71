"""The province view (`/admin/province/<province>/`) for province administrators and superusers: the adoption
tables, every LGO of the province with the systems it uses, downloads, drill-down, and the registry import."""

from __future__ import annotations

import json
from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from core.insights import EXECUTIVE_ROLES, SECTIONS, Column, Table, dashboard_panels
from organizations.models import Organization
from organizations.tenancy import administered_province, may_oversee_province

from .adoption import SYSTEMS, adoption, forget_adoption, provinces
from .dashboard import panel_table, sections
from .imports import COLUMNS, import_registry, parse_registry
from .render import table_csv
from .views import csv_response

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def _require(request: HttpRequest, province: str) -> None:
    if not may_oversee_province(request.user, province):
        raise PermissionDenied


def may_see_provinces(request: HttpRequest) -> bool:
    return bool(request.user.is_superuser or administered_province(request.user))


def province_index_view(request: HttpRequest) -> HttpResponse:
    mine = administered_province(request.user)
    if not request.user.is_superuser:
        if mine is None:
            raise PermissionDenied
        return redirect("insights_admin:province", province=mine)
    return render(request, "insights/province_index.html", {"provinces": provinces()})


# --- The tables, as data ----------------------------------------------------------------------------------------

def _tables() -> dict[str, tuple[Column, ...]]:
    """The downloadable tables: the three of the research, use per system, and the list of LGOs."""
    kind = Column("kind_label", gettext_lazy("Kind of LGO"))
    return {
        "registration": (kind, Column("total", gettext_lazy("All LGOs"), "int"),
                         Column("registered", gettext_lazy("Registered"), "int"),
                         Column("registered_percent", gettext_lazy("Registered (%)"), "percent")),
        "activity": (kind, Column("registered", gettext_lazy("Registered"), "int"),
                     Column("active", gettext_lazy("Really active"), "int"),
                     Column("active_percent_of_registered", gettext_lazy("Active (%)"), "percent"),
                     Column("inactive", gettext_lazy("Inactive"), "int"),
                     Column("inactive_percent_of_registered", gettext_lazy("Inactive (%)"), "percent")),
        "adoption": (kind, Column("total", gettext_lazy("All LGOs"), "int"),
                     Column("active", gettext_lazy("Really active"), "int"),
                     Column("active_percent_of_total", gettext_lazy("Active (% of all)"), "percent")),
        "systems": (Column("system", gettext_lazy("System")), Column("lgos", gettext_lazy("LGOs using it"), "int"),
                    Column("percent_of_registered", gettext_lazy("% of registered"), "percent"),
                    Column("percent_of_total", gettext_lazy("% of all"), "percent")),
        "lgos": (Column("dla_code", gettext_lazy("DLA code")), Column("name_th", gettext_lazy("LGO")),
                 Column("kind_label", gettext_lazy("Kind of LGO")), Column("district", gettext_lazy("District")),
                 Column("registered", gettext_lazy("Registered")),
                 Column("active", pgettext_lazy("LGO status", "Active")),
                 Column("systems", gettext_lazy("Systems used"))),
    }


TABLE_TITLES = {
    "registration": gettext_lazy("1. Registered on the platform"),
    "activity": gettext_lazy("2. Really active among the registered"),
    "adoption": gettext_lazy("3. Really active among all LGOs"),
    "systems": gettext_lazy("Use per system (last 90 days)"),
    "lgos": gettext_lazy("LGOs of the province"),
}


def _rows(result) -> dict[str, list[dict]]:
    kinds = [*result.by_kind, result.total]
    kind_rows = [{**row.as_dict(), "kind_label": row.label} for row in kinds]
    yes, no = _("yes"), _("no")
    return {
        "registration": kind_rows, "activity": kind_rows, "adoption": kind_rows,
        "systems": [{"system": str(SYSTEMS[key]), "key": key, "lgos": count, "percent_of_registered": of_registered,
                     "percent_of_total": of_all} for key, count, of_registered, of_all in result.systems],
        "lgos": [{"dla_code": lgo.dla_code, "name_th": lgo.name_th,
                  "kind_label": str(dict(_kind_choices()).get(lgo.kind, lgo.kind)), "district": lgo.district,
                  "registered": yes if lgo.registered else no, "active": yes if lgo.active else no,
                  "systems": ", ".join(str(SYSTEMS[key]) for key in lgo.systems),
                  "_url": reverse("insights_admin:province_lgo", args=[result.province, lgo.dla_code])
                  if lgo.registered else ""} for lgo in result.lgos],
    }


def _kind_choices():
    from organizations.constants import OrganizationKind

    return OrganizationKind.choices


def province_view(request: HttpRequest, province: str) -> HttpResponse:
    _require(request, province)
    result = adoption(province)
    columns, rows = _tables(), _rows(result)
    from .render import display_rows

    tables = [{"key": key, "title": TABLE_TITLES[key], "columns": columns[key],
               "rows": display_rows(columns[key], Table(rows[key]))} for key in columns]
    return render(request, "insights/province.html", {
        "province": province, "result": result, "tables": tables,
        "may_add": bool(request.user.is_superuser or administered_province(request.user) == province),
        "unregistered": [lgo for lgo in result.lgos if not lgo.registered],
    })


def adoption_download_view(request: HttpRequest, province: str, fmt: str) -> HttpResponse:
    """`adoption.csv?table=registration|activity|adoption|systems|lgos` (default: the three research tables in
    one, per kind) and `adoption.json` (every table; percentages rounded half up to 2 decimals)."""
    _require(request, province)
    result = adoption(province)
    columns, rows = _tables(), _rows(result)
    if fmt == "json":
        kinds = [row.as_dict() for row in [*result.by_kind, result.total]]
        payload = {
            "province": province, "as_of": result.as_of.isoformat(), "active_days": 90,
            "rounding": "percentages rounded half up to 2 decimals",
            "kinds": kinds,
            "systems": [{key: value for key, value in row.items() if key != "system"} | {"label": row["system"]}
                        for row in rows["systems"]],
            "lgos": [{"dla_code": lgo.dla_code, "name_th": lgo.name_th, "kind": lgo.kind, "district": lgo.district,
                      "registered": lgo.registered, "active": lgo.active, "systems": lgo.systems}
                     for lgo in result.lgos],
        }
        return JsonResponse(json.loads(json.dumps(payload, default=_json_number)),
                            json_dumps_params={"ensure_ascii": False})
    table = request.GET.get("table", "")
    if table and table not in columns:
        raise Http404
    if table:
        return csv_response(columns[table], Table(rows[table]), f"adoption-{table}.csv")
    combined = (*columns["registration"], *[c for c in columns["activity"][2:]], columns["adoption"][3])
    response = HttpResponse(table_csv(combined, Table(rows["registration"])), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="adoption.csv"'
    return response


def _json_number(value):
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(type(value))


# --- Drill-down -------------------------------------------------------------------------------------------------

def _province_organization(province: str, dla_code: str) -> Organization:
    organization = Organization.objects.filter(dla_code=dla_code).first()
    if organization is None or (organization.province != province and not _in_registry(province, dla_code)):
        raise Http404
    return organization


def _in_registry(province: str, dla_code: str) -> bool:
    from .models import RegistryEntry

    return RegistryEntry.objects.filter(province=province, dla_code=dla_code).exists()


def province_lgo_view(request: HttpRequest, province: str, dla_code: str) -> HttpResponse:
    """One LGO's dashboard figures as its executives see them, without the panels that name cases or people."""
    _require(request, province)
    organization = _province_organization(province, dla_code)
    return render(request, "insights/province_lgo.html", {
        "province": province, "organization": organization, "section_titles": SECTIONS,
        "sections": sections(set(EXECUTIVE_ROLES), organization, drilldown=True),
    })


def province_lgo_csv_view(request: HttpRequest, province: str, dla_code: str, key: str) -> HttpResponse:
    _require(request, province)
    organization = _province_organization(province, dla_code)
    panel = dashboard_panels.get_or_none(key)
    if panel is None or not panel.in_drilldown:
        raise Http404
    return csv_response(panel.columns, panel_table(panel, organization), f"{organization.code}-{key}.csv")


# --- Registry import --------------------------------------------------------------------------------------------

class RegistryUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("CSV file"), help_text=gettext_lazy("UTF-8 or Windows-874."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


def registry_import_view(request: HttpRequest, province: str) -> HttpResponse:
    """The same import as `import_lgo_registry`; a province administrator may only load their own province."""
    _require(request, province)
    only = None if request.user.is_superuser else province
    errors: list[str] = []
    form = RegistryUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        parsed = parse_registry(form.cleaned_data["file"].read(), province=only)
        if parsed.ok:
            added, updated, removed = import_registry(parsed)
            messages.success(request, _("Imported %(rows)s LGOs: %(added)s added, %(updated)s updated, %(removed)s "
                                        "removed.") % {"rows": len(parsed.rows), "added": added, "updated": updated,
                                                       "removed": removed})
            forget_adoption(parsed.provinces)  # show the new list at once, not after the hour
            return redirect("insights_admin:province", province=province)
        errors = parsed.errors
    return render(request, "insights/registry_import.html", {
        "province": province, "form": form, "errors": errors, "columns": COLUMNS})
