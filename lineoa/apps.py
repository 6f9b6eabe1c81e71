from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LineOAConfig(AppConfig):
    """LINE Official Account of each LGO: the webhook citizens report through, and LINE as a notification channel."""

    name = "lineoa"
    verbose_name = _("LINE Official Account")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from eservices.notifications import line_recipient_sources

        from . import channel, receivers  # noqa: F401  (registers the LINE channel and the complaint receivers)
        from .links import line_recipients

        if line_recipients not in line_recipient_sources:
            line_recipient_sources.append(line_recipients)
