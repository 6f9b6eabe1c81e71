"""Benchmark the public website: home page and news index, uncached render and cached hit (targets below).

Run: `python bench/bench_home.py` (or `make bench`). Uses BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/thongthin_bench_home), creates and migrates the database; when PostgreSQL is not
reachable it falls back to an SQLite file in var/ and says so. Seeds one realistic LGO with home.demo (54 news items
with photos, personnel, the ITA tree, English pages), warms the image renditions once, then measures with the Django
test client:
  uncached render = a page-cache miss (each request carries a new, ignored querystring, so the full page is
                    rendered; fragments cached per site version – organization, settings, menu, latest news –
                    are warm, as they are for every page-cache miss except the first after a publish);
  after publish   = the site's cache version is bumped before every request: page, fragment and menu caches are
                    all cold (rendition cache stays warm) – the worst case, once per URL per publish;
  cached hit      = the same URL again, served by core.pagecache.PageCacheMiddleware.
Targets: uncached home ≤ 15 ms median and ≤ 20 queries; cached hit ≤ 2 ms.
Options: --iterations N (uncached, default 200), --hits N (cached, default 2000).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import time

from benchlib import ROOT, create_database, use_settings  # bench/ is on sys.path when this file is run as a script

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/thongthin_bench_home"
HOSTNAME = "bench-home.test"
TARGETS = {"uncached_ms": 15.0, "uncached_queries": 20, "cached_ms": 2.0}


def configure() -> str:
    """Point Django at the bench database (PostgreSQL, else SQLite) and migrate it; returns a description."""
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    description = f"PostgreSQL ({url})"
    try:
        create_database(url, connect_timeout=3)
    except Exception as exc:  # PostgreSQL down or absent: still give figures, clearly labelled
        sqlite_path = ROOT / "var" / "bench_home.sqlite3"
        sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{sqlite_path}"
        description = f"SQLite file {sqlite_path} (PostgreSQL unreachable: {exc.__class__.__name__})"
    os.environ["DATABASE_URL"] = url
    use_settings()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return description


def seed():
    """One LGO with the full demo website (idempotent: a second bench run reuses it)."""
    from django.db import transaction

    from core.demo import DemoContext
    from home import demo
    from organizations.constants import OrganizationKind
    from organizations.models import Organization
    from organizations.services import NewOrganization, create_organization

    organization = Organization.objects.filter(code="BENCHWEB").first()
    if organization is not None and not _image_files_present():
        raise SystemExit(
            "The bench database's images have no files (seeded with other media settings). Drop it and run again: "
            "psql -h 127.0.0.1 -U postgres -c 'DROP DATABASE thongthin_bench_home'")
    if organization is None:
        organization = create_organization(NewOrganization(
            code="BENCHWEB", kind=OrganizationKind.SUBDISTRICT_MUNICIPALITY, name_th="เทศบาลตำบลทดสอบความเร็ว",
            name_en="Bench Subdistrict Municipality", dla_code="9999911", province="เชียงราย",
            district="เมืองเชียงราย", hostname=HOSTNAME, port=80,
        ), address="1 หมู่ 1 ตำบลทดสอบ อำเภอเมืองเชียงราย จังหวัดเชียงราย", postcode="57000",
            phone="053 000 000", email="saraban@bench.go.th")
    with transaction.atomic():
        demo.load(DemoContext(stdout=io.StringIO(), password="unused", organizations=[organization]))
    return organization


def _image_files_present() -> bool:
    """Whether the seeded images' files are still there (missing ones would be rendered as placeholders)."""
    from wagtail.images import get_image_model

    image = get_image_model().objects.order_by("pk").first()
    return image is None or image.file.storage.exists(image.file.name)


def measure(client, url: str, iterations: int, before=None, unique: bool = False) -> tuple[float, float, int, int]:
    """(median ms, p90 ms, median queries, bytes) over `iterations` GETs of `url`."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings: list[float] = []
    queries: list[int] = []
    size = 0
    for n in range(iterations):
        if before is not None:
            before()
        target = f"{url}{'&' if '?' in url else '?'}bench={n}-{time.time_ns()}" if unique else url
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(target, HTTP_HOST=HOSTNAME)
            timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries.append(len(captured.captured_queries))
        size = len(response.content)
    timings.sort()
    return (statistics.median(timings), timings[max(0, int(len(timings) * 0.9) - 1)],
            int(statistics.median(queries)), size)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--hits", type=int, default=2000)
    args = parser.parse_args()
    database = configure()
    from django.conf import settings
    from django.test import Client

    from core.pagecache import HEADER, purge_sites
    from home.models import NewsPage

    started = time.perf_counter()
    organization = seed()
    site_id = organization.site_id
    news_count = NewsPage.objects.descendant_of(organization.site.root_page).count()
    print(f"Database: {database}")
    print(f"Cache: {settings.CACHES['default']['BACKEND']}")
    took = time.perf_counter() - started
    print(f"Seeded {organization.name_th}: {news_count} news items (seed/reuse took {took:.1f} s)")

    client = Client()
    for url in ("/", "/news/", "/news/?page=2", "/en/"):
        client.get(url, HTTP_HOST=HOSTNAME)  # renditions generated once, as in production

    def bump() -> None:
        purge_sites([site_id])

    failures: list[str] = []
    print(f"{'page':<12} {'kind':<14} {'median ms':>10} {'p90 ms':>8} {'queries':>8} {'HTML KB':>8}")
    for name, url in (("home", "/"), ("news index", "/news/")):
        cold = measure(client, url, max(20, args.iterations // 4), before=bump)
        uncached = measure(client, url, args.iterations, unique=True)
        client.get(url, HTTP_HOST=HOSTNAME)
        hit = client.get(url, HTTP_HOST=HOSTNAME)
        assert hit[HEADER] == "hit", "the second anonymous request must be a cache hit"
        cached = measure(client, url, args.hits)
        for kind, (median, p90, queries, size) in (("uncached", uncached), ("after publish", cold),
                                                   ("cached hit", cached)):
            print(f"{name:<12} {kind:<14} {median:>10.2f} {p90:>8.2f} {queries:>8} {size / 1024:>8.1f}")
        if name == "home":
            if uncached[0] > TARGETS["uncached_ms"]:
                failures.append(f"uncached home median {uncached[0]:.1f} ms > {TARGETS['uncached_ms']} ms")
            if max(uncached[2], cold[2]) > TARGETS["uncached_queries"]:
                failures.append(f"uncached home {max(uncached[2], cold[2])} queries > {TARGETS['uncached_queries']}")
            if cached[0] > TARGETS["cached_ms"]:
                failures.append(f"cached home hit {cached[0]:.2f} ms > {TARGETS['cached_ms']} ms")
    print("Targets: uncached home ≤ 15 ms median and ≤ 20 queries; cached hit ≤ 2 ms")
    print("MISSED: " + "; ".join(failures) if failures else "All targets met.")


if __name__ == "__main__":
    main()
