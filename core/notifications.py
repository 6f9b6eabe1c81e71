"""Notifications to citizens and officers, through pluggable channels and background tasks.

Why a module of its own: the e-service engine, waste-fee reminders and correspondence all tell people things, and an
LGO will want LINE or SMS next to e-mail. Callers say *what* to tell *whom* (`notify`); this module picks the wording
(the LGO's own template, else the default registered in code), renders it, and enqueues one delivery task per channel
that can reach the recipient. Adding LINE means registering a `Channel`, with no change to any caller.

Delivery is an outbox: `notify` writes one `NotificationDelivery` row per channel inside the caller's transaction,
and a django-tasks task (in-process by default, a database-backed worker in production) sends it after commit, so a
rolled-back write never sends a message and a committed one never loses it. A send that fails (SMTP down, LINE
answering 5xx) is kept with its error and retried with backoff, by the task re-queued for later and by the scheduled
`send_pending_notifications` job; after the last attempt the row stays `failed`, shown to the LGO administrator with
a retry button (`retry_delivery`). Contract for channel authors: /work/helpers/contracts/notifications.md (and below).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context, Template
from django.utils import timezone, translation
from django_tasks import default_task_backend, task

from .constants import DeliveryStatus
from .models import NotificationDelivery

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Notification:
    """A rendered message on its way to one recipient."""

    template_key: str
    subject: str
    body: str
    recipient_email: str = ""
    recipient_phone: str = ""
    organization_id: int | None = None
    reply_to: str = ""
    recipient_line_id: str = ""

    def recipient_for(self, channel: str) -> str:
        """The address `channel` sends to (kept on the outbox row; shown masked)."""
        if channel == "email":
            return self.recipient_email
        if channel == "line":
            return self.recipient_line_id
        return self.recipient_phone or self.recipient_line_id or self.recipient_email


class PermanentFailure(Exception):
    """Raised by a channel when sending again cannot help (address refused, user blocked the LINE account)."""


class Channel:
    """A way to reach people (e-mail, LINE, SMS). Subclass, give it a `name`, and `register_channel()` it."""

    name: str = ""

    def accepts(self, notification: Notification) -> bool:
        """True when this channel can reach the notification's recipient."""
        raise NotImplementedError

    def send(self, notification: Notification) -> None:
        """Deliver now (called inside a background task). Return when delivered; raise `PermanentFailure` when a
        retry cannot help, anything else (timeouts, refused connections, 5xx) to be retried with backoff."""
        raise NotImplementedError


class EmailChannel(Channel):
    name = "email"

    def accepts(self, notification: Notification) -> bool:
        return bool(notification.recipient_email)

    def send(self, notification: Notification) -> None:
        message = EmailMessage(
            subject=" ".join(notification.subject.split()),  # headers cannot hold line breaks
            body=notification.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[notification.recipient_email],
            reply_to=[notification.reply_to] if notification.reply_to else None,
        )
        message.send()


_channels: dict[str, Channel] = {}


def register_channel(channel: Channel) -> Channel:
    _channels[channel.name] = channel
    return channel


def channels() -> list[Channel]:
    return list(_channels.values())


register_channel(EmailChannel())


# --- Templates ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DefaultTemplate:
    """The wording used when an LGO has not written its own. Strings may be lazy translations."""

    key: str
    subject: Any
    body: Any
    description: Any = ""
    variables: tuple[str, ...] = field(default_factory=tuple)


_templates: dict[str, DefaultTemplate] = {}
#: Functions (organization_id, key) -> (subject, body) or None, consulted in order before the default.
_template_sources: list[Callable[[int | None, str], tuple[str, str] | None]] = []


def register_template(key: str, *, subject: Any, body: Any, description: Any = "",
                      variables: tuple[str, ...] = ()) -> DefaultTemplate:
    template = DefaultTemplate(key=key, subject=subject, body=body, description=description, variables=variables)
    _templates[key] = template
    return template


