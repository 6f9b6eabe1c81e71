from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EservicesConfig(AppConfig):
    """Service catalogue, citizen forms, submissions, the officer inbox, tracking and issued documents."""

    name = "eservices"
    verbose_name = _("E-services")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from wagtail.snippets.models import register_snippet

        from core.metrics import register_source
        from organizations.sitetree import register_default_services

        from . import annualfees, metrics, notifications, receivers
        from .forms import types  # noqa: F401  (registers the built-in form field types)
        from .kinds import building, complaint, food, generic  # noqa: F401  (registers the built-in service kinds)
        from .library.services import add_default_set
        from .snippets import NotificationTemplateViewSet

        notifications.register_defaults()
        annualfees.register_templates()
        register_default_services(add_default_set)
        receivers.connect()
        building.register_kind()
        building.connect()
        register_snippet(NotificationTemplateViewSet)
        register_source(metrics.cases_by_status)
