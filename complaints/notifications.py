"""E-mail to a report's followers about its public changes (LINE pushes listen to the same signal).

The reporter is told of status changes by the e-service engine (its case's e-mail), so followers whose address is
the reporter's are left out of those; people who chose "follow it instead" and reporters of merged duplicates hear
everything public but the rating.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core import notifications
from organizations.links import absolute_url

from .constants import EventKind

TEMPLATE_KEY = "complaints.report_changed"
#: Events the engine already e-mails the reporter about (they move the case).
_CASE_EVENTS = frozenset({EventKind.ACCEPTED, EventKind.DONE, EventKind.NOT_OURS, EventKind.FORWARDED_OUT,
                          EventKind.MERGED, EventKind.CANCELLED, EventKind.REOPENED})
_SILENT = frozenset({EventKind.FILED, EventKind.RATED, EventKind.ROUTED, EventKind.FOLLOWER_ADDED})


def register_defaults() -> None:
    notifications.register_template(
        TEMPLATE_KEY,
        subject=_("Report {{ reference }}: {{ event }}"),
        body=_("The report you follow, “{{ topic }}” ({{ reference }}), has news: {{ event }}."
               "{% if note %}\n\n{{ note }}{% endif %}\n\nSee its progress: {{ status_url }}\n{{ organization }}"),
        description=_("Followers of a complaint report: progress"),
        variables=("reference", "topic", "event", "note", "status_url", "organization"),
    )


def tell_followers(*, report: Any, event: Any) -> int:
    """Queue one e-mail per follower for a public event; returns how many were queued."""
    if event.kind in _SILENT:
        return 0
    reporter = (report.submission.applicant_email or "").lower()
    sent = 0
    for follower in report.followers.exclude(email=""):
        if follower.email.lower() == reporter and event.kind in _CASE_EVENTS:
            continue
        with translation.override(follower.language or "th"):
            context = {
                "reference": report.reference, "topic": report.category.name, "event": str(event.get_kind_display()),
                "note": event.note, "organization": report.organization.name,
                "status_url": absolute_url(report.get_absolute_url(), report.organization),
            }
        notifications.notify(organization=report.organization, template_key=TEMPLATE_KEY, context=context,
                             recipient_email=follower.email, language=follower.language)
        sent += 1
    return sent
