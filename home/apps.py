from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The public website: content pages, site settings, menus, search, feeds, transparency (ITA/OIT) pages."""

    name = "home"
    verbose_name = _("Website")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import onboarding, signals  # noqa: F401 (onboarding registers its admin hooks on import)

        signals.connect()