def default_template(key: str) -> DefaultTemplate:
    try:
        return _templates[key]
    except KeyError:
        raise LookupError(f"No notification template registered for {key!r}") from None


def register_template_source(source: Callable[[int | None, str], tuple[str, str] | None]) -> None:
    """Let an app supply per-LGO wording (eservices' NotificationTemplate snippet does)."""
    if source not in _template_sources:
        _template_sources.append(source)


def render(*, organization: Any, template_key: str, context: dict[str, Any], language: str = "th") -> tuple[str, str]:
    """The subject and body for `template_key`, in the LGO's wording if it has one, rendered with `context`."""
    organization_id = getattr(organization, "pk", organization)
    with translation.override(language):
        texts = None
        for source in _template_sources:
            texts = source(organization_id, template_key)
            if texts:
                break
        if texts is None:
            default = default_template(template_key)
            texts = (str(default.subject), str(default.body))
        plain = Context(context, autoescape=False)
        return Template(texts[0]).render(plain).strip(), Template(texts[1]).render(plain).strip()


_state = threading.local()


@contextmanager
def muted() -> Iterator[None]:
    """Send nothing from `notify` inside this block (demo data, imports of historical records)."""
    previous = getattr(_state, "muted", False)
    _state.muted = True
    try:
        yield
    finally:
        _state.muted = previous


def notify(*, organization: Any, template_key: str, context: dict[str, Any], recipient_email: str = "",
           recipient_phone: str = "", language: str = "th", reply_to: str = "",
           recipient_line_id: str = "") -> list[str]:
    """Render `template_key` and queue its delivery on every channel that can reach the recipient.

    One outbox row per channel is written in the current transaction; sending starts when it commits. Returns the
    names of the channels used (empty when nothing can reach the recipient: nothing to do, not an error).
    """
    if getattr(_state, "muted", False):
        return []
    subject, body = render(organization=organization, template_key=template_key, context=context, language=language)
    notification = Notification(
        template_key=template_key, subject=subject, body=body, recipient_email=recipient_email,
        recipient_phone=recipient_phone, organization_id=getattr(organization, "pk", organization),
        reply_to=reply_to, recipient_line_id=recipient_line_id,
    )
    used = [channel.name for channel in channels() if channel.accepts(notification)]
    for name in used:
        delivery = NotificationDelivery.objects.create(
            organization_id=notification.organization_id, channel=name, template_key=template_key,
            recipient=notification.recipient_for(name)[:254], subject=subject[:500], body=body,
            payload=asdict(notification), next_attempt_at=timezone.now(),
        )
        transaction.on_commit(lambda pk=delivery.pk: _enqueue(pk))
    return used


# --- Delivery, failures and retries -------------------------------------------------------------------------------

#: Seconds to wait after the 1st, 2nd, … failed attempt (the last value repeats).
BACKOFF_SECONDS = (60, 300, 900, 3600, 10800, 21600)


def max_attempts() -> int:
    return int(getattr(settings, "NOTIFICATION_MAX_ATTEMPTS", 7))


def backoff(attempts: int) -> timedelta:
    """How long to wait before the next attempt after `attempts` failures."""
    return timedelta(seconds=BACKOFF_SECONDS[min(max(attempts, 1), len(BACKOFF_SECONDS)) - 1])


def _enqueue(delivery_id: int, *, run_after: datetime | None = None) -> None:
    """Queue the send; when queueing itself fails the row stays due and the scheduled job sends it."""
    try:
        if run_after is None:
            deliver.enqueue(delivery_id=delivery_id)
        elif default_task_backend.supports_defer:
            deliver.using(run_after=run_after).enqueue(delivery_id=delivery_id)
    except Exception:
        logger.exception("Could not queue notification %s; send_pending_notifications will send it", delivery_id)


