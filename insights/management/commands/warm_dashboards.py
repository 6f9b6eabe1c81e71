"""python manage.py warm_dashboards: compute every LGO's dashboard panels into the cache (run it hourly).

With it scheduled, no executive's request ever pays for a cold computation: figures are at most an hour old and
every dashboard request reads the cache (bench/bench_insights.py measures both).
"""

import time

from django.core.management.base import BaseCommand
from django.utils import translation

from insights.dashboard import refresh_organization
from organizations.models import Organization


class Command(BaseCommand):
    help = "Compute every LGO's dashboard figures into the cache, in Thai and English (run hourly)."

    def add_arguments(self, parser):
        parser.add_argument("--lgo", action="append", default=[], help="Only these LGO codes (repeatable).")

    def handle(self, *args, lgo: list[str], **options):
        organizations = Organization.objects.order_by("code")
        if lgo:
            organizations = organizations.filter(code__in=[code.upper() for code in lgo])
        start, count = time.perf_counter(), 0
        for organization in organizations.iterator():
            for language in ("th", "en"):
                with translation.override(language):
                    refresh_organization(organization)
            count += 1
        self.stdout.write(f"{count} LGOs' dashboards computed in {time.perf_counter() - start:.1f} s.")
