from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Open311Config(AppConfig):
    """Open311 GeoReport v2: other apps and agencies read and file an LGO's complaints at /open311/v2/."""

    name = "open311"
    verbose_name = _("Open311 API")
    default_auto_field = "django.db.models.BigAutoField"
