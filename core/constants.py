"""Choices of core's own tables (notification outbox, scheduled-job runs)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("waiting to be sent")
    RETRYING = "retrying", _("failed, will be retried")
    SENT = "sent", _("sent")
    FAILED = "failed", _("failed")


class JobOutcome(models.TextChoices):
    RUNNING = "running", _("running")
    OK = "ok", _("succeeded")
    FAILED = "failed", _("failed")
