"""Complaint changes pushed to the LINE users who follow the report; the rating request when it is done."""

from __future__ import annotations

from typing import Any

from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from complaints.constants import EventKind
from complaints.models import Report
from complaints.signals import report_changed
from core import notifications
from organizations.links import absolute_url

from .channel import RATE_TEMPLATE

CHANGED_TEMPLATE = "lineoa.report_changed"

notifications.register_template(
    CHANGED_TEMPLATE, subject="",
    body=_("Your report {{ reference }} ({{ topic }}): {{ status }}{% if note %}\n{{ note }}{% endif %}\n"
           "Follow it: {{ link }}"),
    description=_("LINE: a report the user follows has changed"),
    variables=("reference", "topic", "status", "note", "link"),
)
notifications.register_template(
    RATE_TEMPLATE, subject="",
    body=_("{{ organization }} has fixed your report {{ reference }} ({{ topic }}). How well was it done? "
           "Tap 1 to 5 stars."),
    description=_("LINE: ask the reporter to rate a finished report"),
    variables=("organization", "reference", "topic"),
)


def _context(report: Report, event: Any) -> dict[str, Any]:
    return {
        "reference": report.reference,
        "topic": report.category.name,
        "status": str(report.get_status_display()),
        "note": getattr(event, "note", "") if getattr(event, "is_public", True) else "",
        "link": absolute_url(report.get_absolute_url(), report.organization),
        "organization": report.organization.name,
    }


@receiver(report_changed, dispatch_uid="lineoa.push_report_changes")
def push_report_changes(sender, *, report: Report, event: Any, **kwargs) -> None:
    """One LINE push per follower with a LINE user id; on done also the rating request (once rated, no more)."""
    if event.kind == EventKind.FILED:  # the filer was answered in the chat already
        return
    user_ids = set(report.followers.exclude(line_user_id="").values_list("line_user_id", flat=True))
    context = _context(report, event)
    for user_id in sorted(user_ids):
        notifications.notify(organization=report.organization, template_key=CHANGED_TEMPLATE, context=context,
                             recipient_line_id=user_id)
        if event.kind == EventKind.DONE and report.rating is None:
            notifications.notify(organization=report.organization, template_key=RATE_TEMPLATE, context=context,
                                 recipient_line_id=user_id)
