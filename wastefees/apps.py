from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WastefeesConfig(AppConfig):
    """Service accounts, tariffs by ordinance, monthly billing runs and arrears."""

    name = "wastefees"
    verbose_name = _("Waste and wastewater fees")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from core.notifications import register_template

        from .constants import REMINDER_TEMPLATE

        register_template(
            REMINDER_TEMPLATE,
            subject=_("{{ lgo_name }}: unpaid waste fees for account {{ account_number }}"),
            body=_(
                "Dear {{ owner_name }},\n\n"
                "Account {{ account_number }} has {{ unpaid_bills }} unpaid waste/wastewater fee bill(s) past their "
                "due date, {{ amount_due }} baht in total.\n\n"
                "You can see the bills and pay by Thai QR (any bank app) at {{ lookup_url }} with your account number "
                "and the last 4 digits of your phone number or ID, or pay at the LGO's office.\n"
                "If you have already paid, please ignore this notice.\n\n"
                "{{ lgo_name }} {{ lgo_phone }}"
            ),
            description=_("Reminder of unpaid waste and wastewater fees"),
            variables=("lgo_name", "lgo_phone", "account_number", "owner_name", "unpaid_bills", "amount_due",
                       "lookup_url"),
        )
