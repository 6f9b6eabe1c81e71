"""Choices for organizations and officers."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganizationKind(models.TextChoices):
    PAO = "pao", _("Provincial Administrative Organization (อบจ.)")
    CITY_MUNICIPALITY = "city", _("City Municipality (เทศบาลนคร)")
    TOWN_MUNICIPALITY = "town", _("Town Municipality (เทศบาลเมือง)")
    SUBDISTRICT_MUNICIPALITY = "subdistrict_municipality", _("Subdistrict Municipality (เทศบาลตำบล)")
    SAO = "sao", _("Subdistrict Administrative Organization (อบต.)")


class Role(models.TextChoices):
    """What an officer may do in one LGO. An officer can hold several roles."""

    PR_EDITOR = "pr_editor", _("Public-relations editor")
    PR_APPROVER = "pr_approver", _("Public-relations approver")
    OFFICER = "officer", _("Officer")
    DEPARTMENT_HEAD = "department_head", _("Department head")
    EXECUTIVE = "executive", _("Executive")
    CORRESPONDENCE_ADMIN = "correspondence_admin", _("Correspondence administrator")
    LGO_ADMIN = "lgo_admin", _("LGO administrator")


# Roles that see every department's cases and documents in their LGO, not only their own department's.
ORGANIZATION_WIDE_ROLES = frozenset({Role.LGO_ADMIN, Role.EXECUTIVE, Role.CORRESPONDENCE_ADMIN})


class ChecklistStep(models.TextChoices):
    """The first-run checklist of a new LGO's administrator, in the order it is worked through."""

    PROFILE = "profile", _("Profile and logo")
    EXECUTIVES = "executives", _("Executives")
    DEPARTMENTS = "departments", _("Departments")
    OFFICERS = "officers", _("Officers")
    HOLIDAYS = "holidays", _("Local holidays")
    SERVICES = "services", _("E-services from the library")
    MODULES = "modules", _("Systems on or off")
    ITA = "ita", _("ITA items")
    PUBLISH = "publish", _("Check the public website")


class Module(models.TextChoices):
    """Systems an LGO may switch off when it does not use them (yet): their menus, public pages and admin screens go.

    E-services (the catalogue, tracking, payments of their fees) are the heart of the platform and always on.
    """

    WASTE_FEES = "wastefees", _("Waste and wastewater fees (accounts, monthly bills, payment by QR)")
    CORRESPONDENCE = "saraban", _("Electronic correspondence (สารบรรณอิเล็กทรอนิกส์)")
    COMPLAINTS = "complaints", _("Complaints and repair requests")
