"""Choices used by the public website's page types."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NewsCategory(models.TextChoices):
    """The four kinds of item a Thai LGO publishes in its news section (what citizens and the ITA expect to find)."""

    NEWS = "news", _("Public relations news")
    ANNOUNCEMENT = "announcement", _("Announcement")
    PROCUREMENT = "procurement", _("Procurement announcement")
    ACTIVITY = "activity", _("Activity")


# Categories shown as "announcements" on the home page, apart from the news and activities.
ANNOUNCEMENT_CATEGORIES = (NewsCategory.ANNOUNCEMENT, NewsCategory.PROCUREMENT)


class PersonnelGroup(models.TextChoices):
    """The political and permanent-staff structure printed on a Thai LGO's personnel page, in display order."""

    EXECUTIVE = "executive", _("Executives")
    COUNCIL = "council", _("Council members")
    STAFF = "staff", _("Permanent staff")


PERSONNEL_GROUP_ORDER = {value: index for index, value in enumerate(PersonnelGroup.values)}

NEWS_PER_PAGE = 12
