"""Benchmark the e-service engine on PostgreSQL: filing throughput and the officer inbox at 1,000,000 cases.

Run: `python bench/bench_eservices.py` (or `make bench`). Uses BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/thongthin_bench_eservices), creates the database if needed and migrates it.
Seeding the million cases runs once; a second run finds them and skips straight to the measurements.
Options: --submissions N (default 600), --workers N (filing processes, default 2 x CPUs), --cases N (default
BENCH_CASES or 1000000), --requests N (default 30). Above 2,000,000 new cases the seed is generated inside PostgreSQL
(INSERT ... SELECT, a million per statement, non-unique indexes dropped and rebuilt): for the 10M-case inbox run,
`BENCH_CASES=10000000 BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/thongthin_bench_10m python
bench/bench_eservices.py --submissions 0` (about 40 minutes of seeding on this 2-core machine, then ~5 GB on disk:
drop the database afterwards).
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

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/thongthin_bench_eservices"
TARGET_MS = 50  # p95 of an inbox request, whole LGO or department officer, at 1M and at 10M cases (issue 16)


def print_table(title: str, rows: list[tuple[str, list[float], list[float]]], *, target_ms: float | None) -> None:
    """Whole-request latency through the test client, and the part of it spent in SQL (queries, their p50 time)."""
    print(f"\n{title}")
    print(f"{'request':<40}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'SQL p50':>9}{'SQL p95':>9}{'queries':>8}"
          + (f"  target p95 <= {target_ms:.0f} ms" if target_ms else "  (no target)"))
    for label, samples, sql in rows:
        p95 = percentile(samples, 0.95)
        flag = "-" if target_ms is None else "ok" if p95 <= target_ms else "SLOW"
        print(f"{label:<40}{statistics.median(samples):>9.1f}{p95:>9.1f}{max(samples):>9.1f}"
              f"{statistics.median(sql[1::2]):>9.1f}{percentile(sql[1::2], 0.95):>9.1f}{int(sql[0]):>8}  {flag}")


# --- Fixtures: two LGOs, a catalogue, officers ----------------------------------------------------------------

SIMPLE_STEPS = [
    ("step", {"title": "ข้อมูลผู้ยื่นคำขอ", "description": "", "show_if_field": "", "show_if_value": "", "fields": [
        ("short_text", {"key": "applicant_name", "label": "ชื่อ-นามสกุล", "help_text": "", "requirement": "required",
                        "applicant_role": "name", "show_if_field": "", "show_if_value": ""}),
        ("phone", {"key": "phone", "label": "เบอร์โทรศัพท์", "help_text": "", "requirement": "required",
                   "applicant_role": "phone", "show_if_field": "", "show_if_value": ""}),
        ("long_text", {"key": "details", "label": "รายละเอียด", "help_text": "", "requirement": "required",
                       "applicant_role": "", "show_if_field": "", "show_if_value": ""}),
        ("declaration", {"key": "truthful", "label": "ข้าพเจ้าขอรับรองว่าข้อมูลเป็นความจริง", "help_text": "",
                         "applicant_role": "", "show_if_field": "", "show_if_value": ""}),
    ]}),
]
SERVICE_TITLES = [
    "ขอรับเบี้ยยังชีพผู้สูงอายุ", "ขอรับเบี้ยความพิการ", "ขอข้อมูลข่าวสารของราชการ", "ขอรถบรรทุกน้ำ",
    "ขออนุญาตตัดต้นไม้", "ขอยืมสถานที่และวัสดุอุปกรณ์", "ขอรับบริการเก็บขยะ", "จดทะเบียนพาณิชย์",
    "แจ้งกิจการที่เป็นอันตรายต่อสุขภาพ", "ขอรับความช่วยเหลือผู้ประสบภัย", "คำร้องทั่วไป", "ลงทะเบียนผู้หางาน",
]
FIRST = ["สมชาย", "สมศรี", "วิชัย", "มาลี", "ประเสริฐ", "สุดา", "อนันต์", "กาญจนา", "ธนพล", "พิมพ์ใจ", "ณัฐวุฒิ", "จันทร์เพ็ญ"]
LAST = ["ใจดี", "มีสุข", "ศรีสวัสดิ์", "บุญมา", "แก้วมณี", "ทองคำ", "สุขเจริญ", "วงศ์ไทย", "พรหมมา", "อินทร์แก้ว"]


def lgo(code: str, hostname: str, name: str, dla: str, *, default: bool):
    from organizations.models import Organization
    from organizations.services import NewOrganization, create_organization

    existing = Organization.objects.filter(code=code).first()
    if existing:
        return existing
    return create_organization(NewOrganization(
        code=code, kind="subdistrict_municipality", name_th=name, dla_code=dla, province="เชียงราย",
        district="เมืองเชียงราย", hostname=hostname, is_default_site=default,
    ))


def catalogue(organization):
    from eservices.models import ServiceIndexPage, ServicePage

    home = organization.site.root_page.specific
    index = ServiceIndexPage.objects.child_of(home).first()
    if index is None:
        index = ServiceIndexPage(title="บริการออนไลน์", slug="e-service")
        home.add_child(instance=index)
    departments = list(organization.departments.order_by("sort_order"))
    services = list(ServicePage.objects.child_of(index).order_by("pk"))
    for n, title in enumerate(SERVICE_TITLES[len(services):], start=len(services)):
        page = ServicePage(
            title=title, slug=f"service-{n + 1}", summary=title, process_name=title,
            department=departments[n % len(departments)], time_limit_days=(5, 7, 15, 30)[n % 4],
            total_time_days=15, no_documents_required=True, online_filing=True, form_steps=SIMPLE_STEPS,
        )
        index.add_child(instance=page)
        services.append(page)
    return services


def officer(organization, username: str, role: str, department_code: str | None = None):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission

    from organizations.models import Membership

    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": "เจ้าหน้าที่", "last_name": username})
    if created:
        department = organization.departments.get(code=department_code) if department_code else None
        Membership.objects.create(user=user, organization=organization, role=role, department=department)
        group, _ = Group.objects.get_or_create(name="Bench officers")
        group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin",
                                                     codename="access_admin"))
        user.groups.add(group)
    return user


# --- (a) Filing through the full view stack ---------------------------------------------------------------------

def _file_requests(service_pk: int, first: int, count: int) -> int:
    """One citizen after another: start, open the step, post it, post check-your-answers (returns how many filed)."""
    from django.db import connection
    from django.test import Client

    connection.close()  # a forked worker opens its own connection
    for n in range(first, first + count):
        client = Client()
        response = client.post(f"/e-service/{service_pk}/apply/")
        step_url = response["Location"]
        client.get(step_url)
        response = client.post(step_url, {"applicant_name": f"ผู้ยื่นทดสอบ {n}", "phone": f"09{n % 100_000_000:08d}",
                                          "details": "ขอรับบริการ", "truthful": "on"})
        response = client.post(response["Location"])
        if response.status_code != 302 or "/e-service/done/" not in response["Location"]:
            raise SystemExit(f"Filing failed at request {n}: {response.status_code} {response.content[:300]!r}")
    connection.close()
    return count


def bench_submissions(service, count: int, workers: int) -> tuple[float, int]:
    """File `count` requests through the whole view stack from `workers` processes at once; returns (per s, filed)."""
    import multiprocessing

    from django.db import connection

    from eservices.models import Submission

    _file_requests(service.pk, -2, 2)  # warm up: templates compiled and caches filled before the processes fork
    before = Submission.objects.filter(service=service).count()
    connection.close()
    share = count // workers
    start = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pool.starmap(_file_requests, [(service.pk, i * share, share) for i in range(workers)])
    elapsed = time.perf_counter() - start
    filed = Submission.objects.filter(service=service).count() - before
    return filed / elapsed, filed


# --- (b) A million cases ----------------------------------------------------------------------------------------

OPEN_STATUSES = ("submitted", "in_review", "info_requested", "awaiting_payment")
STATUS_WEIGHTS = [("submitted", 10), ("in_review", 20), ("info_requested", 5), ("awaiting_payment", 2),
                  ("approved", 8), ("rejected", 5), ("completed", 45), ("cancelled", 5)]


def seed_cases(organizations: list, services_by_org: dict, officers_by_org: dict, total: int) -> float:
    """COPY `total` cases (split 70/30 between the two LGOs) with realistic spread; returns seconds taken.

    Three years of cases over 12 services and 6 departments; recent cases are in every status, while 97% of cases
    older than 60 days are decided (a real backlog is a few percent, not a third of the table); 30% assigned.
    """
    import datetime as dt
    import json
    import random
    import secrets

    from django.db import connection
    from django.utils import timezone

    from eservices.models import Submission

    rng = random.Random(2569)
    statuses = [s for s, w in STATUS_WEIGHTS for _ in range(w)]
    now = timezone.now()
    from eservices.services import snapshot_of

    columns = ["organization_id", "service_id", "service_title", "service_kind", "snapshot_id", "reference",
               "tracking_token", "status", "submitted_at", "received_at", "time_limit_days", "due_date",
               "paused_days", "department_id", "assignee_id", "applicant_name", "applicant_email", "applicant_phone",
               "applicant_national_id", "answers", "language", "idempotency_key", "fee_point", "document_kind",
               "retention_days", "updated_at", "decided_at", "closed_at", "receipt_file", "channel"]
    start = time.perf_counter()
    with connection.cursor() as cursor:
        raw = cursor.cursor
        for organization, share in zip(organizations, (0.7, 0.3), strict=True):
            count = int(total * share)
            services = services_by_org[organization.pk]
            snapshot = snapshot_of(services[0].form_definition()).pk  # every seeded case shares one form version
            officers = officers_by_org[organization.pk]
            numbers: dict[int, int] = {}
            copy_sql = f"COPY eservices_submission ({', '.join(columns)}) FROM STDIN"
            with raw.copy(copy_sql) as copy:
                for i in range(count):
                    service = services[i % len(services)]
                    filed = now - dt.timedelta(seconds=rng.randint(0, 3 * 365 * 86400))
                    local = timezone.localtime(filed)
                    be_year = local.year + 543
                    numbers[be_year] = numbers.get(be_year, 0) + 1
                    status = rng.choice(statuses)
                    if status in OPEN_STATUSES and now - filed > dt.timedelta(days=60) and rng.random() < 0.97:
                        status = rng.choice(("completed", "completed", "approved", "rejected"))  # old cases decided
                    decided = filed + dt.timedelta(days=rng.randint(1, 20)) if status in (
                        "approved", "rejected", "completed", "cancelled") else None
                    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                    copy.write_row((
                        organization.pk, service.pk, service.title, "generic", snapshot,
                        f"{organization.code}-{be_year}-{numbers[be_year]:06d}", secrets.token_urlsafe(32), status,
                        filed, filed, service.time_limit_days,
                        (local + dt.timedelta(days=service.time_limit_days * 7 // 5)).date(), 0,
                        service.department_id, rng.choice(officers).pk if rng.random() < 0.3 else None,
                        name, "", f"08{rng.randint(0, 99_999_999):08d}", f"{rng.randint(10**12, 10**13 - 1)}",
                        json.dumps({"applicant_name": name, "details": "ขอรับบริการ"}, ensure_ascii=False),
                        "th", f"bench-{i}", "none", "none", 1825, filed, decided,
                        decided if status in ("rejected", "completed", "cancelled") else None,
                        "",  # the filing receipt is rendered on first download; Django's '' is not a database default
                        "web",  # how it was filed (no database default either)
                    ))
        cursor.execute("ANALYZE eservices_submission")
    sync_reference_counters()
    del Submission
    return time.perf_counter() - start


#: Above this many cases the seed is generated inside PostgreSQL (INSERT ... SELECT over generate_series): the
#: Python COPY above makes about 25,000 rows/s, so 10M cases would take most of an hour of one core.
SQL_SEED_ABOVE = 2_000_000
SQL_SEED_CHUNK = 1_000_000


def seed_cases_sql(organizations: list, services_by_org: dict, officers_by_org: dict, total: int) -> float:
    """The same cases as `seed_cases` (70/30 split, three years, 12 services, the same status mix, 97 % of cases
    older than 60 days decided, 30 % assigned), generated by PostgreSQL in chunks of a million; returns seconds.

    Reference numbers continue each LGO's yearly counter (synced first), so a second seed never collides."""
    from django.db import connection

    sync_reference_counters()
    weights = [(s, w) for s, w in STATUS_WEIGHTS]
    cumulative, acc = [], 0
    for status, weight in weights:
        acc += weight
        cumulative.append(f"WHEN r_status * 100 < {acc} THEN '{status}'")
    status_case = "CASE " + " ".join(cumulative) + " END"
    start = time.perf_counter()
    with connection.cursor() as cursor:
        # Keeping 18 indexes (one of them a trigram GIN) up to date row by row costs several times more than
        # building them once at the end; the unique ones stay, so the seed still proves references don't collide.
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'eservices_submission' "
                       "AND indexdef NOT LIKE 'CREATE UNIQUE INDEX%'")
        dropped = cursor.fetchall()
        for name, _definition in dropped:
            cursor.execute(f'DROP INDEX "{name}"')
        try:
            _seed_sql_chunks(cursor, organizations, services_by_org, officers_by_org, total, status_case)
        finally:
            cursor.execute("SET maintenance_work_mem = '1GB'")
            for name, definition in dropped:
                print(f"  rebuilding index {name}", flush=True)
                cursor.execute(definition)
        cursor.execute("ANALYZE eservices_submission")
    return time.perf_counter() - start


