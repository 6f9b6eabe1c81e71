"""Benchmark the executive dashboard and the province view on PostgreSQL with an LGO holding 1,000,000 cases.

Run: `python bench/bench_insights.py` (or `make bench`). Uses BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/thongthin_bench_insights). Seeds cases once with bench_eservices' COPY seeding
(70 % to the first LGO, so --cases 1430000 gives it 1,001,000); a second run skips straight to the measurements.
Prints, for the first LGO: each panel's cold computation (no cache: what one request pays once per refresh, or
what `warm_dashboards` pays in the background), the dashboard request cold and warm (the hourly cache), against
the inbox's budget (p95 <= 100 ms), and the province view's adoption figures.
Options: --cases N (default 1430000), --requests N (default 30).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import configure, percentile, timed

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/thongthin_bench_insights"
BUDGET_MS = 100  # the inbox's target (bench_eservices): p95 of a request


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_430_000)
    parser.add_argument("--requests", type=int, default=30)
    args = parser.parse_args()
    configure(DEFAULT_URL)
    from bench_eservices import catalogue, lgo, officer, seed_cases, sync_reference_counters, vacuum_analyze
    from django.core.cache import cache
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from core.insights import EXECUTIVE_ROLES, panels_for
    from eservices.models import Submission
    from insights.adoption import compute_adoption
    from organizations.constants import Role

    org_a = lgo("BNA", "testserver", "เทศบาลตำบลทดสอบสมรรถนะ", "5571001", default=True)
    org_b = lgo("BNB", "bench-b.test", "องค์การบริหารส่วนตำบลทดสอบสมรรถนะ", "5571002", default=False)
    services = {org.pk: catalogue(org) for org in (org_a, org_b)}
    officers = {org.pk: [officer(org, f"{org.code.lower()}-officer-{n}", Role.OFFICER,
                                 ("office", "finance", "engineering", "health", "education", "welfare")[n % 6])
                         for n in range(4)] for org in (org_a, org_b)}
    executive = officer(org_a, "bna-executive", Role.EXECUTIVE)
    print(f"Database: {os.environ['DATABASE_URL']}; cache: {os.environ.get('REDIS_URL') or 'in-process'}")
    existing = Submission.objects.count()
    if existing < args.cases:
        with connection.cursor() as cursor:  # columns added after bench_eservices' COPY list: the model's defaults
            for column, default in (("channel", "web"),):
                cursor.execute(f"ALTER TABLE eservices_submission ALTER COLUMN {column} SET DEFAULT '{default}'")
        seconds = seed_cases([org_a, org_b], services, officers, args.cases - existing)
        print(f"Seeded {args.cases - existing:,} cases with COPY in {seconds:.0f} s")
    else:
        sync_reference_counters()
    vacuum_analyze("eservices_submission")
    cases = Submission.objects.filter(organization=org_a).count()
    print(f"\nLGO {org_a.code}: {cases:,} cases")

    print(f"\nCold computation per panel (no cache), {org_a.code}")
    print(f"{'panel':<28}{'ms':>9}{'queries':>9}{'rows':>7}")
    today = timezone.localdate()
    total_cold = 0.0
    for panel in panels_for(set(EXECUTIVE_ROLES)):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            table = panel.compute(org_a, today)
            elapsed = (time.perf_counter() - start) * 1000
        total_cold += elapsed
        print(f"{panel.key:<28}{elapsed:>9.0f}{len(queries):>9}{len(table.rows):>7}")
    print(f"{'all panels':<28}{total_cold:>9.0f}")

    client = Client()
    client.force_login(executive)
    cold = []
    for _ in range(3):
        cache.clear()
        start = time.perf_counter()
        assert client.get("/admin/dashboard/").status_code == 200
        cold.append((time.perf_counter() - start) * 1000)
    reset_queries()
    warm = timed(lambda: client.get("/admin/dashboard/"), args.requests)
    p95 = percentile(warm, 0.95)
    print(f"\nDashboard request, {org_a.code} ({cases:,} cases)")
    print(f"  cold (cache empty: every panel computed): median {statistics.median(cold):.0f} ms")
    print(f"  warm (hourly cache): p50 {statistics.median(warm):.1f} ms, p95 {p95:.1f} ms, max {max(warm):.1f} ms"
          f"  target p95 <= {BUDGET_MS} ms: {'ok' if p95 <= BUDGET_MS else 'SLOW'}")

    samples = timed(lambda: compute_adoption("เชียงราย"), 5)
    print(f"\nProvince adoption figures (2 LGOs on the deployment, {Submission.objects.count():,} cases): "
          f"median {statistics.median(samples):.0f} ms uncached (cached for the hour in the view)")


if __name__ == "__main__":
    main()
