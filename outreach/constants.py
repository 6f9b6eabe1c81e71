"""Choices of outreach: the poster formats and the fixed (non-service) poster targets."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PosterFormat(models.TextChoices):
    """What PR staff print: a wall poster in two sizes, or a sheet of table cards to cut out."""

    A4 = "a4", _("A4 poster")
    A5 = "a5", _("A5 poster")
    CARDS = "cards", _("Table cards (A4 sheet of 4)")


class FixedTarget(models.TextChoices):
    """Posters for the ways in that are not a single service."""

    CATALOGUE = "catalogue", _("All e-services")
    TRACKING = "tracking", _("Track your request")
    PAYMENT = "payment", _("Pay fees")
    COMPLAINTS = "complaints", _("Complaints and repair requests")
