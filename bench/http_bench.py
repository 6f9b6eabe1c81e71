"""`make bench-http`: the pages as a visitor gets them over HTTP, beside a Django hello-world in the same run.

In-process timings (`make bench`) leave out the WSGI server, sockets, every middleware and the cost of Redis and
PostgreSQL round trips; this measures the real thing. It

1. prepares its own PostgreSQL database (BENCH_HTTP_DATABASE_URL, default thongthin_bench_http: migrated, the demo
   LGOs loaded once and kept between runs) and flushes its own Redis database (BENCH_HTTP_REDIS_URL, default
   redis://127.0.0.1:6379/13);
2. starts, per worker class (sync, then gthread), three gunicorns with the same worker count: the hello-world
   (bench/hello_wsgi.py), the application with production settings and the page cache off (PAGE_CACHE_SECONDS=0:
   every request renders), and the application with the page cache on;
3. drives each page with wrk (`-t2 -c32`, the issue's yardstick) after a short warm-up, and prints req/s, p50, p99
   and the ratio to the hello-world's req/s of the same run; plus the resident memory of each application worker.

Pages: home, news index, a service page, the e-service catalogue, /track/ (a form), the tracking result page (a
case's signed link), a step of the application form (a citizen's own draft: session cookie) and the officer's
inbox (signed in), uncached; home, news index, catalogue and a service-less standard page as page-cache hits.
Without wrk (apt install wrk) a Python load generator does the driving and the output says so: its figures are far
lower than wrk's (the generator competes for the same two cores), so only its ratios mean anything.

The machine is shared: absolute figures move from minute to minute, ratios from one run are the figure to quote.
Usage: python bench/http_bench.py [--duration SECONDS] [--workers N] [--classes sync,gthread] [--only home,news]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var" / "bench-http"
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/thongthin_bench_http"
DEFAULT_REDIS = "redis://127.0.0.1:6379/13"
HOST = "127.0.0.1"


def app_environment(database_url: str, redis_url: str) -> dict[str, str]:
    """Production settings, as the README deploys them, minus the HTTPS redirect (wrk speaks plain HTTP)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "bench-http-secret-key-not-for-production-" + "0123456789" * 2,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PAYMENT_WEBHOOK_SECRET": "bench-http-webhook-secret-0123456789abcdef",
        "DATABASE_URL": database_url,
        "DB_CONN_MAX_AGE": "60",
        "REDIS_URL": redis_url,
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        "MEDIA_ROOT": str(VAR / "media"),
        "PRIVATE_MEDIA_ROOT": str(VAR / "private"),
        "STATIC_ROOT": str(VAR / "static"),
        "TASKS_BACKEND": "immediate",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DEMO_PASSWORD": "bench-http-demo-password",
    }


# --- Preparing the database (in this process, with the application's settings) ---------------------------------

