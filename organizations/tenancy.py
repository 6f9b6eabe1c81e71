"""The one place that decides which LGO's rows an officer or a request may touch.

Views and admin code narrow querysets with these helpers instead of writing their own filters, so that a tenancy
rule changes in one place and tests can prove it once.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from core.requestmemo import memoized as _memoized

from .constants import ORGANIZATION_WIDE_ROLES, Role
from .models import Department, Membership, Organization, OrganizationQuerySet

SESSION_KEY = "thongthin_active_organization"

def officer_organizations(user) -> list[Organization]:
    """The LGOs the user works for, in name order."""
    return list(_memoized(("organizations", user.pk), lambda: tuple(
        Organization.objects.for_user(user).order_by("name_th"))))


def active_organization(request: HttpRequest) -> Organization:
    """The LGO an officer is working in: the one chosen in the session, else the site's, else their first.

    Raises PermissionDenied when the user holds no role anywhere (and is not a superuser).
    """
    from home.context_processors import get_current_organization

    user = request.user
    chosen = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if getattr(user, "is_superuser", False):  # may enter any of thousands of LGOs: never list them all
        organization = (Organization.objects.filter(pk=chosen).first() if chosen else None) \
            or get_current_organization(request) or Organization.objects.order_by("name_th").first()
        if organization is None:
            raise PermissionDenied
        return organization
    allowed = {o.pk: o for o in officer_organizations(user)} if getattr(user, "is_authenticated", False) else {}
    if chosen in allowed:
        return allowed[chosen]
    site_org = get_current_organization(request)
    if site_org is not None and site_org.pk in allowed:
        return allowed[site_org.pk]
    if not allowed:
        raise PermissionDenied
    return next(iter(allowed.values()))  # the first by name


def set_active_organization(request: HttpRequest, organization: Organization) -> None:
    """Switch the officer's working LGO (only to one they belong to)."""
    if not Organization.objects.for_user(request.user).filter(pk=organization.pk).exists():
        raise PermissionDenied
    request.session[SESSION_KEY] = organization.pk


def roles(user, organization: Organization) -> set[str]:
    """The roles `user` holds in `organization` (every role for a superuser)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    if user.is_superuser:
        return set(Role.values)
    return {role for role, _department in roles_with_departments(user, organization)}


def roles_with_departments(user, organization: Organization) -> list[tuple[str, str | None]]:
    """Each (role, department code) the user holds in `organization`: for rules that depend on both, such as
    "anyone in the finance division" (empty for anonymous users; superusers are for the caller to decide)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(_memoized(("roles", user.pk, organization.pk), lambda: tuple(
        Membership.objects.filter(user=user, organization=organization).values_list("role", "department__code"))))


def has_role(user, organization: Organization, *wanted: str) -> bool:
    return bool(roles(user, organization) & set(wanted))


def sees_whole_organization(user, organization: Organization) -> bool:
    """True for LGO administrators, executives and correspondence administrators (and superusers)."""
    return bool(roles(user, organization) & ORGANIZATION_WIDE_ROLES)


def user_departments(user, organization: Organization) -> list[Department]:
    """The departments the user belongs to in `organization`."""
    return list(_memoized(("departments", user.pk, organization.pk), lambda: tuple(
        Department.objects.filter(memberships__user=user, memberships__organization=organization).distinct())))


def managed_organizations(user) -> OrganizationQuerySet:
    """The LGOs whose profile, departments, officers, holidays and audit log `user` administers.

    LGO administrators manage their own LGOs; superusers manage every LGO; nobody else manages any.
    """
    if not getattr(user, "is_authenticated", False):
        return Organization.objects.none()
    if user.is_superuser:
        return Organization.objects.all()
    return Organization.objects.filter(memberships__user=user, memberships__role=Role.LGO_ADMIN).distinct()


def scope_to_managed(queryset: QuerySet, user, *, field: str = "organization", include_national: bool = False):
    """Narrow `queryset` to rows of the LGOs `user` administers (`field` names the organization relation).

    With include_national, rows without an organization (national holidays) are kept too, for reading.
    """
    if getattr(user, "is_superuser", False):
        return queryset
    condition = Q(**{f"{field}__in": managed_organizations(user)})
    if include_national:
        condition |= Q(**{f"{field}__isnull": True})
    return queryset.filter(condition)


def allowed_anywhere(user, check) -> bool:
    """Whether the permission `check(user, organization) -> bool` holds in any LGO the user works for.

    For an app's admin menu, asked on every admin page: a superuser may do anything anywhere, so the LGOs are never
    listed for one; for an officer the LGO list and the roles behind `check` are remembered for the request.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    return any(check(user, organization) for organization in officer_organizations(user))
