"""API clients of an LGO's Open311 endpoint and the tokens handed out for the requests they file."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from organizations.models import OrganizationOwned


class ApiKey(OrganizationOwned):
    """One client (an app, another agency) allowed to file requests with POST. Issued only through
    `open311.services.issue_key`; the key itself is shown once and only its SHA-256 digest is kept, so a copied
    database cannot file reports in the LGO's name."""

    client_name = models.CharField(_("client"), max_length=200, help_text=_("Who uses this key, e.g. an app's name."))
    key_prefix = models.CharField(_("key begins with"), max_length=16, editable=False)
    key_digest = models.CharField(_("key digest"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("Open311 API key")
        verbose_name_plural = _("Open311 API keys")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.client_name} ({self.key_prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class RequestToken(OrganizationOwned):
    """The token returned with a filed request, answered by `tokens/<token>` with the request's id."""

    token = models.CharField(_("token"), max_length=64, unique=True, editable=False)
    service_request_id = models.CharField(_("service request id"), max_length=40)
    api_key = models.ForeignKey(ApiKey, verbose_name=_("API key"), on_delete=models.PROTECT, related_name="tokens")
    idempotency_key = models.CharField(_("idempotency key"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("Open311 request token")
        verbose_name_plural = _("Open311 request tokens")
        constraints = [models.UniqueConstraint(fields=["organization", "idempotency_key"],
                                               name="open311_token_idempotent")]

    def __str__(self) -> str:
        return self.token
