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
    #: True when `fee` computes the amount from the answers (the page then needs no fixed amount).
    computes_fee: bool = False
    #: Workflow actions the kind takes itself with its own form (`admin_panel`): no generic button, no bulk action.
    own_actions: frozenset[str] = frozenset()
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

    def due_date(self, *, organization: Any, start: dt.date, working_days: int,
                 answers: dict[str, Any]) -> dt.date | None:
        """The decision due date of a case whose clock starts on `start` (filing, or the fee paid first): the
        service's limit in the LGO's working days (calendar days when `calendar_days`); kinds whose law counts
        otherwise override it. Extensions and the clock's pauses move the due date through it too."""
        if self.calendar_days:
            return start + dt.timedelta(days=working_days)
        from organizations.calendar import add_working_days

        return add_working_days(organization, start, working_days)

    def on_status_changed(self, submission: Submission, change: StatusChange) -> None:
        """Hook run inside the transition's transaction after the history row is written."""
        return None

    # --- Licensing kinds (issue 12; /work/helpers/contracts/licensing.md) ---------------------------------------

    #: The public register of this kind's valid documents (e-Administration Act s.13(2)): its title, and the keys
    #: of `IssuedDocument.details` it lists with their column labels. Empty: the kind keeps no public register.
    register_title: Any = ""
    register_columns: tuple[tuple[str, Any], ...] = ()
    #: Invoice source types the kind raises for a case besides its fee (source_id: the case's pk), shown with it.
    invoice_sources: tuple[str, ...] = ()
    #: False when the kind issues the case's document itself (after a later fee) instead of on approval.
    issues_document_on_approval: bool = True

    def admin_panel(self, *, case: Submission, request: Any) -> dict[str, Any] | None:
        """The kind's own officer actions on the case page: {"template": …, **context}, or None for none."""
        return None

    def admin_urls(self) -> list[Any]:
        """Admin URL patterns of the kind's actions, mounted at /admin/eservices/kinds/<key>/ (namespace
        `eservices_admin`: name them "<key>_<what>")."""
        return []

    def followup_form(self, submission: Submission, data: Any = None) -> Any:
        """The form a holder uses on the tracking page to ask for a follow-up (renewal, transfer…), or None."""
        return None

    def file_followup(self, submission: Submission, data: dict[str, Any]) -> Submission:
        """File the follow-up the form asked for as a new case; returns it (contracts/licensing.md item 5)."""
        raise NotImplementedError

    def public_details(self, document: Any) -> list[tuple[str, str]] | None:
        """What /verify/ shows of a document this kind issued (None: the engine's rule for answers)."""
        return None
