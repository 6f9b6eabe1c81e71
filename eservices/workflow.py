"""The case workflow as data: one table of allowed moves, who may make them and what each needs.

`services.transition` is the only code that changes `Submission.status`, and it refuses anything not in this table.
Officer actions need one of the listed roles in the case's LGO; "system" moves (payment received, the citizen
answering an information request) are made by the engine itself with no officer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from organizations.constants import Role

from .constants import DocumentKind, FeePoint
from .constants import SubmissionStatus as S

if TYPE_CHECKING:
    from .models import Submission

OFFICER, SYSTEM = "officer", "system"

HANDLERS = frozenset({Role.OFFICER, Role.DEPARTMENT_HEAD, Role.LGO_ADMIN})
DECIDERS = frozenset({Role.OFFICER, Role.DEPARTMENT_HEAD, Role.EXECUTIVE, Role.LGO_ADMIN})
SUPERVISORS = frozenset({Role.DEPARTMENT_HEAD, Role.EXECUTIVE, Role.LGO_ADMIN})


def _fee_on_approval(s: Submission) -> bool:
    return s.fee_point == FeePoint.ON_APPROVAL and bool(s.fee_amount)


def _no_fee_on_approval(s: Submission) -> bool:
    return not _fee_on_approval(s)


def _nothing_to_decide(s: Submission) -> bool:
    """Services that only deliver something (a water truck, a complaint fix) may be completed without approval."""
    return _no_fee_on_approval(s) and s.document_kind in ("", DocumentKind.NONE)


def _not_yet_decided(s: Submission) -> bool:
    return s.decided_at is None


def _already_decided(s: Submission) -> bool:
    return s.decided_at is not None


def _is_complaint(s: Submission) -> bool:
    """Moves only complaint cases make: their own app (`complaints.services`) checks who asks, then moves the case."""
    return s.service_kind == "complaint"


def _no_info_request_yet(s: Submission) -> bool:
    """The Licensing Facilitation Act allows one list of missing items: a second request is refused."""
    return not s.has_info_request


def _may_extend(s: Submission) -> bool:
    """An extension of the decision deadline the kind's Act allows, still unused, sent before the deadline passes
    (Public Health Act s.56, Building Control Act s.25: notice and reasons *before* the time limit ends)."""
    from django.utils import timezone

    kind = s.kind
    return bool(kind.max_extensions and s.due_date and timezone.localdate() <= s.due_date
                and s.extensions_used < kind.max_extensions)


def _defect_time_over(s: Submission) -> bool:
    """The applicant's time to fix the defect notice is over, unanswered, for a kind where that lapses the case."""
    from django.utils import timezone

    info = getattr(s, "info_request", None) if s.has_info_request else None
    return bool(s.kind.lapses_when_unanswered and info is not None and info.reply_by and not info.is_answered
                and info.reply_by < timezone.localdate())


@dataclass(frozen=True)
class Transition:
    action: str
    label: Any
    source: S
    target: S
    by: str = OFFICER
    roles: frozenset[str] = HANDLERS
    note_required: bool = False
    public: bool = True
    #: Extra condition on the case (a fee due, no earlier information request, …).
    guard: Callable[[Submission], bool] | None = None
    #: True for actions that have their own service function (request_information needs the list of items).
    dedicated: bool = False

    def applies_to(self, submission: Submission) -> bool:
        return submission.status == self.source and (self.guard is None or self.guard(submission))


_ACCEPT, _APPROVE, _REJECT = _("Accept for consideration"), _("Approve"), _("Reject")
_REQUEST, _COMPLETE, _CANCEL = _("Request more information"), _("Complete"), _("Cancel")
_PAID, _ANSWERED = _("Payment received"), _("Citizen sent the information")
_EXTEND, _LAPSE = _("Extend the time limit"), _("Lapsed: defects not fixed in time")
_MERGE, _FORWARD_OUT = _("Merged with another report"), _("Forwarded to another agency")
_WITHDRAW, _REOPEN = _("Cancelled by the citizen"), _("Reopened by the citizen")