def _seed_sql_chunks(cursor, organizations, services_by_org, officers_by_org, total: int, status_case: str) -> None:
    """Seed `total` more cases so that the table ends split 70/30 between the two LGOs."""
    from django.db import transaction

    from eservices.services import snapshot_of

    cursor.execute("SELECT count(*) FROM eservices_submission")
    final = cursor.fetchone()[0] + total
    for organization, share in zip(organizations, (0.7, 0.3), strict=True):
        services = services_by_org[organization.pk]
        snapshot = snapshot_of(services[0].form_definition()).pk
        officers = [o.pk for o in officers_by_org[organization.pk]]
        cursor.execute("SELECT count(*) FROM eservices_submission WHERE organization_id = %s", [organization.pk])
        already = cursor.fetchone()[0]
        count = max(0, int(final * share) - already)
        for first in range(0, count, SQL_SEED_CHUNK):
            size = min(SQL_SEED_CHUNK, count - first)
            with transaction.atomic():
                cursor.execute(SEED_SQL.format(status_case=status_case), {
                    "org": organization.pk, "code": organization.code, "size": size,
                    "key0": already + first, "snapshot": snapshot,
                    "service_ids": [s.pk for s in services], "titles": [s.title for s in services],
                    "limits": [s.time_limit_days for s in services],
                    "departments": [s.department_id for s in services], "officers": officers,
                    "first_names": FIRST, "last_names": LAST,
                })
                sync_reference_counters()
            print(f"  {organization.code}: {already + first + size:,} of {int(final * share):,} cases", flush=True)


