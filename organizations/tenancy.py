"""The one place that decides which LGO's rows an officer or a request may touch.

Views and admin code narrow querysets with these helpers instead of writing their own filters, so that a tenancy
rule changes in one place and tests can prove it once.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from core import pagecache
from core.requestmemo import memoized as _memoized

from .constants import ORGANIZATION_WIDE_ROLES, Role
from .models import Department, Membership, Organization, OrganizationQuerySet, ProvinceAdministrator


def current_organization(request: HttpRequest) -> Organization | None:
    """The LGO whose site serves this request (host name and port), or None for an unknown host.

    The one answer to "which LGO is this request for", for public pages, citizen look-ups, e-service forms and
    webhooks alike. Kept in the page cache until the site's next change (saving the LGO purges it) and read once
    per request, so a page that asks five times costs no query after the first visitor.
    """
    site_id = pagecache.site_id_for(request)
    if site_id is None:
        return None
    return pagecache.remember(site_id, "organization", lambda: Organization.objects.filter(site_id=site_id).first())


def officer_organizations(user) -> list[Organization]:
    """The LGOs the user works for, in name order."""
    return list(_memoized(("organizations", user.pk), lambda: tuple(
        Organization.objects.for_user(user).order_by("name_th"))))


def active_organization(request: HttpRequest) -> Organization:
    """The LGO an officer is working in: the one whose site serves the admin, when they work there, else their first.

    Raises PermissionDenied when the user holds no role anywhere (and is not a superuser).
    """
    user = request.user
    if getattr(user, "is_superuser", False):  # may enter any of thousands of LGOs: never list them all
        organization = current_organization(request) or Organization.objects.order_by("name_th").first()
        if organization is None:
            raise PermissionDenied
        return organization
    allowed = {o.pk: o for o in officer_organizations(user)} if getattr(user, "is_authenticated", False) else {}
    site_org = current_organization(request)
    if site_org is not None and site_org.pk in allowed:
        return allowed[site_org.pk]
    if not allowed:
        raise PermissionDenied
    return next(iter(allowed.values()))  # the first by name


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


def administered_province(user) -> str | None:
    """The province `user` administers as a province administrator, or None (superusers: None, see
    `may_oversee_province`)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return _memoized(("province", user.pk), lambda: ProvinceAdministrator.objects.filter(user=user)
                     .values_list("province", flat=True).first())


def may_oversee_province(user, province: str) -> bool:
    """Whether `user` may see `province`'s adoption view and its LGOs' figures: superusers any, a province
    administrator their own."""
    if getattr(user, "is_superuser", False):
        return True
    mine = administered_province(user)
    return mine is not None and mine == province.strip()


def may_add_organizations(user) -> bool:
    """Deployment administrators add LGOs: superusers anywhere, province administrators in their province."""
    return bool(getattr(user, "is_superuser", False) or administered_province(user))
