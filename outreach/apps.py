from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    """Reaching citizens: posters and table cards with QR codes, share cards, short links and channel figures."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "outreach"
    verbose_name = _("Outreach")

    def ready(self) -> None:
        from . import insights, receivers  # noqa: F401 -- count filings; dashboard panels and open data
