"""The contract a service kind fulfils.

The generic kind asks the questions the editor built on the page. Kinds with a form fixed by law or regulation
(complaint now; building permit ข.1 and food-place notification later) supply their own steps, may narrow the officer
actions the workflow offers, relabel them, compute the fee and react to status changes, without touching the engine.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..models import IssuedDocument, ServicePage, StatusChange, Submission


class ServiceKind:
    key: str = ""
    label: Any = ""
    #: True when editors build the form on the page; False when the kind supplies fixed steps.
    editor_builds_form: bool = True
    #: The workflow actions officers may take on this kind's cases (None: all of them).
    allowed_actions: frozenset[str] | None = None
    #: Kind-specific button labels for actions, e.g. {"complete": _("Mark as fixed")}.
    action_labels: dict[str, Any] = {}
    #: True when the kind's legal time limit counts calendar days (Public Health Act s.56: 30 days; Building Control
    #: Act: 45 days); False: working days of the LGO's calendar (Licensing Facilitation Act manuals).
    calendar_days: bool = False
    #: How many times, and by how much (in the kind's unit), the law lets the LGO extend the decision deadline. An
    #: extension is refused once the deadline has passed (`services.extend_deadline`).
    max_extensions: int = 0
    extension_days: int = 0
    #: Working days the applicant has to fix a defect notice (sets the information request's answer-by date).
    defect_reply_days: int | None = None
    #: True: a defect notice left unanswered past its answer-by date lapses the case (`deadlines.lapse_unanswered`).
    lapses_when_unanswered: bool = False
    #: Labels of document details the kind writes itself (not answers) that /verify/ may show: facts about the
    #: business or building the law makes public, never the applicant's identity or contact details.
    public_details: frozenset[str] = frozenset()

    def definition(self, page: ServicePage) -> dict[str, Any]:
        """The form definition a new submission of `page` is filed under (and snapshotted with)."""
        from ..forms.definition import definition_from_stream

        return definition_from_stream(page.form_steps)

    def allows(self, action: str) -> bool:
        return self.allowed_actions is None or action in self.allowed_actions

    def allows_now(self, action: str, submission: Submission) -> bool:
        """Whether `action` is open on this case now: `allowed_actions` plus the kind's own legal clock (a food-place
        defect notice only within 7 working days of filing, for instance)."""
        return self.allows(action)

    def due_date(self, organization: Any, start: dt.date, days: int) -> dt.date:
        """`days` after `start` in the kind's unit (working days of the LGO's calendar, or calendar days)."""
        if self.calendar_days:
            return start + dt.timedelta(days=days)
        from organizations.calendar import add_working_days

        return add_working_days(organization, start, days)

    def after_filed(self, submission: Submission) -> None:
        """Hook run inside `services.submit`'s transaction after the case and its first history row are written
        (a food-place notification issues its receipt of notification here, at once)."""
        return None

    def issue_document(self, submission: Submission, actor: Any) -> IssuedDocument:
        """The document an approval issues (the default: the service's document with facts from the answers)."""
        from ..services import issue_document_for

        return issue_document_for(submission=submission, actor=actor)

    def action_label(self, action: str, default: Any) -> Any:
        return self.action_labels.get(action, default)

    def fee(self, page: ServicePage, answers: dict[str, Any]) -> Decimal | None:
        """The fee in baht for a request with these answers (None: no fee). Kinds may compute it from answers."""
        return page.fee_amount if page.fee_amount else None

    def on_status_changed(self, submission: Submission, change: StatusChange) -> None:
        """Hook run inside the transition's transaction after the history row is written."""
        return None
