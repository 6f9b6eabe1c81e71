"""Delete personal data the LGO no longer needs: closed cases past their retention date and stale drafts (PDPA)."""

from django.utils.translation import gettext_lazy as _

from core.jobs import RecordedCommand
from eservices.services import purge_expired


class Command(RecordedCommand):
    help = "Delete closed e-service cases past their retention date and drafts idle for 30 days (run daily)."
    schedule = "30 2 * * *"
    description = _("Deletes closed cases past their retention period and drafts left for 30 days (PDPA).")

    def handle(self, *args, **options) -> None:
        cases, drafts = purge_expired()
        self.report(f"Deleted {cases} case(s) and {drafts} draft(s).")
