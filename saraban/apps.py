from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SarabanConfig(AppConfig):
    """Electronic correspondence (สารบรรณ): registers, numbering, routing, letters and retention."""

    name = "saraban"
    verbose_name = _("Correspondence")
    default_auto_field = "django.db.models.BigAutoField"
