"""python manage.py import_lgo_registry FILE: load the official list of a province's LGOs for the province view."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from insights.imports import COLUMNS, import_registry, parse_registry


class Command(BaseCommand):
    help = f"Import the LGO registry from a CSV file with the columns {','.join(COLUMNS)} (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}") from exc
        parsed = parse_registry(data)
        if not parsed.ok:
            raise CommandError("Nothing imported:\n" + "\n".join(parsed.errors))
        added, updated, removed = import_registry(parsed)
        self.stdout.write(f"{len(parsed.rows)} LGOs in {', '.join(parsed.provinces)}: "
                          f"{added} added, {updated} updated, {removed} removed.")
