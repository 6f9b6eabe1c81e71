"""`manage.py lapse_unanswered_requests`: lapse cases whose defect notice went unfixed past its date (run daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from eservices.deadlines import cases_due_to_lapse, lapse_unanswered


class Command(BaseCommand):
    help = ("Lapse requests whose defect notice was not fixed in time (food places: 7 working days, Public Health "
            "Act s.48); idempotent, run it daily.")

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count the cases that are due to lapse.")

    def handle(self, *args, dry_run: bool = False, **options):
        if dry_run:
            self.stdout.write(f"{cases_due_to_lapse().count()} case(s) due to lapse.")
            return
        self.stdout.write(f"Lapsed: {lapse_unanswered()}.")
