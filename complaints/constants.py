"""Choices of the complaints app: report statuses (open/closed), timeline events, channels, photo kinds, icons."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReportStatus(models.TextChoices):
    """Where a report stands. Allowed moves are the table in `complaints.workflow`."""

    NEW = "new", pgettext_lazy("complaint", "Received")
    ACCEPTED = "accepted", pgettext_lazy("complaint", "Accepted")
    IN_PROGRESS = "in_progress", pgettext_lazy("complaint", "Being fixed")
    DONE = "done", pgettext_lazy("complaint", "Fixed")
    NOT_OURS = "not_ours", pgettext_lazy("complaint", "Not our authority")
    FORWARDED_OUT = "forwarded_out", pgettext_lazy("complaint", "Forwarded to another agency")
    MERGED = "merged", pgettext_lazy("complaint", "Merged with another report")
    CANCELLED = "cancelled", pgettext_lazy("complaint", "Cancelled by the reporter")


#: Open311's "open": the LGO still owes the citizen something. Everything else is "closed".
OPEN_STATUSES = frozenset({ReportStatus.NEW, ReportStatus.ACCEPTED, ReportStatus.IN_PROGRESS})


class EventKind(models.TextChoices):
    """One line of a report's timeline (`ReportEvent`)."""

    FILED = "filed", pgettext_lazy("complaint", "Reported")
    ROUTED = "routed", pgettext_lazy("complaint", "Sent to department")
    ACCEPTED = "accepted", pgettext_lazy("complaint", "Accepted")
    FORWARDED = "forwarded", pgettext_lazy("complaint", "Forwarded to another department")
    IN_PROGRESS = "in_progress", pgettext_lazy("complaint", "Work started")
    DONE = "done", pgettext_lazy("complaint", "Fixed")
    NOT_OURS = "not_ours", pgettext_lazy("complaint", "Not our authority")
    FORWARDED_OUT = "forwarded_out", pgettext_lazy("complaint", "Forwarded to another agency")
    MERGED = "merged", pgettext_lazy("complaint", "Merged with another report")
    REOPENED = "reopened", pgettext_lazy("complaint", "Reopened: not fixed")
    CANCELLED = "cancelled", pgettext_lazy("complaint", "Cancelled by the reporter")
    RATED = "rated", pgettext_lazy("complaint", "Rated")
    FOLLOWER_ADDED = "follower", pgettext_lazy("complaint", "Someone follows this report")


class Channel(models.TextChoices):
    WEB = "web", _("Website")
    OPEN311 = "open311", _("Open311 application")
    LINE = "line", _("LINE")
    OFFICER = "officer", _("Recorded by an officer")


class PhotoKind(models.TextChoices):
    BEFORE = "before", _("Photo of the problem")
    AFTER = "after", _("Photo after the fix")


class Icon(models.TextChoices):
    """Icons for categories: each is `static/complaints/icons/<value>.svg`."""

    ROAD = "road", _("Road")
    LIGHT = "light", _("Street light")
    GARBAGE = "garbage", _("Garbage")
    WATER = "water", _("Water tap")
    NUISANCE = "nuisance", _("Noise or smell")
    TREE = "tree", _("Tree")
    ANIMAL = "animal", _("Animal")
    FLOOD = "flood", _("Flood")
    SHIELD = "shield", _("Corruption")
    OTHER = "other", _("Other")


#: A citizen may reopen a fixed report this many days after it was marked fixed.
REOPEN_DAYS = 14
#: At most this many photos per report, each at most this size before resizing, stored at most this wide/high.
MAX_PHOTOS = 5
MAX_PHOTO_BYTES = 10 * 1024 * 1024
PHOTO_MAX_SIDE = 1600
#: Nearby open reports of the same topic shown before submitting: within this many metres.
NEARBY_METRES = 300
#: Public places are snapped to a grid of this many degrees (about 50 m) unless the LGO publishes exact points.
PUBLIC_GRID_DEGREES = 0.0005

#: What an LGO administrator may edit (its own rows only: the snippet views narrow by LGO).
ADMIN_PERMISSIONS = tuple(f"complaints.{action}_{model}" for model in ("category", "routingrule", "complaintsettings")
                          for action in ("view", "add", "change", "delete"))
