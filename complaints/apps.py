from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    """Complaints and repair requests: topics, routing, photos and place, officer work, the public board and map."""

    name = "complaints"
    verbose_name = _("Complaints and repair requests")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from organizations.constants import Role
        from organizations.permissions import register_model_permissions

        from . import receivers, snippets
        from .constants import ADMIN_PERMISSIONS

        receivers.connect()
        snippets.register()
        register_model_permissions(Role.LGO_ADMIN, *ADMIN_PERMISSIONS)
