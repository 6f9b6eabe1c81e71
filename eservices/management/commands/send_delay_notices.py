"""`manage.py send_delay_notices`: tell applicants whose requests are past the legal time limit (run daily)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.jobs import RecordedCommand
from eservices.deadlines import cases_due_a_notice, send_delay_notices


class Command(RecordedCommand):
    help = "Send the delay notices due today (Licensing Facilitation Act s.10); idempotent, run it daily."
    schedule = "15 8 * * 1-5"
    description = _("Tells applicants whose requests passed the legal time limit (Licensing Facilitation Act s.10).")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count the cases that are due a notice.")

    def handle(self, *args, dry_run: bool = False, **options):
        if dry_run:
            self.stdout.write(f"{cases_due_a_notice().count()} case(s) due a delay notice.")
            return
        result = send_delay_notices()
        self.report(f"Delay notices: {result.due} due, {result.sent} sent.")
