"""Notifications to citizens and officers, through pluggable channels and background tasks.

Why a module of its own: the e-service engine, waste-fee reminders and correspondence all tell people things, and an
LGO will want LINE or SMS next to e-mail. Callers say *what* to tell *whom* (`notify`); this module picks the wording
(the LGO's own template, else the default registered in code), renders it, and enqueues one delivery task per channel
that can reach the recipient. Adding LINE means registering a `Channel`, with no change to any caller.

Delivery runs through django-tasks (in-process by default, a database-backed worker in production) after the
caller's transaction commits, so a rolled-back write never sends a message.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context, Template
from django.utils import translation
from django_tasks import task

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


class Channel:
    """A way to reach people (e-mail, LINE, SMS). Subclass, give it a `name`, and `register_channel()` it."""

    name: str = ""

    def accepts(self, notification: Notification) -> bool:
        """True when this channel can reach the notification's recipient."""
        raise NotImplementedError

    def send(self, notification: Notification) -> None:
        """Deliver now (called inside a background task). Raise to mark the task failed."""
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
           recipient_phone: str = "", language: str = "th", reply_to: str = "") -> list[str]:
    """Render `template_key` and enqueue its delivery on every channel that can reach the recipient.

    Delivery is enqueued when the current transaction commits. Returns the names of the channels used (empty when
    the recipient has no e-mail and no phone: nothing to do, not an error).
    """
    if getattr(_state, "muted", False):
        return []
    subject, body = render(organization=organization, template_key=template_key, context=context, language=language)
    notification = Notification(
        template_key=template_key, subject=subject, body=body, recipient_email=recipient_email,
        recipient_phone=recipient_phone, organization_id=getattr(organization, "pk", organization),
        reply_to=reply_to,
    )
    used = [channel.name for channel in channels() if channel.accepts(notification)]
    for name in used:
        payload = {**notification.__dict__, "channel": name}
        transaction.on_commit(lambda payload=payload: deliver.enqueue(**payload))
    return used


@task()
def deliver(*, channel: str, template_key: str, subject: str, body: str, recipient_email: str = "",
            recipient_phone: str = "", organization_id: int | None = None, reply_to: str = "") -> None:
    """Background task: send one rendered notification through one channel."""
    notification = Notification(
        template_key=template_key, subject=subject, body=body, recipient_email=recipient_email,
        recipient_phone=recipient_phone, organization_id=organization_id, reply_to=reply_to,
    )
    _channels[channel].send(notification)
    logger.info("Sent %s via %s (organization %s)", template_key, channel, organization_id)
