"""The executive dashboard in the Wagtail admin (`/admin/dashboard/`): thin views over `dashboard.py`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from core.insights import EXECUTIVE_ROLES, SECTIONS, dashboard_panels
from organizations.tenancy import active_organization, roles

from .dashboard import panel_table, sections
from .render import table_csv


def dashboard_roles(request: HttpRequest) -> tuple[object, set[str]]:
    """The officer's LGO and roles there; PermissionDenied unless they steer it (executive, head, LGO admin)."""
    organization = active_organization(request)
    held = roles(request.user, organization)
    if not held & EXECUTIVE_ROLES:
        raise PermissionDenied
    return organization, held


def may_see_dashboard(request: HttpRequest) -> bool:
    try:
        dashboard_roles(request)
    except PermissionDenied:
        return False
    return True


def dashboard_view(request: HttpRequest) -> HttpResponse:
    organization, held = dashboard_roles(request)
    return render(request, "insights/dashboard.html", {
        "organization": organization, "section_titles": SECTIONS, "today": timezone.localdate(),
        "sections": sections(held, organization),
        "csv_url_name": "insights_admin:panel_csv", "csv_args": [],
    })


def panel_csv_view(request: HttpRequest, key: str) -> HttpResponse:
    organization, held = dashboard_roles(request)
    panel = dashboard_panels.get_or_none(key)
    if panel is None or not panel.roles & held:
        raise Http404
    return csv_response(panel.columns, panel_table(panel, organization), f"{organization.code}-{key}.csv")


def csv_response(columns, table, filename: str) -> HttpResponse:
    response = HttpResponse(table_csv(columns, table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