SEED_SQL = """
WITH raw AS (
    SELECT g, now() - (random() * 3 * 365 * 86400) * interval '1 second' AS filed,
           random() AS r_status, random() AS r_old, random() AS r_final, random() AS r_assign
    FROM generate_series(1, %(size)s) AS g
), timed AS (
    SELECT raw.*, 1 + (g %% cardinality(%(service_ids)s::int[])) AS s,
           (filed AT TIME ZONE 'Asia/Bangkok') AS local_filed,
           extract(year FROM filed AT TIME ZONE 'Asia/Bangkok')::int + 543 AS be_year,
           {status_case} AS drawn
    FROM raw
), statused AS (
    SELECT timed.*,
           CASE WHEN drawn IN ('submitted', 'in_review', 'info_requested', 'awaiting_payment')
                     AND now() - filed > interval '60 days' AND r_old < 0.97
                THEN (ARRAY['completed', 'completed', 'approved', 'rejected'])[1 + floor(r_final * 4)::int]
                ELSE drawn END AS status,
           (%(first_names)s::text[])[1 + floor(random() * cardinality(%(first_names)s::text[]))::int] || ' ' ||
           (%(last_names)s::text[])[1 + floor(random() * cardinality(%(last_names)s::text[]))::int] AS name
    FROM timed
), numbered AS (
    SELECT statused.*,
           COALESCE((SELECT value FROM core_counter
                     WHERE scope = 'eservices.submission:' || %(org)s || ':' || be_year), 0)
           + row_number() OVER (PARTITION BY be_year ORDER BY filed) AS number,
           CASE WHEN status IN ('approved', 'rejected', 'completed', 'cancelled')
                THEN filed + (1 + floor(random() * 20)) * interval '1 day' END AS decided
    FROM statused
)
INSERT INTO eservices_submission (
    organization_id, service_id, service_title, service_kind, snapshot_id, reference, tracking_token, status,
    submitted_at, received_at, time_limit_days, due_date, paused_days, department_id, assignee_id, applicant_name,
    applicant_email, applicant_phone, applicant_national_id, answers, language, idempotency_key, fee_point,
    document_kind, retention_days, updated_at, decided_at, closed_at, receipt_file, channel)
SELECT %(org)s, (%(service_ids)s::int[])[s], (%(titles)s::text[])[s], 'generic', %(snapshot)s,
       %(code)s || '-' || be_year || '-' || lpad(number::text, greatest(6, length(number::text)), '0'),
       md5(random()::text || g) || md5(%(org)s || '-' || (%(key0)s + g)), status,
       filed, filed, (%(limits)s::int[])[s],
       (local_filed + ((%(limits)s::int[])[s] * 7 / 5) * interval '1 day')::date, 0,
       (%(departments)s::int[])[s],
       CASE WHEN r_assign < 0.3
            THEN (%(officers)s::int[])[1 + floor(random() * cardinality(%(officers)s::int[]))::int] END,
       name, '', '08' || lpad(floor(random() * 100000000)::bigint::text, 8, '0'),
       (1000000000000 + floor(random() * 9000000000000))::bigint::text,
       jsonb_build_object('applicant_name', name, 'details', 'ขอรับบริการ'), 'th', 'bench-' || (%(key0)s + g),
       'none', 'none', 1825, filed, decided,
       CASE WHEN status IN ('rejected', 'completed', 'cancelled') THEN decided END, '', 'web'
FROM numbered
"""


