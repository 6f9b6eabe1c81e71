"""Who may do what with money in one LGO. One place, so the admin views and the services agree.

* See invoices, payments and receipts: LGO administrators, executives and anyone in the finance division (กองคลัง).
* Take money at the counter, import statements, work the reconciliation queue, cancel invoices: LGO administrators
  and members of the finance division.
* Void a receipt: a supervisor, i.e. an LGO administrator or the head of the finance division (not the clerk who
  took the money), because voiding reverses a payment.
"""

from __future__ import annotations

from organizations.constants import Role
from organizations.models import Organization
from organizations.tenancy import roles_with_departments as _memberships

from .constants import FINANCE_DEPARTMENT_CODE


def can_view_payments(user, organization: Organization) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return any(
        role in (Role.LGO_ADMIN, Role.EXECUTIVE) or department == FINANCE_DEPARTMENT_CODE
        for role, department in _memberships(user, organization)
    )


def can_take_payments(user, organization: Organization) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return any(
        role == Role.LGO_ADMIN or department == FINANCE_DEPARTMENT_CODE
        for role, department in _memberships(user, organization)
    )


def can_void_receipts(user, organization: Organization) -> bool:
    if getattr(user, "is_superuser", False):
        return True
    return any(
        role == Role.LGO_ADMIN or (role == Role.DEPARTMENT_HEAD and department == FINANCE_DEPARTMENT_CODE)
        for role, department in _memberships(user, organization)
    )
