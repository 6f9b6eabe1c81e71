"""`manage.py lapse_building_notices`: end building notifications whose work never started (run daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from eservices.kinds.building.services import lapse_notifications


class Command(BaseCommand):
    help = "Revoke receipts of building notification whose work has not started within 120 days; idempotent."

    def handle(self, *args, **options):
        self.stdout.write(f"Building notifications lapsed: {lapse_notifications()}.")
