from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Thai QR payloads, invoices, payments, reconciliation and receipts. Knows nothing of who bills."""

    name = "payments"
    verbose_name = _("Payments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .providers import counter, gateway  # noqa: F401  (registers the built-in payment providers)
