from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    """The LGOs hosted on this deployment, their departments, officers, roles and working-day calendars."""

    name = "organizations"
    verbose_name = _("Organizations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
