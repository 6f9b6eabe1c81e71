"""Choices and fixed values of the waste and wastewater fee system."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Invoices raised by the monthly run carry this source type; the source id is f"{account.pk}:{YYYY-MM}".
BILL_SOURCE_TYPE = "wastefees.bill"
# Occasional pickups billed at once (not on the next monthly bill): source id f"pickup:{pickup.pk}".
PICKUP_SOURCE_TYPE = "wastefees.pickup"


class AccountKind(models.TextChoices):
    """Households pay by the volume of waste they put out; premises by their type of business."""

    HOUSEHOLD = "household", _("Household")
    PREMISES = "premises", _("Premises (business)")


class PickupBilling(models.TextChoices):
    """When an occasional pickup is charged."""

    NEXT_BILL = "next_bill", _("Add to the next monthly bill")
    IMMEDIATE = "immediate", _("Bill at once")


class BillingRunStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    FINISHED = "finished", _("Finished")
    FAILED = "failed", _("Failed")


class AccountStatus(models.TextChoices):
    """A filter on the officer's account list, derived from the active dates."""

    ACTIVE = "active", pgettext_lazy("account status", "Active")
    ENDED = "ended", _("Ended")
    FUTURE = "future", _("Not yet active")


# core.notifications template key of the unpaid-bill reminder (default wording registered in apps.py).
REMINDER_TEMPLATE = "wastefees.reminder"
