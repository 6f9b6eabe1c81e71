"""Delete personal data the LGO no longer needs: closed cases past their retention date and stale drafts (PDPA)."""

from django.core.management.base import BaseCommand

from eservices.services import purge_expired


class Command(BaseCommand):
    help = "Delete closed e-service cases past their retention date and drafts idle for 30 days (run daily)."

    def handle(self, *args, **options) -> None:
        cases, drafts = purge_expired()
        self.stdout.write(f"Deleted {cases} case(s) and {drafts} draft(s).")
