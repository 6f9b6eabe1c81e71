"""The e-service engine's notifications: default wording (editable per LGO) and who gets what.

Variables available in every template: reference, service, organization, applicant_name, status, note, due_date,
tracking_url, contact. Some keys add more (items for an information request, message for a new message).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core import cacheversion, notifications
from core.thai import thai_date
from organizations.links import absolute_url

from .constants import NotificationKey as K

if TYPE_CHECKING:
    from .models import Submission

_FOOTER = _("\n\nFollow your request: {{ tracking_url }}\n{{ organization }} {{ contact }}")

DEFAULTS: dict[str, tuple[Any, Any]] = {
    K.SUBMISSION_RECEIVED: (
        _("Request {{ reference }} received"),
        _("Dear {{ applicant_name }},\n\n{{ organization }} has received your request “{{ service }}”, reference "
          "{{ reference }}, on {{ received_at }}. We will decide by {{ due_date }} at the latest.") + _FOOTER,
    ),
    K.NEW_CASE: (
        _("New request {{ reference }}: {{ service }}"),
        _("A new request has arrived for your department.\n\nReference: {{ reference }}\nService: {{ service }}\n"
          "Applicant: {{ applicant_name }}\nDue: {{ due_date }}\n\nOpen the inbox: {{ inbox_url }}"),
    ),
    K.STATUS_CHANGED: (
        _("Request {{ reference }}: {{ status }}"),
        _("Dear {{ applicant_name }},\n\nYour request “{{ service }}” ({{ reference }}) is now: {{ status }}."
          "{% if note %}\n\n{{ note }}{% endif %}") + _FOOTER,
    ),
    K.INFO_REQUESTED: (
        _("Request {{ reference }}: more information needed"),
        _("Dear {{ applicant_name }},\n\nTo consider your request “{{ service }}” ({{ reference }}) we need:\n\n"
          "{{ items }}\n\nPlease answer on the tracking page. The time limit is paused until you answer.")
        + _FOOTER,
    ),
    K.INFO_ANSWERED: (
        _("Request {{ reference }}: the applicant answered"),
        _("The applicant of {{ reference }} ({{ service }}) has sent the information requested.\n\n"
          "Open the case: {{ inbox_url }}"),
    ),
    K.MESSAGE: (
        _("Request {{ reference }}: new message"),
        _("Dear {{ applicant_name }},\n\n{{ organization }} wrote about your request “{{ service }}” "
          "({{ reference }}):\n\n{{ message }}") + _FOOTER,
    ),
    K.DELAY_NOTICE: (
        _("Request {{ reference }}: taking longer than the time limit"),
        _("Dear {{ applicant_name }},\n\nYour request “{{ service }}” ({{ reference }}) was due to be decided by "
          "{{ due_date }}. It is still being considered{% if note %}: {{ note }}{% else %}.{% endif %} We will tell "
          "you again every 7 days until it is decided (Licensing Facilitation Act 2558).") + _FOOTER,
    ),
    K.RESUME_LINK: (
        _("Continue your request: {{ service }}"),
        _("You saved a request for “{{ service }}” at {{ organization }}.\n\nContinue here (the link works for "
          "{{ days }} days after your last change and stops working once you submit):\n{{ resume_url }}"),
    ),
}


def register_defaults() -> None:
    for key, (subject, body) in DEFAULTS.items():
        notifications.register_template(key, subject=subject, body=body, description=K(key).label)
    notifications.register_template_source(lgo_template)


TEMPLATES_VERSION_KEY = "eservices:templates:v"
_NONE = ("", "")


def lgo_template(organization_id: int | None, key: str) -> tuple[str, str] | None:
    """The LGO's own wording for `key`, if it wrote one. Cached (every filing sends two notifications); saving or
    deleting a template bumps the version (`receivers.on_template_changed`)."""
    from .models import NotificationTemplate

    if organization_id is None or key not in K.values:
        return None
    cache_key = f"eservices:template:{cacheversion.current(TEMPLATES_VERSION_KEY)}:{organization_id}:{key}"
    texts = cache.get(cache_key)
    if texts is None:
        row = NotificationTemplate.objects.for_organization(organization_id).filter(key=key).only(
            "subject", "body").first()
        texts = (row.subject, row.body) if row else _NONE
        cache.set(cache_key, texts, 600)
    return None if texts == _NONE else tuple(texts)


def _inbox_path(submission: Submission) -> str:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("eservices_admin:case", args=[submission.pk])
    except NoReverseMatch:
        return "/admin/"


def case_context(submission: Submission, **extra: Any) -> dict[str, Any]:
    """Template variables for a case, formatted in the case's language."""
    organization = submission.organization
    with translation.override(submission.language):
        contact = " ".join(x for x in (organization.phone, organization.email) if x)
        return {
            "reference": submission.reference,
            "service": submission.service_title,
            "organization": organization.name,
            "applicant_name": submission.applicant_name,
            "status": str(submission.get_status_display()),
            "received_at": thai_date(submission.received_at),
            "due_date": thai_date(submission.due_date) if submission.due_date else "-",
            "tracking_url": absolute_url(submission.get_absolute_url(), organization),
            "inbox_url": absolute_url(_inbox_path(submission), organization),
            "contact": contact,
            "note": "",
            **extra,
        }


#: Functions giving the LINE user ids that follow a case (the LINE app registers one), so this engine needs no
#: knowledge of LINE to reach citizens there.
line_recipient_sources: list[Callable[[Submission], Iterable[str]]] = []


def tell_citizen(submission: Submission, key: str, **extra: Any) -> None:
    """Notify the applicant by e-mail (and phone channels) and every LINE chat following the case, after the
    transaction commits."""
    context = case_context(submission, **extra)
    notifications.notify(
        organization=submission.organization, template_key=key, context=context,
        recipient_email=submission.applicant_email, recipient_phone=submission.applicant_phone,
        language=submission.language,
    )
    for line_user_id in sorted({uid for source in line_recipient_sources for uid in source(submission)}):
        notifications.notify(organization=submission.organization, template_key=key, context=context,
                             recipient_line_id=line_user_id, language=submission.language)


def tell_department(submission: Submission, key: str, **extra: Any) -> None:
    department = submission.department
    if department and department.email:
        notifications.notify(
            organization=submission.organization, template_key=key, context=case_context(submission, **extra),
            recipient_email=department.email, language="th",
        )
