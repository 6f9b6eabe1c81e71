"""Shared tables: gap-free counters, the audit log of officers' access to personal data, the notification outbox
and the record of scheduled-job runs."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .appendonly import AppendOnlyModel, AppendOnlyQuerySet
from .constants import DeliveryStatus, JobOutcome
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


class NotificationDelivery(models.Model):
    """One notification on its way through one channel: the outbox row that makes delivery survive an outage.

    Written in the caller's transaction by `core.notifications.notify` (so a rolled-back write sends nothing and a
    committed one cannot lose its message), then sent by a background task. A failed send keeps the row with its
    error and the time of the next attempt; after the last attempt it stays `failed`, visible to the LGO
    administrator with a retry button. Like the audit log, the LGO is a plain id: core names no app.
    """

    organization_id = models.BigIntegerField(_("organization"), null=True, blank=True, db_index=True)
    channel = models.CharField(_("channel"), max_length=30)
    template_key = models.CharField(_("notification type"), max_length=100)
    recipient = models.CharField(_("recipient"), max_length=254)
    subject = models.CharField(_("subject"), max_length=500, blank=True)
    body = models.TextField(_("text"), blank=True)
    payload = models.JSONField(_("details"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=DeliveryStatus.choices,
                              default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.template_key} → {self.channel} ({self.status})"


class JobRun(models.Model):
    """One run of a scheduled job (delay notices, billing run, purge…): when, how long, and what came of it.

    Operators and administrators see the last run of every job on one screen instead of reading cron mail.
    """

    job = models.CharField(_("job"), max_length=100, db_index=True)
    started_at = models.DateTimeField(_("started at"), db_index=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    outcome = models.CharField(_("result"), max_length=20, choices=JobOutcome.choices, default=JobOutcome.RUNNING)
    summary = models.CharField(_("summary"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("scheduled job run")
        verbose_name_plural = _("scheduled job runs")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.job} {self.started_at:%Y-%m-%d %H:%M} {self.outcome}"


class WorkerHeartbeat(models.Model):
    """The last sign of life of one background worker (`manage.py db_worker`), read by `/readyz`.

    A worker that died or lost the database stops beating; the load balancer's readiness check then reports it
    instead of e-mails silently piling up in the queue.
    """

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    hostname = models.CharField(_("host"), max_length=255, blank=True)
    pid = models.PositiveIntegerField(_("process id"), default=0)
    started_at = models.DateTimeField(_("worker started at"))
    beat_at = models.DateTimeField(_("last heartbeat"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.worker_id} {self.beat_at:%Y-%m-%d %H:%M:%S}"
