"""`make bench-filing`: citizens filing e-service requests over real HTTP, then a check that none was lost.

`make bench-http` measures single pages with wrk; wrk cannot walk a multi-step form. Here a Python load generator
plays many concurrent citizens, each with its own cookie jar, through the whole path as a browser does it:

    GET the service page (CSRF cookie and token) → POST "start" → for each step: GET it, POST its form
    (multipart, as the browser sends it, with the page's own CSRF token and input names) → GET check-your-answers
    → POST it (files the case) → GET the confirmation page and read the reference from it.

The application runs under gunicorn (default 4 sync workers) with production settings on PostgreSQL and Redis
(`bench/http_bench.py`'s `app_environment`; its own database BENCH_FILING_DATABASE_URL, default
thongthin_filing_bench, and Redis BENCH_FILING_REDIS_URL, default db 6), TASKS_BACKEND=database as production runs it
(e-mails are queued as task rows for `db_worker`, which this bench does not run). A one-view Django hello-world is
driven by the same generator in the same run, so the figure to quote is the ratio, not the absolute rate.

The generator competes with gunicorn, PostgreSQL and Redis for this machine's two cores: its own CPU time is
measured and printed beside the figures (and the machine's load average). After the run the database is checked:
every case whose confirmation page a citizen saw exists with that reference, no reference is duplicated, and each
LGO's yearly reference sequence is gap-free (1..counter, every number used once).

Usage: python bench/http_filing.py [--duration S] [--citizens N] [--processes N] [--workers N]
       [--worker-class sync|gthread] [--service SLUG] [--profile]
`--profile` runs one gunicorn worker under cProfile for the run and prints where a filing's time goes.
"""

from __future__ import annotations

import argparse
import http.client
import multiprocessing
import os
import re
import secrets
import sys
import threading
import time
from collections import Counter as Tally
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
from http_bench import HOST, VAR, Server, app_environment, prepare, start_server

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/thongthin_filing_bench"
DEFAULT_REDIS = "redis://127.0.0.1:6379/6"
DEFAULT_SERVICE = "general-request"  # three steps (applicant, the request, attachments + declaration)

#: What a citizen types, by input name; inputs not listed get a value by their type (`_fill`).
ANSWERS = {
    "applicant_name": "นางสมศรี มีสุข", "phone": "0812345678", "email": "somsri@example.com",
    "national_id": "3570100234561", "subject": "ขอให้ติดตั้งไฟส่องสว่างซอย 5",
    "details": "ซอย 5 มืดมากตอนกลางคืน", "wanted": "ติดตั้งไฟถนน 3 ต้น",
}


# --- One citizen --------------------------------------------------------------------------------------------------

