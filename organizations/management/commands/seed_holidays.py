"""Add the bundled Thai national public holidays for years that have none yet (idempotent; edits are kept)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from organizations.holidays import seed_national_holidays


class Command(BaseCommand):
    help = "Seed Thai national public holidays (2026–2027) for years that have none. Safe to run again."

    def handle(self, *args, **options) -> None:
        with transaction.atomic():
            added = seed_national_holidays()
        self.stdout.write(f"เพิ่มวันหยุดราชการ {added} วัน / added {added} national holiday(s).")
