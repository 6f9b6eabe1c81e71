"""`manage.py bill_annual_fees`: yearly fees of food-place certificates (Public Health Act s.65); run it daily."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from eservices.annualfees import run_annual_fees


class Command(BaseCommand):
    help = ("Bill the annual fees of food-place certificates falling due within 30 days, add the 20% surcharge to "
            "late ones and send the reminders due; idempotent, run it daily.")

    def handle(self, *args, **options):
        run = run_annual_fees()
        self.stdout.write(f"Annual fees: {run.billed} billed, {run.surcharged} surcharged, {run.reminded} reminded.")
