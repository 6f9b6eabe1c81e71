"""Who may see and run the waste-fee system in one LGO. One place, so admin views and services agree.

Waste and wastewater fees are run by the finance division (กองคลัง, which collects revenue) together with the public
health and environment division (กองสาธารณสุขและสิ่งแวดล้อม, which runs the collection rounds).

* See accounts, bills and the dashboard: LGO administrators, executives and anyone in those two divisions.
* Change accounts and tariffs, import, start billing runs, record pickups, send reminders: LGO administrators and
  officers or heads in those two divisions (not executives, who only look).
"""

from __future__ import annotations

from organizations.constants import Role
from organizations.models import Organization
from organizations.tenancy import roles_with_departments as _memberships

WASTE_DEPARTMENT_CODES = frozenset({"finance", "health"})


def can_view_wastefees(user, organization: Organization) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return any(
        role in (Role.LGO_ADMIN, Role.EXECUTIVE) or department in WASTE_DEPARTMENT_CODES
        for role, department in _memberships(user, organization)
    )


def can_manage_wastefees(user, organization: Organization) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return any(
        role == Role.LGO_ADMIN
        or (department in WASTE_DEPARTMENT_CODES and role in (Role.OFFICER, Role.DEPARTMENT_HEAD))
        for role, department in _memberships(user, organization)
    )
