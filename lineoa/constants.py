"""Fixed values of the LINE integration."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

API_BASE = "https://api.line.me/v2/bot"
DATA_API_BASE = "https://api-data.line.me/v2/bot"
#: LINE allows 13 quick-reply buttons; one is kept for "cancel".
MAX_TOPIC_BUTTONS = 12
#: Photos one report may carry (as complaints accepts).
MAX_PHOTOS = 5
#: A photo from LINE larger than this is not fetched whole (complaints refuses it anyway).
MAX_PHOTO_BYTES = 10 * 1024 * 1024
#: Seconds to wait for LINE's API.
TIMEOUT_SECONDS = 10


class Step(models.TextChoices):
    """What the bot asked last in a reporting conversation."""

    TOPIC = "topic", _("topic")
    PHOTO = "photo", _("photo")
    PLACE = "place", _("place")
    DESCRIPTION = "description", _("description")
    RATING_COMMENT = "rating_comment", _("rating comment")
