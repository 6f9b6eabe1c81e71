"""LINE as a notification channel (core.notifications): a notification with a `recipient_line_id` is pushed to
that user through the LGO's own Official Account, so e-services and complaints reach citizens on LINE with no change
to their callers. A rating request carries 1–5 star buttons."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from core import notifications

from .client import LineApiError, LineClient, postback_button, text
from .models import LineSettings

RATE_TEMPLATE = "lineoa.rate_request"
_REFERENCE = re.compile(r"\b[A-Z0-9]{2,10}-\d{4}-\d{6}\b")


def rating_buttons(body: str) -> list[dict]:
    match = _REFERENCE.search(body)
    if not match:
        return []
    return [postback_button("★" * stars, f"action=rate&ref={match.group(0)}&stars={stars}",
                            _("%(stars)d of 5") % {"stars": stars}) for stars in range(5, 0, -1)]


class LineChannel(notifications.Channel):
    name = "line"

    def accepts(self, notification: notifications.Notification) -> bool:
        return bool(getattr(notification, "recipient_line_id", "")) and notification.organization_id is not None

    def send(self, notification: notifications.Notification) -> None:
        settings = LineSettings.objects.filter(organization_id=notification.organization_id).first()
        if settings is None or not settings.can_send:
            raise notifications.PermanentFailure("LINE is not set up or turned off for this LGO")
        body = notification.body if not notification.subject else f"{notification.subject}\n\n{notification.body}"
        quick = rating_buttons(notification.body) if notification.template_key == RATE_TEMPLATE else None
        try:
            LineClient(settings.access_token).push(notification.recipient_line_id, [text(body, quick)])
        except LineApiError as error:
            if error.permanent:
                raise notifications.PermanentFailure(str(error)) from error
            raise


notifications.register_channel(LineChannel())
