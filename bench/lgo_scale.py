"""`make bench-lgos`: the same pages with the 2 demo LGOs and with a country's 7,850 LGOs (issue 16, item 5).

1. A base database (BENCH_LGOS_BASE_URL, default thongthin_lgoscale_base: migrated, the demo LGOs loaded once, kept
   between runs) is copied to the run's database (BENCH_LGOS_DATABASE_URL, default thongthin_lgoscale_run; made
   afresh each run with PostgreSQL's CREATE DATABASE ... TEMPLATE, seconds). Redis: BENCH_LGOS_REDIS_URL (default
   redis://127.0.0.1:6379/4), flushed at the start.
2. With the 2 demo LGOs it measures, on the demo LGO เทศบาลตำบลหนองแก้ว:
   - in-process (production settings): host→site resolution (Django's host check against ALLOWED_HOSTS, the site
     id, the LGO) per request, and the URLs of 40 pages (Wagtail's site root paths);
   - in-process through the whole stack (Django's test client): queries and rows fetched per page;
   - over HTTP (gunicorn -w 2 sync, production settings, wrk -t2 -c8, beside a hello-world in the same phase):
     home uncached, home page-cache hit, the LGO administrator's dashboard (/admin/), the superuser's LGO list;
   - the resident memory of each application worker after serving those pages.
   ALLOWED_HOSTS names no LGO host, so every request's host is checked against the sites (organizations.hosts).
3. Adds LGOs up to BENCH_LGOS_COUNT (default 7,850) in bulk (organizations.bulk.clone_organizations: copies of
   an LGO as create_organization makes it, or of BENCH_LGOS_TEMPLATE, e.g. DSK with its Thai and English trees)
   and prints how long that took.
4. Measures everything again and prints both side by side: each page's req/s as a ratio to the hello-world of its
   own phase (the machine is shared; ratios within a phase are the figure), and 7,850 ÷ 2 of those ratios
   (target ≥ 0.90: no page more than 10 % slower), the query and row counts (target: equal).

Usage: python bench/lgo_scale.py [--count N] [--duration SECONDS] [--workers N]
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from http_bench import Server, app_environment, fetch, parse_wrk, run_python, start_server  # noqa: E402

DEFAULT_BASE = "postgres://postgres@127.0.0.1:5432/thongthin_lgoscale_base"
DEFAULT_RUN = "postgres://postgres@127.0.0.1:5432/thongthin_lgoscale_run"
DEFAULT_REDIS = "redis://127.0.0.1:6379/4"
DEMO_PASSWORD = "bench-lgos-demo-password"


def _psql(url: str, sql: str) -> None:
    parts = urlsplit(url)
    subprocess.run(["psql", "-q", "-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U",
                    parts.username or "postgres", "-d", "postgres", "-c", sql], check=True)


def _exists(url: str) -> bool:
    parts = urlsplit(url)
    out = subprocess.run(["psql", "-tA", "-h", parts.hostname or "127.0.0.1", "-p", str(parts.port or 5432), "-U",
                          parts.username or "postgres", "-d", "postgres", "-c",
                          f"SELECT 1 FROM pg_database WHERE datname = '{parts.path.lstrip('/')}'"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip() == "1"


def prepare_base(base_url: str, env: dict[str, str]) -> None:
    """Migrate the base database and load the demo once (in a child process: this one must stay unconfigured)."""
    if _exists(base_url):
        ready = subprocess.run([sys.executable, __file__, "--check-base"], env={**env, "DATABASE_URL": base_url},
                               cwd=ROOT, check=False)
        if ready.returncode == 0:
            return
        _psql(base_url, f'DROP DATABASE "{urlsplit(base_url).path.lstrip("/")}"')
    print("Preparing the base database (migrate + the demo, once; kept for later runs) ...", flush=True)
    subprocess.run([sys.executable, __file__, "--build-base"], env={**env, "DATABASE_URL": base_url}, cwd=ROOT,
                   check=True)


def build_base() -> int:
    sys.path.insert(0, str(ROOT / "bench"))
    from benchlib import create_database

    create_database(os.environ["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from core.demo import DemoContext
    from core.management.commands.load_demo import demo_steps

    call_command("migrate", verbosity=0, interactive=False)
    call_command("compiletranslations", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    ctx = DemoContext(stdout=io.StringIO(), password=DEMO_PASSWORD)
    for module in demo_steps():
        with transaction.atomic():
            module.load(ctx)
    return 0


def check_base() -> int:
    import django

    django.setup()
    from django.db import DatabaseError

    from eservices.models import Submission
    from organizations.models import Organization

    try:
        return 0 if Organization.objects.count() == 2 and Submission.objects.exists() else 1
    except DatabaseError:  # not migrated, or half built: built again
        return 1


# --- In-process figures (this process, production settings, the run database) ----------------------------------

def in_process(targets: dict) -> dict:
    """Host→site resolution and 40 page URLs per request (µs), and queries/rows per page through the stack."""
    from django.db import connection, connections
    from django.test import Client, RequestFactory, override_settings
    from wagtail.models import Page

    from core.requestmemo import RequestMemoMiddleware
    from organizations.tenancy import current_organization

    factory = RequestFactory()
    host = targets["host"]

    def resolve(request):
        return request.get_host(), current_organization(request)

    middleware = RequestMemoMiddleware(resolve)
    figures: dict = {}
    for _ in range(50):  # warm: the first request learns the host and the site list
        middleware(factory.get("/", HTTP_HOST=host))
    rounds = 3000
    started = time.perf_counter()
    for _ in range(rounds):
        middleware(factory.get("/", HTTP_HOST=host))
    figures["host→site resolution"] = (time.perf_counter() - started) / rounds * 1e6

    pages = list(Page.objects.descendant_of(Page.objects.get(pk=targets["root_id"])).live().order_by("path")[:40])

    def urls(request):
        return [page.get_url(request) for page in pages]

    middleware = RequestMemoMiddleware(urls)
    for _ in range(20):
        middleware(factory.get("/", HTTP_HOST=host))
    rounds = 300
    started = time.perf_counter()
    for _ in range(rounds):
        middleware(factory.get("/", HTTP_HOST=host))
    figures["40 page URLs"] = (time.perf_counter() - started) / rounds * 1e6

    counts: dict[str, tuple[int, int]] = {}
    for label, path, cookie in targets["counted"]:
        client = Client(HTTP_HOST=host)
        if cookie:
            client.cookies["sessionid"] = cookie
        with override_settings(PAGE_CACHE_SECONDS=0):  # every page rendered, as the uncached server does
            client.get(path)
            counter = _RowCounter()
            with connection.execute_wrapper(counter):
                response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{label}: {path} gave HTTP {response.status_code}")
        counts[label] = (counter.queries, counter.rows)
    figures["counts"] = counts
    connections.close_all()
    print(f"  in-process: host→site {figures['host→site resolution']:.0f} µs, 40 page URLs "
          f"{figures['40 page URLs']:.0f} µs; queries/rows "
          + ", ".join(f"{label} {q}/{r}" for label, (q, r) in counts.items()), flush=True)
    return figures


class _RowCounter:
    """Queries, and the rows each SELECT returns (counted again as SELECT COUNT(*))."""

    def __init__(self) -> None:
        self.queries = 0
        self.rows = 0
        self._counting = False

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if self._counting:
            return result
        self.queries += 1
        if sql.lstrip().upper().startswith("SELECT"):
            self._counting = True
            try:
                with context["connection"].cursor() as cursor:
                    cursor.execute(f"SELECT COUNT(*) FROM ({sql}) counted", params)
                    self.rows += cursor.fetchone()[0]
            finally:
                self._counting = False
        return result


# --- HTTP figures ------------------------------------------------------------------------------------------------

def over_http(targets: dict, env: dict[str, str], args, drive, extra_pages: list | None = None) -> dict:
    """req/s and p99 per page, beside the hello-world in the same phase, and the workers' memory afterwards."""
    port = args.port
    servers: dict[str, Server] = {}
    results: dict[str, tuple[float, float]] = {}
    host_header = {"Host": targets["host"]}
    try:
        servers["hello"] = start_server("hello", "hello_wsgi:application", port, env, "sync", args.workers)
        servers["uncached"] = start_server("uncached", "config.wsgi:application", port + 1,
                                           {**env, "PAGE_CACHE_SECONDS": "0"}, "sync", args.workers)
        servers["cached"] = start_server("cached", "config.wsgi:application", port + 2, env, "sync", args.workers)
        pages = [
            ("hello-world", "hello", "/", {}),
            ("home (uncached)", "uncached", "/", host_header),
            ("home (page-cache hit)", "cached", "/", host_header),
            ("LGO admin dashboard /admin/", "uncached", "/admin/",
             {**host_header, "Cookie": f"sessionid={targets['officer_session']}"}),
            ("superuser's LGO list", "uncached", "/admin/lgo/profile/",
             {**host_header, "Cookie": f"sessionid={targets['superuser_session']}"}),
            *(extra_pages or []),
        ]
        for label, server, path, headers in pages:
            url = servers[server].base + path
            status, _response_headers, _body = fetch(url, headers=headers)
            if status != 200:
                raise SystemExit(f"{label}: {url} gave HTTP {status}")
            if server == "cached":
                fetch(url, headers=headers)
                if fetch(url, headers=headers)[1].get("x-page-cache") != "hit":
                    raise SystemExit(f"{label}: not served from the page cache")
            drive(url, max(2, args.duration // 4), headers)
            figure = drive(url, args.duration, headers)
            if figure.errors:
                raise SystemExit(f"{label}: {figure.errors} failed requests")
            results[label] = (figure.requests_per_second, figure.p99_ms)
            print(f"  {label:<36} {figure.requests_per_second:>8.0f} req/s  p99 {figure.p99_ms:>7.1f} ms", flush=True)
        memory = servers["uncached"].worker_rss_mb() + servers["cached"].worker_rss_mb()
    finally:
        for server in servers.values():
            server.stop()
    return {"http": results, "memory": memory, "load": os.getloadavg()[0]}


def targets_for() -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from organizations.models import Organization

    organization = Organization.objects.select_related("site").get(code="NKW")
    sessions = {}
    for name in ("nkw-admin", "admin"):
        client = Client()
        client.force_login(get_user_model().objects.get(username=name))
        sessions[name] = client.cookies["sessionid"].value
    host = organization.site.hostname
    return {
        "host": host,
        "root_id": organization.site.root_page_id,
        "officer_session": sessions["nkw-admin"],
        "superuser_session": sessions["admin"],
        "counted": [("home (uncached)", "/", None), ("news index (uncached)", "/news/", None),
                    ("LGO admin dashboard /admin/", "/admin/", sessions["nkw-admin"]),
                    ("superuser's LGO list", "/admin/lgo/profile/", sessions["admin"]),
                    ("superuser's dashboard /admin/", "/admin/", sessions["admin"])],
    }


def _template():
    """The LGO copied: BENCH_LGOS_TEMPLATE names an LGO by code (DSK: the demo's second LGO, ~110 pages in Thai and
    English); by default a new LGO as `create_organization` makes it (home page, site, departments, groups,
    workflow), so that 7,850 of them are added in minutes on a shared machine (DSK's copies take ~45 minutes here:
    ~860,000 pages at ~340 pages/s under load 11)."""
    from organizations.constants import OrganizationKind
    from organizations.models import Organization
    from organizations.services import NewOrganization, create_organization

    code = os.environ.get("BENCH_LGOS_TEMPLATE", "")
    if code:
        return Organization.objects.select_related("site").get(code=code)
    return create_organization(NewOrganization(
        code="TEMPLATE", kind=OrganizationKind.SAO, name_th="องค์การบริหารส่วนตำบลต้นแบบ", name_en="Template SAO",
        dla_code="1999999", province="ขอนแก่น", district="เมืองขอนแก่น", hostname="template.bench.test"))


def add_lgos(count: int) -> tuple[int, float]:
    """Bulk-copy the demo's second LGO until there are `count` LGOs; (LGOs added, seconds)."""
    from django.db import connections

    from organizations.bulk import clone_organizations
    from organizations.constants import OrganizationKind
    from organizations.models import Organization
    from organizations.services import NewOrganization

    template = _template()
    existing = Organization.objects.count()
    wanted = max(0, count - existing)
    started = time.perf_counter()
    batch = 2000
    for start in range(0, wanted, batch):
        rows = [NewOrganization(code=f"L{n:05d}", kind=OrganizationKind.SAO, name_th=f"องค์การบริหารส่วนตำบลที่ {n}",
                                name_en=f"SAO number {n}", dla_code=f"{1000000 + n:07d}", province="ขอนแก่น",
                                district="เมืองขอนแก่น", hostname=f"lgo{n}.bench.test")
                for n in range(start + 1, min(wanted, start + batch) + 1)]
        clone_organizations(template, rows)
        print(f"  {start + len(rows):,} of {wanted:,} LGOs added ({time.perf_counter() - started:.0f} s)", flush=True)
    connections.close_all()
    return wanted, time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=int(os.environ.get("BENCH_LGOS_COUNT", "7850")))
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_LGOS_SECONDS", "8")))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_LGOS_PORT", "8240")))
    parser.add_argument("--build-base", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--check-base", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_base:
        return build_base()
    if args.check_base:
        return check_base()
    started = time.monotonic()
    base_url = os.environ.get("BENCH_LGOS_BASE_URL", DEFAULT_BASE)
    run_url = os.environ.get("BENCH_LGOS_DATABASE_URL", DEFAULT_RUN)
    redis_url = os.environ.get("BENCH_LGOS_REDIS_URL", DEFAULT_REDIS)
    var = ROOT / "var" / "bench-lgos"
    var.mkdir(parents=True, exist_ok=True)
    env = {**app_environment(run_url, redis_url), "ALLOWED_HOSTS": "lgo-bench.invalid",
           "DEMO_PASSWORD": DEMO_PASSWORD, "MEDIA_ROOT": str(var / "media"),
           "PRIVATE_MEDIA_ROOT": str(var / "private"), "STATIC_ROOT": str(var / "static")}
    prepare_base(base_url, {**env, "DATABASE_URL": base_url})
    if _exists(run_url):
        _psql(run_url, f'DROP DATABASE "{urlsplit(run_url).path.lstrip("/")}"')
    _psql(run_url, f'CREATE DATABASE "{urlsplit(run_url).path.lstrip("/")}" TEMPLATE '
                   f'"{urlsplit(base_url).path.lstrip("/")}"')
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    os.environ.update(env)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    from django.db import connections

    from organizations.models import Organization

    drive, tool = ((run_wrk, f"wrk -t2 -c{os.environ.get('BENCH_LGOS_CONNECTIONS', '8')}") if _has_wrk()
                   else (run_python, "Python load generator (no wrk)"))
    phases: dict[int, dict] = {}
    targets = targets_for()
    lgos = Organization.objects.count()
    connections.close_all()
    print(f"\n== {lgos} LGOs (load {os.getloadavg()[0]:.1f})", flush=True)
    phases[lgos] = {**in_process(targets), **over_http(targets, env, args, drive)}
    added, seconds = add_lgos(args.count)
    lgos_after = Organization.objects.count()
    connections.close_all()
    print(f"\nAdded {added:,} LGOs in bulk in {seconds:.0f} s; now {lgos_after:,} LGOs.", flush=True)
    print(f"\n== {lgos_after:,} LGOs (load {os.getloadavg()[0]:.1f})", flush=True)
    copied = [("a copied LGO's home (uncached)", "uncached", "/", {"Host": "lgo1.bench.test"})]
    phases[lgos_after] = {**in_process(targets), **over_http(targets, env, args, drive, copied)}
    text = report(phases, lgos, lgos_after, added, seconds, tool, args, time.monotonic() - started)
    print("\n" + text)
    (var / "last-run.md").write_text(text + "\n")
    print(f"\nSaved to {var / 'last-run.md'}")
    return 0


def run_wrk(url: str, seconds: int, headers: dict[str, str]):
    """wrk with BENCH_LGOS_CONNECTIONS connections (default 8): 2 sync workers serve 2 requests at a time, so more
    connections only queue (an admin page at -c32 on a loaded machine waits past wrk's timeout) without changing
    the throughput compared."""
    connections = os.environ.get("BENCH_LGOS_CONNECTIONS", "8")
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "30s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    return parse_wrk(subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout)


def _has_wrk() -> bool:
    import shutil

    return shutil.which("wrk") is not None


def report(phases: dict, few: int, many: int, added: int, seconds: float, tool: str, args, total: float) -> str:
    a, b = phases[few], phases[many]
    lines = [f"# make bench-lgos: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {tool}, gunicorn -w "
             f"{args.workers} sync, load average {a['load']:.1f} → {b['load']:.1f}",
             f"\n{added:,} LGOs added in bulk in {seconds:.0f} s ({added / max(seconds, 0.001):.0f} LGOs/s).", "",
             f"| page | req/s, {few} LGOs | ÷ hello | req/s, {many:,} LGOs | ÷ hello | {many:,} ÷ {few} | p99 ms "
             f"({few} → {many:,}) |", "|---|---|---|---|---|---|---|"]
    hello_a, hello_b = a["http"]["hello-world"][0], b["http"]["hello-world"][0]
    for label, (rps_b, p99_b) in b["http"].items():
        rps_a, p99_a = a["http"].get(label, (None, None))
        if label == "hello-world" or rps_a is None:
            lines.append(f"| {label} | {rps_a or '–'} | | {rps_b:,.0f} | {rps_b / hello_b:.3f} | | {p99_b:.1f} |")
            continue
        ratio = (rps_b / hello_b) / (rps_a / hello_a) if rps_a else float("nan")
        lines.append(f"| {label} | {rps_a:,.0f} | {rps_a / hello_a:.3f} | {rps_b:,.0f} | {rps_b / hello_b:.3f} | "
                     f"**{ratio:.2f}** | {p99_a:.1f} → {p99_b:.1f} |")
    lines += ["", f"| in-process, per request | {few} LGOs | {many:,} LGOs |", "|---|---|---|"]
    for label in ("host→site resolution", "40 page URLs"):
        lines.append(f"| {label} | {a[label]:.0f} µs | {b[label]:.0f} µs |")
    lines += ["", f"| page (test client, whole stack) | queries / rows, {few} LGOs | queries / rows, {many:,} LGOs |",
              "|---|---|---|"]
    for label, (queries, rows) in a["counts"].items():
        queries_b, rows_b = b["counts"][label]
        lines.append(f"| {label} | {queries} / {rows} | {queries_b} / {rows_b} |")
    lines.append("\nresident memory per application worker after the pages: "
                 f"{few} LGOs {', '.join(f'{m:.0f}' for m in a['memory'])} MB; "
                 f"{many:,} LGOs {', '.join(f'{m:.0f}' for m in b['memory'])} MB")
    lines.append(f"\n(run took {total:.0f} s)")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
