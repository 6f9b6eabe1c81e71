"""The contract a service kind fulfils.

The generic kind asks the questions the editor built on the page. Kinds with a form fixed by law or regulation
(complaint now; building permit ข.1 and food-place notification later) supply their own steps, may narrow the officer
actions the workflow offers, relabel them, compute the fee and react to status changes, without touching the engine.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..models import ServicePage, StatusChange, Submission


class ServiceKind:
    key: str = ""
    label: Any = ""
    #: True when editors build the form on the page; False when the kind supplies fixed steps.
    editor_builds_form: bool = True
    #: The workflow actions officers may take on this kind's cases (None: all of them).
    allowed_actions: frozenset[str] | None = None
    #: Kind-specific button labels for actions, e.g. {"complete": _("Mark as fixed")}.
    action_labels: dict[str, Any] = {}

    def definition(self, page: ServicePage) -> dict[str, Any]:
        """The form definition a new submission of `page` is filed under (and snapshotted with)."""
        from ..forms.definition import definition_from_stream

        return definition_from_stream(page.form_steps)

    def allows(self, action: str) -> bool:
        return self.allowed_actions is None or action in self.allowed_actions

    def action_label(self, action: str, default: Any) -> Any:
        return self.action_labels.get(action, default)

    def fee(self, page: ServicePage, answers: dict[str, Any]) -> Decimal | None:
        """The fee in baht for a request with these answers (None: no fee). Kinds may compute it from answers."""
        return page.fee_amount if page.fee_amount else None

    def on_status_changed(self, submission: Submission, change: StatusChange) -> None:
        """Hook run inside the transition's transaction after the history row is written."""
        return None
