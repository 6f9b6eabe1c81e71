"""The building permit service kind (ขออนุญาตก่อสร้าง ดัดแปลง รื้อถอน เคลื่อนย้ายอาคาร / แจ้งตามมาตรา 39 ทวิ)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from ...constants import SubmissionStatus
from ..base import ServiceKind
from ..clocks import add_days
from . import fees, followups
from .constants import DECISION_DAYS, KEY, NOTICE_RECEIPT_WORKING_DAYS, PERMIT_FEE_SOURCE, ROUTE_ANSWERS, Route
from .followups import RENEWAL
from .form import building_permit_definition


class BuildingPermitKind(ServiceKind):
    key = KEY
    label = _("Building permit or notification (fixed form ข.1)")
    editor_builds_form = False
    allowed_actions = frozenset({"accept", "request_information", "approve", "reject", "cancel"})
    own_actions = frozenset({"approve", "reject"})
    action_labels = {"accept": _("Application complete: start consideration")}
    register_title = _("Register of building permits")
    register_columns = (
        ("ประเภทงาน", _("Kind of work")),
        ("ที่ตั้งอาคาร", _("Location")),
        ("อาคาร", _("Building")),
    )
    invoice_sources = (PERMIT_FEE_SOURCE,)
    computes_fee = True
    issues_document_on_approval = False

    def definition(self, page) -> dict[str, Any]:
        return building_permit_definition()

    def fee(self, page, answers) -> Decimal | None:
        """The plan-check fee with the application; a notification pays the permit fee with it too (s.39 bis)."""
        rates = fees.rates_for(page.organization)
        followup = answers.get("followup")
        if followup:  # a renewal pays the schedule's renewal fee (the permit's own amount); a transfer is free
            return fees.permit_fee(answers, rates) if followup == RENEWAL else None
        amount = fees.plan_check_fee(answers, rates)
        if ROUTE_ANSWERS.get(answers.get("route", "")) == Route.NOTIFICATION:
            amount += fees.permit_fee(answers, rates)
        return amount or None

    def due_date(self, *, organization, start: dt.date, working_days: int, answers) -> dt.date | None:
        """45 days for a permit (s.25, calendar days); 3 working days for the receipt of a notification."""
        from organizations.calendar import add_working_days

        if ROUTE_ANSWERS.get(answers.get("route", "")) == Route.NOTIFICATION:
            return add_working_days(organization, start, NOTICE_RECEIPT_WORKING_DAYS)
        return add_days(start, DECISION_DAYS)

    def on_status_changed(self, submission, change) -> None:
        """The defect list answered makes the application complete: the clock starts again in full."""
        from django.utils import timezone

        from .services import start_clock

        if change.action == "answer_information" and change.to_status == SubmissionStatus.IN_REVIEW:
            start_clock(submission, on=timezone.localdate(change.at))

    def followup_form(self, submission, data=None):
        return followups.form_for(submission, data)

    def file_followup(self, submission, data):
        return followups.file(submission, data)

    def admin_panel(self, *, case, request):
        from .admin import panel

        return panel(case=case, request=request)

    def admin_urls(self) -> list[Any]:
        from .admin import urlpatterns

        return urlpatterns

    def public_details(self, document) -> list[tuple[str, str]]:
        """/verify/ shows the permit's public facts and its conditions (not the applicant's contact or ID)."""
        return [(label, value) for label, value in (document.details or {}).items() if value]
