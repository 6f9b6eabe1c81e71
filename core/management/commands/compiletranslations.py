"""Compile the project's and its apps' locale/*/LC_MESSAGES/*.po to .mo with polib.

Pure Python, so a fresh machine needs no GNU gettext installed.
"""

from __future__ import annotations

from pathlib import Path

import polib
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Compile the project's .po translation files to .mo (pure Python; no gettext tools needed)."

    def handle(self, *args, **options) -> None:
        compiled = 0
        app_locales = [Path(app.path) / "locale" for app in apps.get_app_configs()
                       if Path(app.path).is_relative_to(settings.BASE_DIR) and ".venv" not in Path(app.path).parts]
        for locale_dir in [*settings.LOCALE_PATHS, *app_locales]:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
                compiled += 1
        self.stdout.write(f"Compiled {compiled} translation file(s).")
