"""Who may use the inbox, and which cases they see: every officer view goes through `officer_scope` and `get_case`.

The narrowing itself lives in `eservices.selectors` (LGO + department rules); this module only adds the request
plumbing: the active LGO, a 403 for people without a case-handling role and a logged 404 for someone else's case.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from core.audit import log_access
from core.models import AuditAction
from organizations import tenancy
from organizations.constants import ORGANIZATION_WIDE_ROLES
from organizations.models import Department, Organization

from .. import selectors
from ..models import Submission

#: Roles that open the inbox at all (what each may do to a case is the workflow table's business).
INBOX_ROLES = selectors.ALL_CASE_ROLES


@dataclass(frozen=True)
class OfficerScope:
    """The officer's working LGO, roles there and whether they see every department."""

    organization: Organization
    roles: frozenset[str]
    whole_organization: bool

    def can(self, roles: frozenset[str]) -> bool:
        return bool(self.roles & roles)


def may_use_inbox(request: HttpRequest) -> bool:
    """True when the user has a case-handling role in their active LGO (used to show the menu item)."""
    try:
        officer_scope(request)
    except PermissionDenied:
        return False
    return True


def officer_scope(request: HttpRequest) -> OfficerScope:
    """The scope of the signed-in officer, computed once per request; PermissionDenied without an inbox role."""
    cached = getattr(request, "_eservices_scope", None)
    if cached is not None:
        return cached
    organization = tenancy.active_organization(request)
    roles = frozenset(tenancy.roles(request.user, organization))
    if not roles & INBOX_ROLES:
        raise PermissionDenied(_("You have no role that handles e-service requests in this organization."))
    scope = OfficerScope(organization=organization, roles=roles,
                         whole_organization=bool(roles & ORGANIZATION_WIDE_ROLES))
    request._eservices_scope = scope
    return scope


def cases(request: HttpRequest) -> QuerySet[Submission]:
    """Every case the officer may see (LGO and department rules from the selectors)."""
    scope = officer_scope(request)
    return selectors.submissions_for_officer(request.user, scope.organization)


def visible_departments(request: HttpRequest) -> list[Department]:
    """Departments the officer may filter by: all of the LGO's for whole-LGO roles, else their own (cached).

    Both in `Department.Meta.ordering` (organization, sort_order, name_th): within one LGO, sort order then name."""
    cached = getattr(request, "_eservices_departments", None)
    if cached is not None:
        return cached
    scope = officer_scope(request)
    if scope.whole_organization:
        departments = list(Department.objects.for_organization(scope.organization))
    else:  # memoized per request by tenancy (the selectors ask the same question)
        departments = tenancy.user_departments(request.user, scope.organization)
    request._eservices_departments = departments
    return departments


def get_case(request: HttpRequest, pk: int) -> Submission:
    """One case the officer may see; otherwise 404 (never revealing that it exists) and the attempt is logged."""
    scope = officer_scope(request)
    submission = selectors.submission_for_officer(request.user, scope.organization, pk)
    if submission is None:
        if Submission.objects.filter(pk=pk).exists():
            log_access(actor=request.user, organization=scope.organization, action=AuditAction.DENIED,
                       object_type="eservices.submission", object_id=str(pk),
                       detail="case outside the officer's organization or department", request=request)
        raise Http404(_("No such request."))
    return submission
