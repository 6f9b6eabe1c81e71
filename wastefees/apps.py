from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WastefeesConfig(AppConfig):
    """Service accounts, tariffs by ordinance, monthly billing runs and arrears."""

    name = "wastefees"
    verbose_name = _("Waste and wastewater fees")
    default_auto_field = "django.db.models.BigAutoField"