def vacuum_analyze(table: str) -> None:
    """VACUUM (ANALYZE) the table, as autovacuum would in production: this machine's PostgreSQL runs with autovacuum
    off, and a never-vacuumed table has no visibility map (no index-only scans) and sets hint bits on first read."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {table}")


def sync_reference_counters() -> None:
    """Move each LGO's yearly reference counter past the seeded numbers, so filing afterwards continues the series."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO core_counter (scope, value)
            SELECT 'eservices.submission:' || organization_id || ':' || split_part(reference, '-', 2),
                   max(split_part(reference, '-', 3)::int)
            FROM eservices_submission GROUP BY organization_id, split_part(reference, '-', 2)
            ON CONFLICT (scope) DO UPDATE SET value = GREATEST(core_counter.value, EXCLUDED.value)
        """)


def _cursor_of_page(client, number: int) -> dict:
    """The query string of the inbox's page `number`, reached by following its "Next" links."""
    import html
    import re

    query: dict = {}
    for _ in range(number - 1):
        page = client.get("/admin/eservices/cases/", query).content.decode()
        found = re.search(r'href="\?([^"]*)" rel="next"', page)
        if not found:
            raise SystemExit(f"the inbox has fewer than {number} pages")
        query = dict(part.split("=", 1) for part in html.unescape(found.group(1)).split("&"))
    from urllib.parse import unquote

    return {key: unquote(value) for key, value in query.items()}