def mask(address: str) -> str:
    """An address fit for logs and lists: "so****@example.com", "08*****678"."""
    if "@" in address:
        local, _, domain = address.partition("@")
        return f"{local[:2]}{'*' * max(len(local) - 2, 1)}@{domain}"
    if len(address) <= 4:
        return "*" * len(address)
    return f"{address[:2]}{'*' * (len(address) - 5)}{address[-3:]}"


def send_delivery(*, delivery_id: int) -> str | None:
    """Try one outbox row now; returns its new status (None when it is taken, sent or gone).

    The row is locked while sending (skipping one another worker holds), so two workers never send it twice.
    """
    with transaction.atomic():
        delivery = (NotificationDelivery.objects.select_for_update(skip_locked=True)
                    .filter(pk=delivery_id, status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING]).first())
        if delivery is None:
            return None
        fields = {k: v for k, v in delivery.payload.items() if k in Notification.__dataclass_fields__}
        notification = Notification(**fields)
        delivery.attempts += 1
        try:
            channel = _channels.get(delivery.channel)
            if channel is None:
                raise PermanentFailure(f"no channel {delivery.channel!r} is registered")
            channel.send(notification)
        except Exception as error:
            _record_failure(delivery, error)
        else:
            delivery.status, delivery.sent_at, delivery.next_attempt_at = DeliveryStatus.SENT, timezone.now(), None
            logger.info("Sent %s via %s to %s (organization %s)", delivery.template_key, delivery.channel,
                        mask(delivery.recipient), delivery.organization_id)
        delivery.save(update_fields=["attempts", "status", "sent_at", "next_attempt_at", "last_error"])
    if delivery.status == DeliveryStatus.RETRYING:
        transaction.on_commit(lambda: _enqueue(delivery.pk, run_after=delivery.next_attempt_at))
    return delivery.status


def _record_failure(delivery: NotificationDelivery, error: Exception) -> None:
    delivery.last_error = f"{type(error).__name__}: {error}"[:500]
    if isinstance(error, PermanentFailure) or delivery.attempts >= max_attempts():
        delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
    else:
        delivery.status = DeliveryStatus.RETRYING
        delivery.next_attempt_at = timezone.now() + backoff(delivery.attempts)
    logger.warning("Sending %s via %s to %s failed (attempt %s, now %s): %s", delivery.template_key,
                   delivery.channel, mask(delivery.recipient), delivery.attempts, delivery.status,
                   delivery.last_error)


def send_due(*, limit: int = 500) -> dict[str, int]:
    """Send every outbox row whose time has come (the scheduled job's work); counts by resulting status."""
    due = list(NotificationDelivery.objects.filter(
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING], next_attempt_at__lte=timezone.now(),
    ).order_by("next_attempt_at").values_list("pk", flat=True)[:limit])
    counts: dict[str, int] = {}
    for pk in due:
        status = send_delivery(delivery_id=pk)
        if status:
            counts[status] = counts.get(status, 0) + 1
    return counts


def retry_delivery(*, delivery: NotificationDelivery, actor: Any = None) -> NotificationDelivery:
    """Send a failed (or waiting) notification again, now, and return it as it ends up: the retry button's one write
    path. The administrator sees at once whether it went out; if not it waits for its next attempt as before."""
    with transaction.atomic():
        locked = NotificationDelivery.objects.select_for_update().get(pk=delivery.pk)
        if locked.status == DeliveryStatus.SENT:
            return locked
        locked.status, locked.next_attempt_at = DeliveryStatus.PENDING, timezone.now()
        locked.save(update_fields=["status", "next_attempt_at"])
    logger.info("Notification %s sent again by user %s", locked.pk, getattr(actor, "pk", None))
    send_delivery(delivery_id=locked.pk)
    locked.refresh_from_db()
    return locked


@task()
def deliver(*, delivery_id: int) -> None:
    """Background task: send one outbox row through its channel (failures are recorded, never raised)."""
    send_delivery(delivery_id=delivery_id)