class FormParser(HTMLParser):
    """The inputs of the page's POST forms (name, type, value, options), the browser's view of a form."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "title":
            self._in_title = True
        if tag == "form" and a.get("method", "get").lower() == "post" and "hidden" not in a:
            self._form = {"action": a.get("action", ""), "fields": []}
            self.forms.append(self._form)
        if self._form is None or "name" not in a:
            return
        if tag == "input":
            self._form["fields"].append({"name": a["name"], "type": a.get("type", "text").lower(),
                                         "value": a.get("value", ""), "checked": "checked" in a})
        elif tag == "select":
            self._select = a["name"]
            self._form["fields"].append({"name": a["name"], "type": "select", "options": []})
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form["fields"].append({"name": a["name"], "type": "textarea", "value": ""})

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


class _OptionAware(FormParser):
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "option" and self._form is not None and self._select:
            a = {k: v or "" for k, v in attrs}
            self._form["fields"][-1]["options"].append(a.get("value", ""))
            return
        super().handle_starttag(tag, attrs)


def parse_forms(html: bytes) -> tuple[list[dict], str]:
    parser = _OptionAware()
    parser.feed(html.decode("utf-8", "replace"))
    return parser.forms, parser.title.strip()


def _fill(fields: list[dict], serial: int) -> list[tuple[str, str | None]]:
    """The pairs a browser would post for this form, answered as a citizen would: listed answers by name, the
    first real option of a choice, every declaration ticked; an empty file input is sent as an empty file part."""
    pairs: list[tuple[str, str | None]] = []
    seen_radio: set[str] = set()
    for f in fields:
        name, kind = f["name"], f["type"]
        base = name.split("_")[-1] if name not in ANSWERS else name
        if kind in ("submit", "button", "reset"):
            continue
        if kind == "hidden":
            pairs.append((name, f["value"]))
        elif kind == "file":
            pairs.append((name, None))
        elif kind == "checkbox":
            pairs.append((name, f["value"] or "on"))
        elif kind == "radio":
            if name not in seen_radio:
                seen_radio.add(name)
                pairs.append((name, f["value"]))
        elif kind == "select":
            options = [o for o in f["options"] if o]
            pairs.append((name, options[0] if options else ""))
        elif name in ANSWERS:
            pairs.append((name, ANSWERS[name] if name != "applicant_name" else f"{ANSWERS[name]} {serial}"))
        elif kind == "date":
            pairs.append((name, "2026-12-20"))
        elif kind in ("number",) or base in ("postcode",):
            pairs.append((name, "57000" if base == "postcode" else "3"))
        elif kind == "email":
            pairs.append((name, ANSWERS["email"]))
        elif kind == "tel":
            pairs.append((name, ANSWERS["phone"]))
        else:
            pairs.append((name, {"lat": "", "lng": ""}.get(base, f"ทดสอบ {base}")))
    return pairs


def multipart(pairs: list[tuple[str, str | None]]) -> tuple[bytes, str]:
    boundary = "----thongthinbench" + secrets.token_hex(8)
    chunks = []
    for name, value in pairs:
        if value is None:
            chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename=""\r\n'
                          f"Content-Type: application/octet-stream\r\n\r\n\r\n")
        else:
            chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n')
    chunks.append(f"--{boundary}--\r\n")
    return "".join(chunks).encode(), f"multipart/form-data; boundary={boundary}"


class Failure(Exception):
    pass


@dataclass
class Citizen:
    """A browser: its own cookie jar, one request after another on a new connection (gunicorn's sync workers
    close every connection)."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)
    requests: int = 0

    def request(self, method: str, path: str, body: bytes | None = None, content_type: str = "",
                referer: str = "") -> tuple[int, str, bytes]:
        headers = {"Host": f"{HOST}:{self.port}", "Accept-Language": "th"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        if referer:
            headers["Referer"] = f"http://{HOST}:{self.port}{referer}"
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    cookie = value.split(";", 1)[0]
                    key, _, val = cookie.partition("=")
                    if val and "max-age=0" not in value.lower():
                        self.cookies[key.strip()] = val.strip()
                    else:
                        self.cookies.pop(key.strip(), None)
            location = response.getheader("Location", "")
        finally:
            connection.close()
        self.requests += 1
        return response.status, urlsplit(location).path + (f"?{urlsplit(location).query}"
                                                            if urlsplit(location).query else ""), data


def file_one(citizen: Citizen, service_path: str, serial: int) -> tuple[str, str, int]:
    """One citizen (a fresh browser: `Citizen`, or the test client in tests) files one request, following each
    page's own form; returns (reference, tracking token, HTTP requests made). Raises Failure."""
    status, _, page = citizen.request("GET", service_path)
    forms, _ = parse_forms(page)
    start = next((f for f in forms if "/apply/" in f["action"]), None)
    if status != 200 or start is None:
        raise Failure(f"service page {service_path}: HTTP {status}")
    status, location, _ = citizen.request("POST", start["action"], urlencode(_fill(start["fields"], serial)).encode(),
                                          "application/x-www-form-urlencoded", referer=service_path)
    if status != 302:
        raise Failure(f"start: HTTP {status}")
    for _ in range(20):  # the steps, then check-your-answers
        path = location
        status, _, page = citizen.request("GET", path)
        if status != 200:
            raise Failure(f"GET {path}: HTTP {status}")
        forms, title = parse_forms(page)
        form = forms[0] if forms else None
        if form is None:
            raise Failure(f"{path}: no form")
        action = path if not form["action"] or form["action"].startswith("?") else form["action"]
        if form["action"].startswith("?"):
            action = path.split("?")[0] + form["action"]
        body, content_type = (multipart(_fill(form["fields"], serial)) if "/step/" in path else
                              (urlencode(_fill(form["fields"], serial)).encode(), "application/x-www-form-urlencoded"))
        status, location, page = citizen.request("POST", action, body, content_type, referer=path)
        if status != 302:
            raise Failure(f"POST {path}: HTTP {status} {title!r} {page[:200]!r}")
        if "/e-service/done/" in location:
            break
    else:
        raise Failure("more than 20 pages without a confirmation")
    token = location.rstrip("/").rsplit("/", 1)[-1]
    status, _, page = citizen.request("GET", location)
    found = re.search(rb"[A-Z]{2,10}-\d{4}-\d{6}", page)
    if status != 200 or not found:
        raise Failure(f"confirmation {location}: HTTP {status} without a reference")
    return found.group(0).decode(), token, citizen.requests


def generator(port: int, service_path: str, citizens: int, seconds: float, start_at: float, first_serial: int,
              queue) -> None:
    """One load-generating process: `citizens` threads, each filing one request after another until time is up.
    Sends back every (reference, token) a citizen saw confirmed, the failures, latencies and this process's CPU."""
    results: list[tuple[str, str]] = []
    failures: list[str] = []
    latencies: list[float] = []
    requests = [0]
    lock = threading.Lock()
    serials = iter(range(first_serial, first_serial + 10_000_000))

    def citizen_loop() -> None:
        while time.time() < start_at:
            time.sleep(0.005)
        stop = start_at + seconds
        while time.time() < stop:
            with lock:
                serial = next(serials)
            began = time.perf_counter()
            try:
                reference, token, made = file_one(Citizen(port), service_path, serial)
            except (Failure, OSError) as exc:
                with lock:
                    failures.append(str(exc)[:300])
                continue
            finished = time.time()
            with lock:
                requests[0] += made
                if finished <= stop:
                    results.append((reference, token))
                    latencies.append(time.perf_counter() - began)
                else:  # finished after time was up: checked in the database, not counted in the rate
                    results.append((reference, token))

    threads = [threading.Thread(target=citizen_loop) for _ in range(citizens)]
    cpu = time.process_time()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    queue.put({"results": results, "failures": failures, "latencies": latencies, "requests": requests[0],
               "cpu": time.process_time() - cpu, "in_time": len(latencies)})


def drive(port: int, service_path: str, *, citizens: int, processes: int, seconds: float) -> dict:
    """Run the citizens from `processes` processes (threads share one GIL: one process cannot keep gunicorn busy)."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    start_at = time.time() + 1.0
    per = [citizens // processes + (1 if i < citizens % processes else 0) for i in range(processes)]
    procs = [context.Process(target=generator, args=(port, service_path, n, seconds, start_at, i * 10_000_000, queue))
             for i, n in enumerate(per)]
    for proc in procs:
        proc.start()
    parts = [queue.get() for _ in procs]
    for proc in procs:
        proc.join()
    merged = {"results": [], "failures": [], "latencies": [], "requests": 0, "cpu": 0.0, "in_time": 0}
    for part in parts:
        for key in ("results", "failures", "latencies"):
            merged[key] += part[key]
        for key in ("requests", "cpu", "in_time"):
            merged[key] += part[key]
    merged["latencies"].sort()
    return merged


# --- The hello-world yardstick --------------------------------------------------------------------------------

def hello(port: int, *, citizens: int, processes: int, seconds: float) -> tuple[float, float]:
    """GET the hello-world from the same generator (same threads and processes): (req/s, generator CPU s)."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    start_at = time.time() + 1.0
    per = [citizens // processes + (1 if i < citizens % processes else 0) for i in range(processes)]

    def run(n: int) -> None:
        count = [0]
        lock = threading.Lock()

        def loop() -> None:
            while time.time() < start_at:
                time.sleep(0.005)
            citizen = Citizen(port)
            mine = 0
            while time.time() < start_at + seconds:
                status, _, _ = citizen.request("GET", "/")
                mine += status == 200
            with lock:
                count[0] += mine

        cpu = time.process_time()
        threads = [threading.Thread(target=loop) for _ in range(n)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        queue.put((count[0], time.process_time() - cpu))

    procs = [context.Process(target=run, args=(n,)) for n in per]
    for proc in procs:
        proc.start()
    parts = [queue.get() for _ in procs]
    for proc in procs:
        proc.join()
    return sum(p[0] for p in parts) / seconds, sum(p[1] for p in parts)


# --- Checking the database ------------------------------------------------------------------------------------

def verify(confirmed: list[tuple[str, str]], since_pk: int) -> list[str]:
    """Zero loss and gap-free references: returns the problems found (empty when all is well)."""
    from core.models import Counter
    from eservices.models import Submission

    problems = []
    tokens = {token: reference for reference, token in confirmed}
    if len(tokens) != len(confirmed):
        problems.append(f"{len(confirmed) - len(tokens)} confirmation pages repeated a tracking token")
    stored = dict(Submission.objects.filter(tracking_token__in=list(tokens)).values_list("tracking_token", "reference"))
    missing = [t for t in tokens if t not in stored]
    wrong = [t for t, ref in tokens.items() if t in stored and stored[t] != ref]
    if missing:
        problems.append(f"{len(missing)} confirmed cases are not in the database")
    if wrong:
        problems.append(f"{len(wrong)} confirmed cases show another reference than the database's")
    new = Submission.objects.filter(pk__gt=since_pk).count()
    if new != len(confirmed):
        problems.append(f"{new} cases were filed but citizens saw {len(confirmed)} confirmations")
    shown = Tally(reference for reference, _ in confirmed)
    duplicates = [r for r, n in shown.items() if n > 1]
    if duplicates:  # the table's unique constraint keeps duplicates out of the database, not off the pages
        problems.append(f"{len(duplicates)} references were shown to two citizens, e.g. {duplicates[:3]}")
    references = Submission.objects.values_list("reference", flat=True)
    sequences: dict[tuple[str, str], list[int]] = {}
    for reference in references:
        prefix, year, number = reference.rsplit("-", 2)
        sequences.setdefault((prefix, year), []).append(int(number))
    counters = dict(Counter.objects.filter(scope__startswith="eservices.submission:").values_list("scope", "value"))
    codes = dict(Submission.objects.values_list("organization__code", "organization_id").distinct())
    for (prefix, year), numbers in sorted(sequences.items()):
        numbers.sort()
        if numbers != list(range(1, len(numbers) + 1)):
            gaps = sorted(set(range(1, numbers[-1] + 1)) - set(numbers))
            problems.append(f"{prefix}-{year}: gaps at {gaps[:5]} (of {len(gaps)})")
        counter = counters.get(f"eservices.submission:{codes.get(prefix)}:{year}")
        if counter is not None and counter != numbers[-1]:
            problems.append(f"{prefix}-{year}: counter at {counter}, last reference {numbers[-1]}")
    return problems


# --- Main -----------------------------------------------------------------------------------------------------

def service_path_of(slug: str) -> tuple[str, int]:
    from eservices.models import ServicePage
    from organizations.models import Organization

    organization = Organization.objects.get(code="NKW")
    page = ServicePage.objects.live().descendant_of(organization.site.root_page).get(slug=slug)
    return page.get_url_parts()[2], page.pk


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=float(os.environ.get("BENCH_FILING_SECONDS", "20")))
    parser.add_argument("--citizens", type=int, default=32, help="concurrent citizens (threads, over all processes)")
    parser.add_argument("--processes", type=int, default=2, help="load-generating processes")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--service", default=DEFAULT_SERVICE)
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_FILING_PORT", "8600")))
    parser.add_argument("--profile", action="store_true", help="cProfile every gunicorn worker; print the top")
    args = parser.parse_args()
    began = time.monotonic()

    database_url = os.environ.get("BENCH_FILING_DATABASE_URL", DEFAULT_DB)
    redis_url = os.environ.get("BENCH_FILING_REDIS_URL", DEFAULT_REDIS)
    env = {**app_environment(database_url, redis_url), "TASKS_BACKEND": "database"}
    VAR.mkdir(parents=True, exist_ok=True)
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    prepare(env)
    from django.db import connections

    from eservices.models import Submission

    service_path, _service_id = service_path_of(args.service)
    since_pk = Submission.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    connections.close_all()

    profile_dir = VAR / "filing-profile"
    app_env = dict(env)
    if args.profile:
        profile_dir.mkdir(parents=True, exist_ok=True)
        for old in profile_dir.glob("*.prof"):
            old.unlink()
        app_env["BENCH_PROFILE_DIR"] = str(profile_dir)
    load_at_start = os.getloadavg()
    print(f"Filing '{args.service}' ({service_path}) with {args.citizens} concurrent citizens from "
          f"{args.processes} processes for {args.duration:.0f} s; gunicorn --workers {args.workers} "
          f"({args.worker_class}); load average {load_at_start[0]:.2f}", flush=True)
    servers: dict[str, Server] = {}
    try:
        servers["hello"] = start_server("hello", "hello_wsgi:application", args.port, env, args.worker_class,
                                        args.workers)
        app = "profiled_wsgi:application" if args.profile else "config.wsgi:application"
        servers["app"] = _start_app(app, args.port + 1, app_env, args.worker_class, args.workers)
        file_one(Citizen(args.port + 1), service_path, 0)  # warm-up: every worker's first request loads templates
        drive(args.port + 1, service_path, citizens=args.workers * 2, processes=1, seconds=3)
        hello_rps, hello_cpu = hello(args.port, citizens=args.citizens, processes=args.processes,
                                     seconds=min(args.duration, 8))
        cpu_before = _cpu_of_servers(servers["app"])
        pg_before = _cpu_of_postgres(database_url)
        wall = time.time()
        sampler = LockSampler(database_url)
        sampler.start()
        try:
            run = drive(args.port + 1, service_path, citizens=args.citizens, processes=args.processes,
                        seconds=args.duration)
        finally:
            sampler.stop()
        load_after = os.getloadavg()
        server_cpu = _cpu_of_servers(servers["app"]) - cpu_before
        pg_cpu = sum(cpu - pg_before.get(pid, 0.0) for pid, cpu in _cpu_of_postgres(database_url).items())
        wall = time.time() - wall
    finally:
        for server in servers.values():
            server.stop()
    # Every case filed by the warm-up is confirmed too, but only the measured run's are listed: count from its start.
    confirmed = run["results"]
    warm_pks = Submission.objects.filter(pk__gt=since_pk).exclude(
        tracking_token__in=[t for _, t in confirmed]).values_list("pk", flat=True)
    problems = verify(confirmed, since_pk) if not warm_pks else verify_excluding(confirmed, since_pk, list(warm_pks))
    rate = run["in_time"] / args.duration
    lat = run["latencies"]
    p50 = lat[len(lat) // 2] * 1000 if lat else 0
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] * 1000 if lat else 0
    per_filing = run["requests"] / max(len(confirmed), 1)
    lines = [
        f"# make bench-filing: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        f"service '{args.service}', {args.citizens} concurrent citizens ({args.processes} generator processes, "
        f"threads over http.client), gunicorn --workers {args.workers} {args.worker_class}, production settings, "
        f"PostgreSQL + Redis, TASKS_BACKEND=database; load average {load_at_start[0]:.2f} at start, "
        f"{load_after[0]:.2f} after",
        "",
        "| figure | value |",
        "|---|---|",
        f"| submissions/s (full path, confirmation page seen) | **{rate:.1f}** |",
        f"| HTTP requests per filing | {per_filing:.1f} |",
        f"| application req/s (all filing requests) | {run['requests'] / wall:.0f} |",
        f"| hello-world req/s (same generator, same run) | {hello_rps:.0f} |",
        f"| filing requests ÷ hello-world | {run['requests'] / wall / hello_rps:.3f} |",
        f"| one filing: p50 / p99 | {p50:.0f} ms / {p99:.0f} ms |",
        f"| failed filings | {len(run['failures'])} |",
        f"| CPU: gunicorn workers / PostgreSQL backends / load generator / wall (2 cores = {2 * wall:.0f} core-s) | "
        f"{server_cpu:.1f} s / {pg_cpu:.1f} s / {run['cpu']:.1f} s / {wall:.1f} s |",
        f"| gunicorn CPU per filing | {server_cpu / max(len(confirmed), 1) * 1000:.1f} ms |",
        f"| PostgreSQL CPU per filing (this database's backends) | {pg_cpu / max(len(confirmed), 1) * 1000:.1f} ms |",
        f"| generator CPU per filing | {run['cpu'] / max(len(confirmed), 1) * 1000:.1f} ms |",
        f"| hello-world generator CPU per request | {hello_cpu / max(hello_rps * min(args.duration, 8), 1) * 1000:.2f}"
        " ms |",
        f"| backends of this database: busy / waiting on a row lock (mean of {sampler.samples} samples) | "
        f"{sampler.mean_active:.2f} / {sampler.mean_waiting:.2f} |",
        f"| database check ({len(confirmed)} confirmed) | "
        f"{'no loss, no duplicate, references gap-free' if not problems else '; '.join(problems)} |",
    ]
    if run["failures"]:
        lines.append("\nFailures, the most frequent first:")
        for text, n in Tally(run["failures"]).most_common(5):
            lines.append(f"- {n} × {text}")
    lines.append(f"\n(run took {time.monotonic() - began:.0f} s)")
    text = "\n".join(lines)
    print("\n" + text)
    (VAR / "filing-last-run.md").write_text(text + "\n")
    if args.profile:
        print(_profile_report(profile_dir))
    return 1 if problems else 0


def verify_excluding(confirmed, since_pk, warm_pks) -> list[str]:
    """`verify`, counting the warm-up's cases (filed and confirmed before the measured run) as confirmed too."""
    from eservices.models import Submission

    warm = list(Submission.objects.filter(pk__in=warm_pks).values_list("reference", "tracking_token"))
    return verify(list(confirmed) + warm, since_pk)


def _start_app(app: str, port: int, env: dict, worker_class: str, workers: int) -> Server:
    if app.startswith("profiled_wsgi"):
        env = {**env, "PYTHONPATH": str(Path(__file__).resolve().parent)}
    return start_server("app", app, port, env, worker_class, workers)


def _cpu_of_servers(server: Server) -> float:
    """CPU seconds (user + system) used so far by the gunicorn master's workers, from /proc."""
    import subprocess

    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(server.process.pid)], capture_output=True, text=True)
    total = 0.0
    ticks = os.sysconf("SC_CLK_TCK")
    for pid in out.stdout.split():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


class LockSampler(threading.Thread):
    """Samples pg_stat_activity every 50 ms during the run: how many of this database's backends are busy, and how
    many wait on a lock (the reference counter's `select_for_update` is the one lock a filing takes)."""

    def __init__(self, database_url: str) -> None:
        super().__init__(daemon=True)
        self.database_url = database_url
        self.samples = 0
        self.active = 0
        self.waiting = 0
        self._halt = threading.Event()

    def run(self) -> None:
        import psycopg

        name = urlsplit(self.database_url).path.lstrip("/")
        with psycopg.connect(self.database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
            while not self._halt.wait(0.05):
                active, waiting = conn.execute(
                    "SELECT count(*) FILTER (WHERE state = 'active'), count(*) FILTER (WHERE wait_event_type = 'Lock')"
                    " FROM pg_stat_activity WHERE datname = %s", [name]).fetchone()
                self.samples += 1
                self.active += active
                self.waiting += waiting

    def stop(self) -> None:
        self._halt.set()
        self.join()

    @property
    def mean_active(self) -> float:
        return self.active / max(self.samples, 1)

    @property
    def mean_waiting(self) -> float:
        return self.waiting / max(self.samples, 1)


def _cpu_of_postgres(database_url: str) -> dict[int, float]:
    """CPU seconds used so far by each PostgreSQL backend connected to this database (the workers keep theirs open:
    DB_CONN_MAX_AGE), from /proc: the database's share of the filing's cost."""
    import psycopg

    name = urlsplit(database_url).path.lstrip("/")
    with psycopg.connect(database_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        pids = [row[0] for row in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [name])]
    ticks = os.sysconf("SC_CLK_TCK")
    found = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return found


def _profile_report(directory: Path) -> str:
    import io
    import json
    import pstats

    files = sorted(directory.glob("*.prof"))
    if not files:
        return "(no profile written)"
    kinds: dict[str, list[float]] = {}
    for part in directory.glob("*.json"):
        for kind, (n, cpu, queries) in json.loads(part.read_text()).items():
            row = kinds.setdefault(kind, [0, 0.0, 0])
            row[0], row[1], row[2] = row[0] + n, row[1] + cpu, row[2] + queries
    out = io.StringIO()
    out.write("\nCPU per request of the citizen's path (gunicorn workers, under cProfile: overhead included)\n\n"
              "| request | count | CPU ms each | SQL queries each |\n|---|---|---|---|\n")
    for kind, (n, cpu, queries) in sorted(kinds.items(), key=lambda item: -item[1][1]):
        out.write(f"| {kind} | {n} | {cpu / n * 1000:.1f} | {queries / n:.1f} |\n")
    out.write("\n")
    stats = pstats.Stats(str(files[0]), stream=out)
    for extra in files[1:]:
        stats.add(str(extra))
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(30)
    return out.getvalue()


if __name__ == "__main__":
    sys.exit(main())