def prepare(env: dict[str, str]) -> dict:
    """Migrate, load the demo once, collect static files; return the pages to drive and a signed-in officer."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from benchlib import create_database

    create_database(env["DATABASE_URL"])
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("compiletranslations", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest must name every file of this tree
    _seed()
    return _targets()


def _seed() -> None:
    """The demo LGOs with their website, services, cases, payments and fees (kept between runs)."""
    import io

    from django.db import transaction

    from core.demo import DemoContext
    from core.management.commands.load_demo import demo_steps
    from eservices.models import Submission

    if Submission.objects.exists():
        return
    print("Loading the demo into the bench database (once; kept for later runs) ...", flush=True)
    ctx = DemoContext(stdout=io.StringIO(), password=os.environ["DEMO_PASSWORD"])
    for module in demo_steps():
        if module.__name__ == "saraban.demo":  # correspondence is not on any page measured here
            continue
        with transaction.atomic():
            module.load(ctx)


def _targets() -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from eservices.models import ServiceIndexPage, ServicePage, Submission
    from home.models import HomePage, NewsIndexPage, StandardPage
    from organizations.models import Organization

    organization = Organization.objects.get(code="NKW")
    root = HomePage.objects.get(pk=organization.site.root_page_id)

    def path_of(model, **filters) -> str:
        page = model.objects.live().descendant_of(root).filter(**filters).order_by("path").first()
        return page.get_url_parts()[2]

    service = ServicePage.objects.live().descendant_of(root).filter(online_filing=True).order_by("path").first()
    case = Submission.objects.filter(organization=organization).order_by("pk").first()
    officer = get_user_model().objects.get(username="nkw-admin")
    client = Client()
    client.force_login(officer)
    return {
        "home": "/",
        "news": path_of(NewsIndexPage),
        "service": service.get_url_parts()[2],
        "service_id": service.pk,
        "catalogue": path_of(ServiceIndexPage),
        "standard": path_of(StandardPage),
        "track": "/track/",
        "tracking_result": f"/track/{case.tracking_token}/",
        "inbox": "/admin/eservices/cases/",
        "officer_cookie": f"sessionid={client.cookies['sessionid'].value}",
    }


# --- Servers ---------------------------------------------------------------------------------------------------

@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def worker_rss_mb(self) -> list[float]:
        out = subprocess.run(["ps", "-o", "rss=", "--ppid", str(self.process.pid)], capture_output=True, text=True)
        return [int(line) / 1024 for line in out.stdout.split()]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def start_server(name: str, app: str, port: int, env: dict[str, str], worker_class: str, workers: int) -> Server:
    command = [str(Path(sys.executable).parent / "gunicorn"), app, "--bind", f"{HOST}:{port}", "--workers",
               str(workers), "--worker-class", worker_class, "--log-level", "warning", "--timeout", "120"]
    if worker_class == "gthread":
        command += ["--threads", "4"]
    if app.startswith("hello_wsgi"):
        command += ["--chdir", str(ROOT / "bench")]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    server = Server(name, port, process)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn for {name} exited with {process.returncode}")
        try:
            status, _headers, _body = fetch(server.base + "/", timeout=5)
            if status < 500:
                return server
        except OSError:
            time.sleep(0.3)
    server.stop()
    raise SystemExit(f"gunicorn for {name} did not answer on port {port}")


def fetch(url: str, *, method: str = "GET", headers: dict | None = None, body: str | None = None,
          timeout: float = 30) -> tuple[int, dict[str, str], bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    all_headers = {}
    for name, value in response.getheaders():
        all_headers.setdefault(name.lower(), []).append(value)
    connection.close()
    return response.status, {k: ", ".join(v) for k, v in all_headers.items()}, data


def citizen_draft(server: Server, service_path: str, service_id: int) -> tuple[str, str]:
    """Start an application as a citizen does (GET the service page, POST its start button): the first step's
    path and the cookies naming the draft."""
    status, headers, body = fetch(server.base + service_path)
    cookie = re.search(r"csrftoken=([^;]+)", headers.get("set-cookie", ""))
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or not cookie or not token:
        raise SystemExit(f"the service page {service_path} gave {status} without a CSRF token")
    cookies = f"csrftoken={cookie.group(1)}"
    status, headers, _ = fetch(
        server.base + f"/e-service/{service_id}/apply/", method="POST",
        body=f"csrfmiddlewaretoken={token.group(1).decode()}",
        headers={"Cookie": cookies, "Content-Type": "application/x-www-form-urlencoded",
                 "Referer": server.base + service_path})
    session = re.search(r"sessionid=([^;]+)", headers.get("set-cookie", ""))
    if status != 302 or not session:
        raise SystemExit(f"starting an application gave {status}")
    return urlsplit(headers["location"]).path, f"{cookies}; sessionid={session.group(1)}"


# --- Load ----------------------------------------------------------------------------------------------------------

@dataclass
class Figure:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def run_wrk(url: str, seconds: int, headers: dict[str, str]) -> Figure:
    command = ["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    return parse_wrk(subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout)


def parse_wrk(out: str) -> Figure:
    """req/s, p50, p99 and failed requests (non-2xx/3xx answers and timeouts) from `wrk --latency` output."""
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"\s50%\s+(\S+)", out).group(1))
    p99 = _ms(re.search(r"\s99%\s+(\S+)", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    failed = re.search(r"Socket errors:.*?timeout (\d+)", out)
    return Figure(rps, p50, p99, (int(bad.group(1)) if bad else 0) + (int(failed.group(1)) if failed else 0))


def run_python(url: str, seconds: int, headers: dict[str, str]) -> Figure:
    """The fallback when wrk is missing: 32 keep-alive connections from threads (slower than wrk; ratios only)."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    latencies: list[float] = []
    errors = [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def worker() -> None:
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        mine = []
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status >= 400:
                    errors[0] += 1
            except OSError:
                errors[0] += 1
                connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
                continue
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    count = len(latencies) or 1
    return Figure(len(latencies) / seconds, latencies[count // 2] if latencies else 0,
                  latencies[min(count - 1, int(count * 0.99))] if latencies else 0, errors[0])


@dataclass
class Page:
    label: str
    server: str  # "hello", "uncached" or "cached"
    path: str
    headers: dict[str, str]
    expect: int = 200


def measure(pages: list[Page], servers: dict[str, Server], seconds: int, drive) -> list[tuple[Page, Figure]]:
    results = []
    for page in pages:
        url = servers[page.server].base + page.path
        status, headers, _ = fetch(url, headers=page.headers)
        if status != page.expect:
            raise SystemExit(f"{page.label}: {url} gave HTTP {status}, expected {page.expect}")
        if page.server == "cached":
            # Each worker learns the host's site on its first request, so the first few may miss: a worker that
            # has not served yet is not a broken cache. Six misses in a row are.
            for _attempt in range(6):
                status, headers, _ = fetch(url, headers=page.headers)
                if headers.get("x-page-cache") == "hit":
                    break
            if headers.get("x-page-cache") != "hit":
                raise SystemExit(f"{page.label}: {url} was not served from the page cache")
        drive(url, max(2, seconds // 4), page.headers)  # warm-up: templates, connections, fragment caches
        figure = drive(url, seconds, page.headers)
        results.append((page, figure))
        print(f"  {page.label:<34} {figure.requests_per_second:>9.0f} req/s  p50 {figure.p50_ms:>7.1f} ms  "
              f"p99 {figure.p99_ms:>7.1f} ms" + (f"  ({figure.errors} errors)" if figure.errors else ""), flush=True)
    return results


def report(worker_class: str, results: list[tuple[Page, Figure]], memory: dict[str, list[float]]) -> list[str]:
    hello = next(figure for page, figure in results if page.server == "hello").requests_per_second
    lines = [f"\n### {worker_class} workers (hello-world {hello:,.0f} req/s)", "",
             "| page | req/s | p50 ms | p99 ms | ÷ hello-world |", "|---|---|---|---|---|"]
    for page, figure in results:
        lines.append(f"| {page.label} | {figure.requests_per_second:,.0f} | {figure.p50_ms:.1f} | "
                     f"{figure.p99_ms:.1f} | {figure.requests_per_second / hello:.3f} |"
                     + (f" {figure.errors} errors" if figure.errors else ""))
    for name, sizes in memory.items():
        lines.append(f"\nresident memory per {name} worker after the run: "
                     + ", ".join(f"{size:.0f} MB" for size in sizes))
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=int(os.environ.get("BENCH_HTTP_SECONDS", "8")))
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--classes", default="sync,gthread")
    parser.add_argument("--only", default="", help="comma-separated page labels' first words (e.g. home,news)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_HTTP_PORT", "8200")))
    args = parser.parse_args()
    started = time.monotonic()

    database_url = os.environ.get("BENCH_HTTP_DATABASE_URL", DEFAULT_DB)
    redis_url = os.environ.get("BENCH_HTTP_REDIS_URL", DEFAULT_REDIS)
    env = app_environment(database_url, redis_url)
    VAR.mkdir(parents=True, exist_ok=True)
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    targets = prepare(env)
    from django.db import connections

    connections.close_all()

    drive = run_wrk
    tool = "wrk -t2 -c32"
    if not shutil.which("wrk"):
        subprocess.run(["sudo", "-n", "apt-get", "install", "-y", "-q", "wrk"], capture_output=True, check=False)
    if not shutil.which("wrk"):
        drive, tool = run_python, "Python load generator (wrk is missing: apt install wrk) — ratios only"
    print(f"Driving with {tool}, {args.duration} s per page, gunicorn --workers {args.workers}; database "
          f"{database_url}, Redis {redis_url}. Machine load now: {os.getloadavg()[0]:.1f}", flush=True)

    lines = [f"# make bench-http: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {tool}, "
             f"gunicorn -w {args.workers}, load average at start {os.getloadavg()[0]:.1f}"]
    uncached_env = {**env, "PAGE_CACHE_SECONDS": "0"}
    for worker_class in args.classes.split(","):
        print(f"\n== {worker_class} workers", flush=True)
        servers: dict[str, Server] = {}
        try:
            servers["hello"] = start_server("hello", "hello_wsgi:application", args.port, env, worker_class,
                                            args.workers)
            servers["uncached"] = start_server("uncached", "config.wsgi:application", args.port + 1, uncached_env,
                                               worker_class, args.workers)
            servers["cached"] = start_server("cached", "config.wsgi:application", args.port + 2, env, worker_class,
                                             args.workers)
            step_path, citizen_cookie = citizen_draft(servers["uncached"], targets["service"], targets["service_id"])
            officer = {"Cookie": targets["officer_cookie"]}
            pages = [
                Page("hello-world", "hello", "/", {}),
                Page("home (uncached)", "uncached", targets["home"], {}),
                Page("news index (uncached)", "uncached", targets["news"], {}),
                Page("service page (uncached)", "uncached", targets["service"], {}),
                Page("catalogue (uncached)", "uncached", targets["catalogue"], {}),
                Page("track form /track/", "uncached", targets["track"], {}),
                Page("tracking result", "uncached", targets["tracking_result"], {}),
                Page("form step (citizen's draft)", "uncached", step_path, {"Cookie": citizen_cookie}),
                Page("admin inbox (signed in)", "uncached", targets["inbox"], officer),
                Page("home (page-cache hit)", "cached", targets["home"], {}),
                Page("news index (page-cache hit)", "cached", targets["news"], {}),
                Page("catalogue (page-cache hit)", "cached", targets["catalogue"], {}),
                Page("standard page (page-cache hit)", "cached", targets["standard"], {}),
                Page("home ?utm_source=line (hit)", "cached", targets["home"] + "?utm_source=line&fbclid=x", {}),
            ]
            if args.only:
                wanted = tuple(args.only.split(","))
                pages = [p for p in pages if p.server == "hello" or p.label.split(" ")[0].startswith(wanted)]
            results = measure(pages, servers, args.duration, drive)
            memory = {"application": servers["uncached"].worker_rss_mb() + servers["cached"].worker_rss_mb(),
                      "hello-world": servers["hello"].worker_rss_mb()}
            lines += report(worker_class, results, memory)
        finally:
            for server in servers.values():
                server.stop()
    lines.append(f"\n(run took {time.monotonic() - started:.0f} s)")
    text = "\n".join(lines)
    print("\n" + text)
    (VAR / "last-run.md").write_text(text + "\n")
    print(f"\nSaved to {VAR / 'last-run.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
