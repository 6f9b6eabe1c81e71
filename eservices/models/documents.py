"""Issued documents (permits, certificates, letters) and their public verification."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.files import private_storage
from organizations.models import OrganizationOwned

from ..constants import (
    DocumentKind,
)
from .cases import Submission


class IssuedDocument(OrganizationOwned):
    """A certificate, permit or licence the LGO issued; anyone can check it at /verify/<code>/ (e-Admin Act s.13)."""

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"),
                                     on_delete=models.PROTECT, related_name="issued_documents")
    submission = models.ForeignKey(Submission, verbose_name=_("request"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="issued_documents")
    number = models.CharField(_("number"), max_length=40)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=300)
    holder_name = models.CharField(_("issued to"), max_length=200)
    details = models.JSONField(_("details"), default=dict, blank=True,
                               help_text=_("Essential facts shown on the verification page (label → value)."))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    pdf = models.FileField(_("PDF"), storage=private_storage, max_length=255, blank=True)
    verification_code = models.CharField(_("verification code"), max_length=20, unique=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    revoked = models.BooleanField(_("revoked"), default=False)
    revoked_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("revoked by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "number"], name="issued_document_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def get_absolute_url(self) -> str:
        from django.conf import settings
        from django.urls import reverse
        from django.utils import translation

        with translation.override(settings.LANGUAGE_CODE):  # printed on paper: the LGO's default language
            return reverse("eservices:verify", kwargs={"code": self.verification_code})

    @property
    def download_name(self) -> str:
        """The PDF's file name: the number with "/" made "-" ("12/2569" → "12-2569.pdf"), so it survives as one name."""
        return f"{self.number.replace('/', '-')}.pdf"

    @property
    def is_expired(self) -> bool:
        return bool(self.valid_until and self.valid_until < timezone.localdate())

    @property
    def is_valid(self) -> bool:
        return not self.revoked and not self.is_expired