TRANSITIONS: tuple[Transition, ...] = (
    Transition("accept", _ACCEPT, S.SUBMITTED, S.IN_REVIEW),
    Transition("request_information", _REQUEST, S.SUBMITTED, S.INFO_REQUESTED, note_required=True,
               guard=_no_info_request_yet, dedicated=True),
    Transition("request_information", _REQUEST, S.IN_REVIEW, S.INFO_REQUESTED, note_required=True,
               guard=_no_info_request_yet, dedicated=True),
    Transition("answer_information", _ANSWERED, S.INFO_REQUESTED, S.IN_REVIEW, by=SYSTEM, dedicated=True),
    Transition("approve", _APPROVE, S.IN_REVIEW, S.APPROVED, roles=DECIDERS, guard=_no_fee_on_approval),
    Transition("approve", _APPROVE, S.IN_REVIEW, S.AWAITING_PAYMENT, roles=DECIDERS, guard=_fee_on_approval),
    Transition("reject", _REJECT, S.SUBMITTED, S.REJECTED, roles=DECIDERS, note_required=True),
    Transition("reject", _REJECT, S.IN_REVIEW, S.REJECTED, roles=DECIDERS, note_required=True),
    Transition("payment_received", _PAID, S.AWAITING_PAYMENT, S.SUBMITTED, by=SYSTEM, guard=_not_yet_decided),
    Transition("payment_received", _PAID, S.AWAITING_PAYMENT, S.APPROVED, by=SYSTEM, guard=_already_decided),
    Transition("complete", _COMPLETE, S.APPROVED, S.COMPLETED),
    Transition("complete", _COMPLETE, S.IN_REVIEW, S.COMPLETED, guard=_nothing_to_decide),
    *(Transition("extend", _EXTEND, source, source, roles=DECIDERS, note_required=True, guard=_may_extend)
      for source in (S.SUBMITTED, S.IN_REVIEW)),
    Transition("lapse", _LAPSE, S.INFO_REQUESTED, S.CANCELLED, by=SYSTEM, guard=_defect_time_over, dedicated=True),
    *(Transition("cancel", _CANCEL, source, S.CANCELLED, roles=SUPERVISORS, note_required=True)
      for source in (S.SUBMITTED, S.AWAITING_PAYMENT, S.IN_REVIEW, S.INFO_REQUESTED, S.APPROVED)),
    # Complaint cases: moved by the complaints app after its own checks (officer role, the citizen's token).
    *(Transition("merge", _MERGE, source, S.COMPLETED, by=SYSTEM, note_required=True, guard=_is_complaint)
      for source in (S.SUBMITTED, S.IN_REVIEW)),
    Transition("forward_out", _FORWARD_OUT, S.SUBMITTED, S.REJECTED, by=SYSTEM, note_required=True,
               guard=_is_complaint),
    *(Transition("withdraw", _WITHDRAW, source, S.CANCELLED, by=SYSTEM, guard=_is_complaint)
      for source in (S.SUBMITTED, S.IN_REVIEW)),
    Transition("reopen", _REOPEN, S.COMPLETED, S.IN_REVIEW, by=SYSTEM, note_required=True, guard=_is_complaint),
)


def transitions_from(submission: Submission, *, by: str | None = None) -> list[Transition]:
    """Moves the table allows from the case's current status (guards and the service kind applied)."""
    kind = submission.kind
    return [
        t for t in TRANSITIONS
        if t.applies_to(submission) and (by is None or t.by == by)
        and (t.by == SYSTEM or kind.allows_now(t.action, submission))
    ]


def find(submission: Submission, *, to_status: str | None = None, action: str | None = None,
         by: str | None = None) -> Transition | None:
    """The allowed move to `to_status` (or by `action`) from the case's status, or None."""
    for t in transitions_from(submission, by=by):
        if (to_status is None or t.target == to_status) and (action is None or t.action == action):
            return t
    return None


def label_for(submission: Submission, transition: Transition) -> Any:
    """The button label: the service kind may rename an action (a complaint is "resolved", not "completed")."""
    return submission.kind.action_label(transition.action, transition.label)
