"""Shared tables: gap-free counters and the audit log of officers' access to personal data."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .appendonly import AppendOnlyModel, AppendOnlyQuerySet
from .tenants import TenantQuerySet


class Counter(models.Model):
    """One running number, for example submission references of one LGO in one BE year.

    Numbers that people quote (references, receipt numbers, correspondence register numbers) must never collide and
    must not skip: `core.counters.next_number` locks this row inside the caller's transaction, so a rollback gives
    the number back and concurrent writers queue behind each other.
    """

    scope = models.CharField(_("scope"), max_length=150, unique=True)
    value = models.PositiveBigIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("counter")
        verbose_name_plural = _("counters")

    def __str__(self) -> str:
        return f"{self.scope} = {self.value}"


class AuditAction(models.TextChoices):
    VIEW = "view", _("viewed")
    DOWNLOAD = "download", _("downloaded")
    EXPORT = "export", _("exported")
    SEARCH = "search", _("searched")
    CHANGE = "change", _("changed")
    DENIED = "denied", _("was denied")


class AuditLogQuerySet(AppendOnlyQuerySet, TenantQuerySet):
    """History (never changed) of one LGO at a time."""


class AuditLog(AppendOnlyModel):
    """Append-only record of who looked at or took out personal data (PDPA accountability, s.37 and s.39).

    The LGO is kept as its id, not a foreign key: core stands below every app and names none of them, and an entry
    must outlive whatever it mentions. The organizations app shows the LGO's name beside it in the admin.
    """

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("actor"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    organization_id = models.BigIntegerField(_("organization"), null=True, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = AuditLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_repr}"
