"""A new or changed LGO shows in its province's adoption figures at once, not after the hourly cache expires."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from organizations.models import Organization

from .adoption import forget_adoption


@receiver(post_save, sender=Organization, dispatch_uid="insights_forget_adoption")
def organization_saved(sender, instance: Organization, **kwargs) -> None:
    forget_adoption([instance.province])