def bench_inbox(client, label_prefix: str, params: list[tuple[str, dict]], repeat: int) -> list:
    """For each query: whole-request times, and [query count, SQL ms, query count, SQL ms, ...] per request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    rows = []
    for label, query in params:
        sql: list[float] = []
        if "__page" in query:  # follow the "Next" links to that page once; the timed request opens it directly
            query = {**query, **_cursor_of_page(client, query.pop("__page"))}

        def call(query=query, label=label, sql=sql):
            path = query.get("__path", "/admin/eservices/cases/")
            connection.queries_log.clear()  # the log is a bounded deque: a full one makes captures come back empty
            with CaptureQueriesContext(connection) as captured:
                response = client.get(path, {k: v for k, v in query.items() if k != "__path"})
            sql.extend([len(captured.captured_queries),
                        sum(float(q["time"]) for q in captured.captured_queries) * 1000])
            if response.status_code != 200:
                raise SystemExit(f"{label}: HTTP {response.status_code}")
        samples = timed(call, repeat)
        rows.append((f"{label_prefix}{label}", samples, sql[2:]))
        if os.environ.get("BENCH_EXPLAIN"):
            explain_slowest(client, query, f"{label_prefix}{label}", os.environ["BENCH_EXPLAIN"])
    return rows


def explain_slowest(client, query: dict, label: str, path: str) -> None:
    """Append EXPLAIN (ANALYZE, BUFFERS) of the request's two slowest SQL statements to `path` (BENCH_EXPLAIN)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(query.get("__path", "/admin/eservices/cases/"), {k: v for k, v in query.items() if k != "__path"})
    selects = [q for q in captured.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    slowest = sorted(selects, key=lambda q: -float(q["time"]))[:2]
    with open(path, "a") as out, connection.cursor() as cursor:
        for item in slowest:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + item["sql"])
            plan = "\n".join(row[0] for row in cursor.fetchall())
            out.write(f"\n=== {label} ({float(item['time']) * 1000:.1f} ms)\n{item['sql']}\n{plan}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=600)
    parser.add_argument("--cases", type=int, default=int(os.environ.get("BENCH_CASES", "1000000")))
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--workers", type=int, default=max(2, (os.cpu_count() or 2) * 2))
    args = parser.parse_args()
    configure(DEFAULT_URL)
    from django.test import Client

    from eservices.models import Submission
    from organizations.constants import Role

    org_a = lgo("BNA", "testserver", "เทศบาลตำบลทดสอบสมรรถนะ", "5571001", default=True)
    org_b = lgo("BNB", "bench-b.test", "องค์การบริหารส่วนตำบลทดสอบสมรรถนะ", "5571002", default=False)
    services = {org.pk: catalogue(org) for org in (org_a, org_b)}
    officers = {org.pk: [officer(org, f"{org.code.lower()}-officer-{n}", Role.OFFICER,
                                 ("office", "finance", "engineering", "health", "education", "welfare")[n % 6])
                         for n in range(10)] for org in (org_a, org_b)}
    admin = officer(org_a, "bna-admin", Role.LGO_ADMIN)

    print(f"Database: {os.environ['DATABASE_URL']}; cache and sessions: "
          f"{os.environ.get('REDIS_URL') or 'in-process cache, database sessions'}")

    existing = Submission.objects.count()
    if existing < args.cases:
        seed = seed_cases_sql if args.cases - existing > SQL_SEED_ABOVE else seed_cases
        seconds = seed([org_a, org_b], services, officers, args.cases - existing)
        how = "INSERT ... SELECT in PostgreSQL" if seed is seed_cases_sql else "COPY"
        print(f"\n(b) Seeded {args.cases - existing:,} cases with {how} in {seconds:.0f} s")
    else:
        sync_reference_counters()
        print(f"\n(b) {existing:,} cases already seeded; skipping")

    vacuum_analyze("eservices_submission")
    rate, filed = (bench_submissions(services[org_a.pk][0], args.submissions, args.workers)
                   if args.submissions else (0.0, 0))
    print(f"\n(a) Filing through the view stack (start, open step, post step, submit), {args.workers} processes: "
          f"{filed} requests, {rate:.1f} submissions/s (target >= 50/s) {'ok' if rate >= 50 else 'SLOW'}")

    # A seeded case (not one filed above: those share a receipt time and would make an easy sample).
    sample = Submission.objects.for_organization(org_a).filter(
        idempotency_key__startswith="bench-").order_by("-pk").values(
        "reference", "applicant_phone", "applicant_national_id", "applicant_name", "service_id", "department_id",
    )[1000]
    dept_officer = officers[org_a.pk][0]  # "office" department
    queries = [
        ("default list", {}),
        ("status = in review", {"status": "in_review"}),
        ("status = all open", {"status": "open"}),
        ("service", {"service": sample["service_id"]}),
        ("department", {"department": sample["department_id"]}),
        ("assigned to me", {"assignee": "me"}),
        ("unassigned", {"assignee": "none"}),
        ("overdue", {"due": "overdue"}),
        ("due within 3 working days", {"due": "soon"}),
        ("filed in one month (BE dates)", {"received_from": "01/10/2568", "received_to": "31/10/2568"}),
        ("sort by due date", {"sort": "due"}),
        ("sort by reference", {"sort": "reference"}),
        ("page 10 (sought by cursor)", {"__page": 10}),
        ("page 200 (sought by cursor)", {"__page": 200}),
        ("search: reference", {"q": sample["reference"]}),
        ("search: phone", {"q": sample["applicant_phone"]}),
        ("search: national ID", {"q": sample["applicant_national_id"]}),
        ("dashboard panel (/admin/)", {"__path": "/admin/"}),
    ]
    client = Client()
    client.force_login(admin)
    rows = bench_inbox(client, "", queries, args.requests)
    in_a = Submission.objects.for_organization(org_a).count()
    print_table(f"Inbox latency, LGO administrator (whole LGO: {in_a:,} of {Submission.objects.count():,} cases), "
                f"{args.requests} requests each", rows, target_ms=TARGET_MS)
    client = Client()
    client.force_login(dept_officer)
    rows = bench_inbox(client, "", queries[:15], args.requests)
    print_table("Inbox latency, department officer (own department + assigned)", rows, target_ms=TARGET_MS)
    name_rows = bench_inbox(client, "", [("search: name (substring, no target)", {"q": sample["applicant_name"]})],
                            max(5, args.requests // 3))
    print_table("Name search (substring scan; the issue sets no target for it)", name_rows, target_ms=None)


if __name__ == "__main__":
    main()
