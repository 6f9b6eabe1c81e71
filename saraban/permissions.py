"""Who may do what in correspondence, by role in the active LGO (organizations.tenancy decides the roles)."""

from __future__ import annotations

from organizations.constants import Role
from organizations.tenancy import has_role  # remembered per request by tenancy (and forgotten when roles change)

SARABAN_ROLES = (Role.OFFICER, Role.DEPARTMENT_HEAD, Role.EXECUTIVE, Role.CORRESPONDENCE_ADMIN, Role.LGO_ADMIN)


def can_use(user, organization) -> bool:
    """Any officer of the LGO may use the correspondence pages (what they see is narrowed by selectors)."""
    return has_role(user, organization, *SARABAN_ROLES)


def is_correspondence_admin(user, organization) -> bool:
    """The LGO's correspondence administrators (สารบรรณกลาง) keep the registers and see every document."""
    return has_role(user, organization, Role.CORRESPONDENCE_ADMIN)


def can_register(user, organization) -> bool:
    return has_role(user, organization, Role.CORRESPONDENCE_ADMIN)


def can_sign(user, organization) -> bool:
    """Signing and issuing: executives, department heads and LGO administrators (ปลัด)."""
    return has_role(user, organization, Role.EXECUTIVE, Role.DEPARTMENT_HEAD, Role.LGO_ADMIN)


def can_route(user, organization) -> bool:
    return has_role(user, organization, Role.CORRESPONDENCE_ADMIN, Role.EXECUTIVE, Role.DEPARTMENT_HEAD,
                    Role.LGO_ADMIN)


def can_endorse(user, organization) -> bool:
    """เกษียน/สั่งการ is written by executives and department heads."""
    return has_role(user, organization, Role.EXECUTIVE, Role.DEPARTMENT_HEAD, Role.LGO_ADMIN)


def can_manage_retention(user, organization) -> bool:
    return has_role(user, organization, Role.CORRESPONDENCE_ADMIN, Role.LGO_ADMIN)
