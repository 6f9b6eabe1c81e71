"""Count every filing by its channel, whoever filed it (the wizard, the counter, the demo, an API)."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver

from eservices.models import Submission

from .services import record_filing


@receiver(post_save, sender=Submission, dispatch_uid="outreach.count_filing")
def count_filing(sender, instance: Submission, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        record_filing(submission=instance)
