"""`manage.py restore SRC`: load a backup into an EMPTY database and storage, then prove it equals the manifest."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import RestoreRefused, restore


class Command(BaseCommand):
    help = ("Restore a backup made by `manage.py backup` into an empty database and empty file storage (refuses "
            "anything else), then check every table's row count and every file's checksum.")

    def add_arguments(self, parser):
        parser.add_argument("src", help="The backup folder (holding manifest.json)")

    def handle(self, *args, src: str, **options):
        started = time.monotonic()
        try:
            result = restore(Path(src))
        except RestoreRefused as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {result.rows} rows in {result.tables} tables and {result.files} files from "
                          f"{result.path} in {time.monotonic() - started:.1f} s; row counts and checksums match.")
