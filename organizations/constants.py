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
    ITA = "ita", _("ITA items")
    PUBLISH = "publish", _("Check the public website")
