"""The new LGO administrator's first-run checklist (dashboard panel) and the ITA completeness view.

Steps the data can show (profile, executives, officers, services) tick themselves; the others (departments
reviewed, local holidays, ITA items, public website checked) are confirmed with one button. The panel stays on the
dashboard until every step is done.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from core.adminui import AdminScreen
from organizations import tenancy
from organizations.constants import ChecklistStep, Role
from organizations.models import ChecklistMark, Membership, Organization

from .constants import PersonnelGroup
from .ita import GUIDANCE
from .models import (
    PersonnelMember,
    PersonnelPage,
    SiteSettings,
    TransparencyIndexPage,
    TransparencyItemPage,
    current_be_year,
)

#: Steps confirmed by hand; the others are read from the LGO's data.
MANUAL_STEPS = frozenset({ChecklistStep.DEPARTMENTS, ChecklistStep.HOLIDAYS, ChecklistStep.MODULES, ChecklistStep.ITA,
                          ChecklistStep.PUBLISH})

HELP = {
    ChecklistStep.PROFILE: gettext_lazy("Address, phone, e-mail and the LGO's logo: they appear on every page and "
                                        "every service manual."),
    ChecklistStep.EXECUTIVES: gettext_lazy("Add the mayor or chief executive and the heads of division, with photo "
                                           "and phone, on the personnel page (ITA o2)."),
    ChecklistStep.DEPARTMENTS: gettext_lazy("The six usual divisions are there: rename, add or remove to match your "
                                            "structure, then confirm."),
    ChecklistStep.OFFICERS: gettext_lazy("Add the officers who answer requests and publish news, each with a role."),
    ChecklistStep.HOLIDAYS: gettext_lazy("National holidays are set; add your local holidays (e.g. a local festival), "
                                         "then confirm."),
    ChecklistStep.SERVICES: gettext_lazy("Tick the standard services you offer: manuals and online forms are ready."),
    ChecklistStep.MODULES: gettext_lazy("Switch off the systems you do not use yet (waste fees, e-correspondence, "
                                        "complaints), so citizens and officers see only what works."),
    ChecklistStep.ITA: gettext_lazy("This year's ITA items are created; see which still lack evidence, then "
                                    "confirm."),
    ChecklistStep.PUBLISH: gettext_lazy("Open your public website, check it as a citizen would, then confirm."),
}


@dataclass
class Step:
    value: str
    label: str
    help: str
    url: str
    done: bool
    manual: bool


def _home(organization: Organization):
    return organization.site.root_page


def _profile_done(organization: Organization) -> bool:
    has_logo = bool(organization.logo_id) or bool(SiteSettings.for_site(organization.site).logo_id)
    return bool(organization.address and organization.phone and has_logo)


def _executives_done(organization: Organization) -> bool:
    pages = PersonnelPage.objects.descendant_of(_home(organization))
    return PersonnelMember.objects.filter(page__in=pages, group=PersonnelGroup.EXECUTIVE).exists()


def _officers_done(organization: Organization) -> bool:
    return Membership.objects.for_organization(organization).exclude(role=Role.LGO_ADMIN).exists()


def _services_done(organization: Organization) -> bool:
    from eservices.models import ServicePage

    return ServicePage.objects.descendant_of(_home(organization)).live().exists()


def _url(step: str, organization: Organization) -> str:
    if step == ChecklistStep.PROFILE:
        return reverse("lgo_profile:edit", args=[organization.pk])
    if step == ChecklistStep.EXECUTIVES:
        page = PersonnelPage.objects.descendant_of(_home(organization)).first()
        return reverse("wagtailadmin_pages:edit", args=[page.pk]) if page else reverse("wagtailadmin_explore_root")
    if step == ChecklistStep.DEPARTMENTS:
        return reverse("lgo_departments:index")
    if step == ChecklistStep.OFFICERS:
        return reverse("lgo_officers:add")
    if step == ChecklistStep.HOLIDAYS:
        return reverse("lgo_holidays:index")
    if step == ChecklistStep.SERVICES:
        return reverse("eservices_admin:library")
    if step == ChecklistStep.MODULES:
        return reverse("lgo_modules")
    if step == ChecklistStep.ITA:
        return reverse("home_ita_completeness")
    return organization.site.root_url + "/"


def checklist(organization: Organization) -> list[Step]:
    """Every step with whether it is done, in order."""
    marked = set(ChecklistMark.objects.for_organization(organization).values_list("step", flat=True))
    automatic = {
        ChecklistStep.PROFILE: _profile_done, ChecklistStep.EXECUTIVES: _executives_done,
        ChecklistStep.OFFICERS: _officers_done, ChecklistStep.SERVICES: _services_done,
    }
    steps = []
    for value, label in ChecklistStep.choices:
        done = value in marked or (value in automatic and automatic[value](organization))
        steps.append(Step(value=value, label=str(label), help=str(HELP[value]), url=_url(value, organization),
                          done=done, manual=value in MANUAL_STEPS))
    return steps


def _administered(request) -> Organization | None:
    try:
        organization = tenancy.active_organization(request)
    except PermissionDenied:
        return None
    if not tenancy.has_role(request.user, organization, Role.LGO_ADMIN):
        return None
    return organization


class ChecklistPanel(Component):
    """First on the dashboard of an LGO administrator until every step is done."""

    name = "first_run_checklist"
    order = 10
    template_name = "home/admin/checklist_panel.html"

    def __init__(self, request, organization: Organization, steps: list[Step]) -> None:
        self.request, self.organization, self.steps = request, organization, steps

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
        from django.middleware.csrf import get_token

        done = sum(step.done for step in self.steps)
        return {"organization": self.organization, "steps": self.steps, "done": done, "total": len(self.steps),
                "percent": round(100 * done / len(self.steps)), "csrf_token": get_token(self.request)}


@hooks.register("construct_homepage_panels")
def add_checklist_panel(request, panels) -> None:
    if request.user.is_superuser:
        return
    organization = _administered(request)
    if organization is None:
        return
    steps = checklist(organization)
    if not all(step.done for step in steps):
        panels.insert(0, ChecklistPanel(request, organization, steps))


# --- ITA completeness -------------------------------------------------------------------------------------------

def completeness(index: TransparencyIndexPage) -> list[dict[str, Any]]:
    """Each item of the year with its evidence count and what to publish; items lacking evidence first."""
    items = TransparencyItemPage.objects.child_of(index).specific()
    rows = []
    for item in sorted(items, key=lambda page: page.code_number):
        evidence = len(item.files)
        rows.append({"item": item, "evidence": evidence, "complete": evidence > 0 and item.live,
                     "guidance": GUIDANCE.get(item.code, "")})
    return rows


class ItaCompletenessView(AdminScreen, TemplateView):
    template_name = "home/admin/ita_completeness.html"
    page_title = gettext_lazy("ITA items")
    header_icon = "list-ol"

    def dispatch(self, request, *args, **kwargs):
        self.organization = _administered(request) if not request.user.is_superuser else \
            tenancy.active_organization(request)
        if self.organization is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        return self.organization.name_th

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        home = _home(self.organization)
        index = (TransparencyIndexPage.objects.child_of(home).filter(year=current_be_year()).first()
                 or TransparencyIndexPage.objects.child_of(home).order_by("-year").first())
        rows = completeness(index) if index else []
        today = timezone.localdate()
        deadline = index.assessment_deadline if index else None
        context.update(index=index, rows=rows, missing=[row for row in rows if not row["complete"]],
                       deadline=deadline, days_left=(deadline - today).days if deadline else None,
                       public_url=index.get_url(self.request) if index else "",
                       ita_marked=ChecklistMark.objects.for_organization(self.organization)
                       .filter(step=ChecklistStep.ITA).exists())
        return context


class ItaMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return _administered(request) is not None


@hooks.register("register_admin_urls")
def register_ita_urls():
    return [path("ita/", ItaCompletenessView.as_view(), name="home_ita_completeness")]


@hooks.register("register_admin_menu_item")
def register_ita_menu_item():
    return ItaMenuItem(gettext_lazy("ITA items"), reverse("home_ita_completeness"), name="ita-items",
                       icon_name="list-ol", order=170)
