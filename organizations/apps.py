from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationsConfig(AppConfig):
    """The LGOs hosted on this deployment, their departments, officers, roles and working-day calendars."""

    name = "organizations"
    verbose_name = _("Organizations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core import tenants

        from . import receivers
        from .tenancy import current_organization

        receivers.connect()
        tenants.set_request_resolver(current_organization)  # TenantQuerySet.for_request() asks this
