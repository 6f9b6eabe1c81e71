"""Reads that are more than a filter: who may see which cases, tracking look-ups, the catalogue, timelines."""

from __future__ import annotations

import hmac
import re
from itertools import chain
from typing import Any

from django.db.models import Q, QuerySet

from core import thai
from organizations import tenancy
from organizations.constants import ORGANIZATION_WIDE_ROLES

from . import workflow
from .constants import ServiceCategory
from .models import Message, ServiceIndexPage, ServicePage, StatusChange, Submission

ALL_CASE_ROLES = workflow.HANDLERS | workflow.DECIDERS | workflow.SUPERVISORS


def can_handle(user: Any, submission: Submission, *, roles: frozenset[str] | None = None) -> bool:
    """May `user` work on this case: one of `roles` (default: any case role) in its LGO, and its department
    (or an organization-wide role, or being its assignee)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    held = tenancy.roles(user, submission.organization)
    if not held & (roles or ALL_CASE_ROLES):
        return False
    if held & ORGANIZATION_WIDE_ROLES or submission.assignee_id == user.pk:
        return True
    return submission.department_id in {d.pk for d in tenancy.user_departments(user, submission.organization)}


def submissions_for_officer(user: Any, organization: Any) -> QuerySet[Submission]:
    """The cases `user` may see in `organization`: all of them for organization-wide roles, else their
    departments' cases plus those assigned to them; none for users without a case role there."""
    cases = Submission.objects.for_organization(organization)
    if getattr(user, "is_superuser", False) or tenancy.sees_whole_organization(user, organization):
        return cases
    if not tenancy.roles(user, organization) & ALL_CASE_ROLES:
        return cases.none()
    departments = [d.pk for d in tenancy.user_departments(user, organization)]
    return cases.filter(Q(department_id__in=departments) | Q(assignee=user))


def submission_for_officer(user: Any, organization: Any, pk: int) -> Submission | None:
    """One case if `user` may see it in `organization` (None otherwise: callers answer 404, not 403)."""
    return (
        submissions_for_officer(user, organization)
        .select_related("organization", "department", "assignee", "service", "snapshot", "info_request")
        .filter(pk=pk)
        .first()
    )


def available_transitions(submission: Submission, user: Any) -> list[workflow.Transition]:
    """The officer actions `user` may take on the case now (for buttons); one per action name."""
    result: dict[str, workflow.Transition] = {}
    for t in workflow.transitions_from(submission, by=workflow.OFFICER):
        if t.action not in result and can_handle(user, submission, roles=t.roles):
            result[t.action] = t
    return list(result.values())


def normalise_reference(reference: str) -> str:
    """The reference as stored: spaces dropped, upper case, Thai digits read as digits."""
    return re.sub(r"\s+", "", thai.ascii_digits(reference)).upper()


def submission_for_tracking(organization: Any, reference: str, second_factor: str) -> Submission | None:
    """The case with this reference in this LGO when `second_factor` is the last 4 digits of the applicant's
    phone number or national ID (compared in constant time); None otherwise, without saying which part was wrong."""
    digits = re.sub(r"[^0-9]", "", thai.ascii_digits(second_factor))
    submission = (
        Submission.objects.for_organization(organization).filter(reference=normalise_reference(reference))
        .select_related("organization")
        .first()
    )
    if submission is None or len(digits) != 4:
        return None
    candidates = [v[-4:] for v in (submission.applicant_phone, submission.applicant_national_id) if len(v) >= 4]
    if any(hmac.compare_digest(digits.encode(), candidate.encode()) for candidate in candidates):
        return submission
    return None


def submission_by_token(token: str) -> Submission | None:
    """The case behind a citizen's signed link, with what its pages show (the LGO's site too: every one of them
    checks that the link is opened on the owning LGO's host)."""
    if not token or len(token) > 64:
        return None
    return (
        Submission.objects.filter(tracking_token=token)
        .select_related("organization__site", "department", "service", "snapshot", "info_request")
        .first()
    )


def confirmation_case(token: str) -> Submission | None:
    """The case for the page shown right after filing: the last page of every filing, so it reads only what that
    page shows (not the service page's row nor the form definition that the tracking pages need)."""
    if not token or len(token) > 64:
        return None
    return (Submission.objects.filter(tracking_token=token).select_related("organization__site", "department")
            .defer("answers").first())


def public_timeline(submission: Submission) -> list[dict[str, Any]]:
    """What the citizen sees: public status changes and public messages (with their files), oldest first."""
    changes = StatusChange.objects.filter(submission=submission, is_public=True)
    messages = Message.objects.filter(submission=submission, is_public=True).prefetch_related("attachments")
    items = chain(
        ({"kind": "status", "at": c.at, "object": c} for c in changes),
        ({"kind": "message", "at": m.at, "object": m} for m in messages),
    )
    return sorted(items, key=lambda item: (item["at"], item["kind"] == "message"))


def catalogue(index_page: ServiceIndexPage, *, query: str = "") -> list[dict[str, Any]]:
    """Live services under `index_page` grouped by category in the catalogue's order; `query` searches titles,
    summaries and process names."""
    services = ServicePage.objects.child_of(index_page).live().public().order_by("title")
    if query:
        services = services.filter(
            Q(title__icontains=query) | Q(summary__icontains=query) | Q(process_name__icontains=query)
        )
    by_category: dict[str, list[ServicePage]] = {}
    for service in services:
        by_category.setdefault(service.category, []).append(service)
    return [
        {"category": value, "label": label, "services": by_category[value]}
        for value, label in ServiceCategory.choices
        if value in by_category
    ]


# Answer types a verification page may repeat: what the document is about (a business name, premises type, a
# date), never where or how to reach the holder (address, map point, phone, e-mail, ID) nor files or free text.
VERIFIABLE_ANSWER_TYPES = frozenset({"short_text", "choice", "number", "date"})


def verifiable_details(document: Any) -> list[tuple[str, str]]:
    """The document's details a stranger holding its code may read on /verify/ (PDPA: the minimum; e-Administration
    Act s.13: the essential fields). A document issued on a case keeps only the answers of verifiable types that are
    not the applicant's own contact or identity; details an officer wrote without a case are shown as written."""
    details = document.details or {}
    if document.submission_id is not None:
        from .kinds import registry as kinds

        own = kinds.get(document.submission.service_kind).public_details(document)
        if own is not None:
            return own
    if not details or document.submission_id is None:
        return list(details.items())
    allowed = {
        spec.get("label")
        for step in document.submission.definition.get("steps", [])
        for spec in step.get("fields", [])
        if spec.get("type") in VERIFIABLE_ANSWER_TYPES and not spec.get("applicant_role")
    }
    return [(label, value) for label, value in details.items() if label in allowed]


def register_documents(request: Any, kind_key: str) -> QuerySet:
    """The valid documents of one service kind for the LGO serving `request` (its public register, e-Administration
    Act s.13(2)): not revoked, not expired, newest first. Only what the register shows is read."""
    from django.utils import timezone

    from .models import IssuedDocument

    today = timezone.localdate()
    return (IssuedDocument.objects.for_request(request)
            .filter(submission__service_kind=kind_key, revoked=False)
            .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
            .only("number", "kind", "details", "issued_at", "valid_until", "verification_code")
            .order_by("-issued_at", "-pk"))
