"""Each LGO's LINE channel credentials, the webhook events already handled, and where each LINE chat stands."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from organizations.models import Organization, OrganizationOwned

from .constants import Step


class LineSettings(OrganizationOwned):
    """The LGO's Messaging API channel (LINE Developers console → the Official Account's channel). Edited by the
    LGO administrator; the secret checks each webhook call, the access token sends replies and pushes."""

    organization = models.OneToOneField(Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
                                        related_name="line_settings")
    enabled = models.BooleanField(
        _("LINE is on"), default=True,
        help_text=_("Turn off to stop answering and sending on LINE without losing the keys."))
    channel_secret = models.CharField(_("channel secret"), max_length=64, blank=True,
                                      help_text=_("Basic settings → Channel secret (32 characters)."))
    access_token = models.TextField(_("channel access token"), blank=True,
                                    help_text=_("Messaging API → Channel access token (long-lived)."))
    basic_id = models.CharField(_("basic ID"), max_length=40, blank=True,
                                help_text=_("The Official Account's ID beginning with @, e.g. @123abcde."))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("LINE settings")
        verbose_name_plural = _("LINE settings")

    def __str__(self) -> str:
        return f"LINE {self.organization_id}"

    @property
    def can_receive(self) -> bool:
        return self.enabled and bool(self.channel_secret)

    @property
    def can_send(self) -> bool:
        return self.enabled and bool(self.access_token)


class HandledEvent(OrganizationOwned):
    """A webhook event already handled: LINE redelivers events (and an attacker may replay a signed body), so the
    event id is stored first, in the same transaction as what the event changes, and a second copy is ignored."""

    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
                                     related_name="+")
    event_id = models.CharField(_("webhook event ID"), max_length=64)
    received_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        verbose_name = _("handled LINE event")
        verbose_name_plural = _("handled LINE events")
        constraints = [models.UniqueConstraint(fields=["organization", "event_id"], name="lineoa_event_once")]

    def __str__(self) -> str:
        return self.event_id


class Conversation(OrganizationOwned):
    """Where one LINE user stands in reporting to one LGO: the step and the answers so far (topic, photos kept in
    private storage, place, description). Deleted when the report is filed or the user cancels."""

    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
                                     related_name="+")
    line_user_id = models.CharField(_("LINE user ID"), max_length=64)
    step = models.CharField(_("step"), max_length=20, choices=Step.choices, default=Step.TOPIC)
    data = models.JSONField(_("answers so far"), default=dict)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("LINE conversation")
        verbose_name_plural = _("LINE conversations")
        constraints = [models.UniqueConstraint(fields=["organization", "line_user_id"], name="lineoa_one_chat")]

    def __str__(self) -> str:
        return f"{self.line_user_id} {self.step}"


class CaseFollower(OrganizationOwned):
    """A LINE user told about an e-service case's changes (linked from the case's tracking page)."""

    organization = models.ForeignKey(Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
                                     related_name="+")
    submission = models.ForeignKey("eservices.Submission", verbose_name=_("request"), on_delete=models.CASCADE,
                                   related_name="line_followers")
    line_user_id = models.CharField(_("LINE user ID"), max_length=64)
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        verbose_name = _("LINE follower of a request")
        verbose_name_plural = _("LINE followers of requests")
        constraints = [models.UniqueConstraint(fields=["submission", "line_user_id"], name="lineoa_follow_once")]

    def __str__(self) -> str:
        return f"{self.submission_id} → {self.line_user_id}"
