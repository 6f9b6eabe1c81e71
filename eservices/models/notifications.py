"""Notification wording an LGO may change."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from organizations.models import OrganizationOwned

from ..constants import (
    NotificationKey,
)

# --- Notification wording ---------------------------------------------------------------------------------------


class NotificationTemplate(OrganizationOwned):
    """An LGO's own wording for one notification (subject and body, Django template syntax).

    Without a row the default wording in code is used; see `core.notifications` for the variables of each key.
    """

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"),
                                     on_delete=models.CASCADE, related_name="notification_templates")
    key = models.CharField(_("notification"), max_length=60, choices=NotificationKey.choices)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), help_text=_("Variables in double braces, e.g. {{ reference }}."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("notification template")
        verbose_name_plural = _("notification templates")
        constraints = [
            models.UniqueConstraint(fields=["organization", "key"], name="notification_template_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()} ({self.organization})"

    def clean(self) -> None:
        from django.template import Template, TemplateSyntaxError

        if self.organization_id and NotificationTemplate.objects.filter(
                organization_id=self.organization_id, key=self.key).exclude(pk=self.pk).exists():
            raise ValidationError({"key": _("This notification already has its own wording; edit that one.")})
        for field in ("subject", "body"):
            try:
                Template(getattr(self, field))
            except TemplateSyntaxError as exc:
                raise ValidationError({field: _("Template error: %(error)s") % {"error": exc}}) from exc
