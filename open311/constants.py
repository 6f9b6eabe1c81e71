"""Fixed values of the GeoReport v2 interface (https://wiki.open311.org/GeoReport_v2)."""

from __future__ import annotations

from django.db import models

SPECIFICATION_URL = "http://wiki.open311.org/GeoReport_v2"
#: The date this interface last changed in a way a client could notice (discovery's `changeset`).
CHANGESET = "2026-12-04T00:00:00+07:00"
#: Most requests one GET answers; the spec leaves the cap to the server (clients narrow by dates).
MAX_REQUESTS = 1000
#: The spec's default and longest date range of a GET requests query.
DEFAULT_RANGE_DAYS = 90
#: Characters of a key shown in the admin list so an administrator can tell keys apart (the rest is never stored).
KEY_PREFIX_LENGTH = 8


class Format(models.TextChoices):
    JSON = "json", "JSON"
    XML = "xml", "XML"


class RequestStatus(models.TextChoices):
    """The two statuses GeoReport v2 knows (complaints maps its own onto these)."""

    OPEN = "open", "open"
    CLOSED = "closed", "closed"


class Datatype(models.TextChoices):
    """Attribute datatypes of a service definition."""

    STRING = "string", "string"
    NUMBER = "number", "number"
    DATETIME = "datetime", "datetime"
    TEXT = "text", "text"
    SINGLE = "singlevaluelist", "singlevaluelist"
    MULTI = "multivaluelist", "multivaluelist"
