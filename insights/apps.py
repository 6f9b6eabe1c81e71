from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    """Executive dashboards, the province adoption view and open data, drawn from every app's figures."""

    name = "insights"
    verbose_name = _("Dashboards and open data")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The built-in panels and datasets (core.insights registries); other apps register theirs in their ready().
        from . import datasets, panels, receivers  # noqa: F401
