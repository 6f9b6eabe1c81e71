"""`manage.py backup DEST`: a consistent snapshot of the database and every file, with a checksummed manifest."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import CommandError
from django.utils.translation import gettext_lazy as _

from core.backup import RestoreRefused, backup
from core.jobs import RecordedCommand


class Command(RecordedCommand):
    help = "Back up the database and all media and private files into DEST (a new or empty folder)."
    schedule = "30 1 * * *"
    description = _("Backs up the database and every file, with a manifest of checksums.")

    def add_arguments(self, parser):
        parser.add_argument("dest", help="A new or empty folder, e.g. /backup/thongthin-$(date +%%F)")

    def handle(self, *args, dest: str, **options):
        started = time.monotonic()
        try:
            result = backup(Path(dest))
        except RestoreRefused as error:
            raise CommandError(str(error)) from error
        self.report(f"Backed up {result.rows} rows in {result.tables} tables and {result.files} files "
                    f"({result.bytes / 1048576:.1f} MB) to {result.path} in {time.monotonic() - started:.1f} s.")
