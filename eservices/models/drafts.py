"""Wizard drafts: a citizen's answers kept between steps, before filing."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organizations.models import OrganizationOwned

from ..constants import FilingChannel
from .cases import Submission
from .pages import ServicePage

# --- Wizard drafts ----------------------------------------------------------------------------------------------


class Draft(OrganizationOwned):
    """A form being filled in: answers so far, files uploaded so far (private storage), steps completed.

    Lives server-side so a citizen can save and come back by an e-mailed signed link; dies once submitted.
    """

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"),
                                     on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(ServicePage, verbose_name=_("service"), on_delete=models.CASCADE,
                                related_name="drafts")
    definition = models.JSONField(_("form definition"))
    answers = models.JSONField(_("answers"), default=dict)
    files = models.JSONField(_("files"), default=dict,
                             help_text=_("Question key → list of {path, name, mime, size} in private storage."))
    step_data = models.JSONField(
        _("step data"), default=dict,
        help_text=_("Step key → what the citizen posted for that completed step, revalidated before filing."))
    resume_email = models.EmailField(_("resume e-mail"), blank=True)
    channel = models.CharField(_("channel"), max_length=10, choices=FilingChannel.choices, default=FilingChannel.WEB,
                               help_text=_("How the citizen came to the form; counter: an officer files for them."))
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("filed by officer"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    submission = models.OneToOneField(Submission, verbose_name=_("request"), null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="draft")
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("draft request")
        verbose_name_plural = _("draft requests")

    def __str__(self) -> str:
        return f"draft {self.pk} of {self.service_id}"
