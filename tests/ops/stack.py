"""Real services for the operations tests: gunicorn app servers, private PostgreSQL and Redis instances, a migrated
database of the test's own, and a cookie-keeping HTTP visitor.

The two-server test (test_two_servers.py) and the outage test (test_readyz_outages.py) run the application as it is
deployed: gunicorn processes with production settings, talking to PostgreSQL, Redis and an S3-compatible bucket over
the network. What they stop and start is always their own: a PostgreSQL cluster initialised in a temporary folder, a
`redis-server` on a free port, moto in server mode (tests/s3server.py). The machine's shared PostgreSQL and Redis are
never stopped or reconfigured; on the shared PostgreSQL only databases named `thongthin_ops_…` are created, and
dropped afterwards.

Outside CI a missing tool (gunicorn, initdb, redis-server, pg_dump) skips with the reason; with
THONGTHIN_REQUIRE_OPS=1 (.ci/run) it fails instead.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from tests.s3server import free_port

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"
# Production settings, static files by plain URL (tests/ops/gunicorn_settings.py says why).
SETTINGS_MODULE = "tests.ops.gunicorn_settings"


def require(condition: bool, reason: str) -> None:
    """Skip for `reason` when `condition` is false, or fail when CI requires the operations tests to run."""
    if condition:
        return
    if os.environ.get("THONGTHIN_REQUIRE_OPS"):
        pytest.fail(f"THONGTHIN_REQUIRE_OPS is set but {reason}")
    pytest.skip(reason)


def require_postgresql() -> None:
    """The servers share one PostgreSQL database: on SQLite (`make test`) these tests skip, whatever CI requires;
    .ci/run runs them in its PostgreSQL pass."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("app servers sharing one database need PostgreSQL (DATABASE_URL=postgres://…; .ci/run)")


def gunicorn_path() -> str:
    path = Path(sys.executable).parent / "gunicorn"
    require(path.exists(), f"gunicorn is not installed beside {sys.executable} (make install)")
    return str(path)


# --- Databases on the shared PostgreSQL -----------------------------------------------------------------------------

def _server_params() -> dict[str, object]:
    from django.db import connection

    settings = connection.settings_dict
    return {"host": settings["HOST"] or HOST, "port": int(settings["PORT"] or 5432), "user": settings["USER"] or None,
            "password": settings["PASSWORD"] or None}


def admin_sql(sql: str, **params: object) -> None:
    """Run one statement on a PostgreSQL server's `postgres` database (the test database's server by default)."""
    import psycopg

    with psycopg.connect(**{**_server_params(), **params}, dbname="postgres", autocommit=True,
                         connect_timeout=10) as connection:
        connection.execute(sql)


def database_url(name: str, **params: object) -> str:
    values = {**_server_params(), **params}
    auth = (values["user"] or "postgres") + (f":{values['password']}" if values["password"] else "")
    return f"postgres://{auth}@{values['host']}:{values['port']}/{name}"


def new_database_name() -> str:
    return f"thongthin_ops_{uuid.uuid4().hex[:10]}"


def clone_test_database(name: str) -> str:
    """Create database `name` as a copy of this test process's database, which pytest-django built with every
    migration (so the copy is a migrated database gunicorn can open, made in about a second instead of the minute
    `migrate` takes); returns its URL.

    `CREATE DATABASE … TEMPLATE` needs the template to have no connections: this thread's are closed first (the
    fixture using this runs before any test transaction opens). Should another thread still hold one, the copy is
    made with pg_dump instead (slower: seconds). Rows other tests left behind do not exist (pytest-django rolls back
    or flushes); what a flush removes and data migrations made is recreated by the seed (tests/conftest.py
    `_wagtail_base_data`, as every transactional test does).
    """
    import psycopg
    from django.db import connection, connections

    source = connection.settings_dict["NAME"]
    connections.close_all()
    for _attempt in range(8):
        try:
            admin_sql(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
            return database_url(name)
        except psycopg.errors.ObjectInUse:
            time.sleep(0.25)
    admin_sql(f'CREATE DATABASE "{name}"')
    copy_database(database_url(source), database_url(name))
    return database_url(name)


def drop_database(name: str, **params: object) -> None:
    admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', **params)


def copy_database(source_url: str, target_url: str) -> None:
    """Copy a database to another PostgreSQL server (pg_dump | psql in one transaction)."""
    require(bool(shutil.which("pg_dump") and shutil.which("psql")),
            "pg_dump/psql are not installed (apt install postgresql-client)")
    dump = subprocess.run(["pg_dump", "--no-owner", "--no-privileges", source_url], capture_output=True, check=True,
                          timeout=300)
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction", target_url], input=dump.stdout,
                   capture_output=True, check=True, timeout=300)


# --- Private services that a test may stop and start ------------------------------------------------------------------

def _postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]), reverse=True)
    if found:
        return found[0].parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


class PrivatePostgres:
    """A PostgreSQL cluster of the test's own: initdb into a temporary folder, served on a free port of 127.0.0.1
    (trust authentication, no fsync: it lives for one test). PostgreSQL refuses to run as root, so as root the
    cluster belongs to the `postgres` OS user (runuser)."""

    def __init__(self) -> None:
        bin_dir = _postgres_bin()
        require(bin_dir is not None, "PostgreSQL's server programs (initdb, pg_ctl) are not installed")
        self.bin = bin_dir
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="thongthin-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self._as_postgres = os.geteuid() == 0
        if self._as_postgres:
            require(shutil.which("runuser") is not None, "runuser is needed to run PostgreSQL as the postgres user")
            shutil.chown(self.folder, user="postgres")

    def _run(self, *command: str) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", "postgres", "--"] if self._as_postgres else []
        return subprocess.run([*prefix, *command], capture_output=True, text=True, timeout=120, check=False)

    def init(self) -> None:
        done = self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres", "--auth=trust",
                         "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync")
        assert done.returncode == 0, done.stderr

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses={HOST} -c fsync=off -c full_page_writes=off"
        done = self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log), "-o", options,
                         "-w", "-t", "60", "start")
        assert done.returncode == 0, done.stderr + self.log.read_text(errors="replace")[-2000:]

    def stop(self) -> None:
        done = self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop")
        assert done.returncode == 0, done.stderr

    @property
    def running(self) -> bool:
        return self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "status").returncode == 0

    def params(self) -> dict[str, object]:
        return {"host": HOST, "port": self.port, "user": "postgres", "password": None}

    def cleanup(self) -> None:
        if self.data.exists() and self.running:
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


class PrivateRedis:
    """A `redis-server` of the test's own on a free port, in memory only (nothing saved)."""

    def __init__(self) -> None:
        self.binary = shutil.which("redis-server")
        require(self.binary is not None, "redis-server is not installed (apt install redis-server)")
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", HOST, "--save", "", "--appendonly", "no",
             "--dir", tempfile.gettempdir()], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        import redis

        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        deadline = time.monotonic() + 30
        while True:
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                assert self.process.poll() is None, "redis-server exited"
                assert time.monotonic() < deadline, "redis-server did not answer"
                time.sleep(0.1)
            finally:
                client.close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None


# --- Gunicorn -----------------------------------------------------------------------------------------------------

def server_environment(*, database_url: str, redis_url: str, storage_url: str, folder: Path,
                       **extra: str) -> dict[str, str]:
    """The environment of a production app server (README's Deployment section), minus TLS (plain HTTP here) and
    with e-mail kept in memory; every server of a deployment gets the same one, SECRET_KEY included."""
    inherited = {key: value for key, value in os.environ.items()
                 if not key.startswith(("PYTEST", "DJANGO_", "DATABASE_URL", "REDIS_URL", "STORAGE_URL", "AWS_",
                                        "PAGE_CACHE", "LOGIN_THROTTLE", "LOOKUP_THROTTLE", "PROMETHEUS"))}
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": SETTINGS_MODULE,
        "SECRET_KEY": "ops-test-secret-key-shared-by-every-app-server-" + "0123456789" * 2,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PAYMENT_WEBHOOK_SECRET": "ops-test-webhook-secret-0123456789abcdef",
        "DATABASE_URL": database_url,
        "DB_CONN_MAX_AGE": "60",
        "REDIS_URL": redis_url,
        "STORAGE_URL": storage_url,
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private"),
        "STATIC_ROOT": str(folder / "static"),
        "TASKS_BACKEND": "immediate",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        **extra,
    }


@dataclass
class AppServer:
    """One gunicorn (production settings, sync workers) on a free port of 127.0.0.1."""

    name: str
    env: dict[str, str]
    log: Path
    workers: int = 1
    port: int = field(default_factory=free_port)
    process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def start(self) -> None:
        command = [gunicorn_path(), "config.wsgi:application", "--bind", f"{HOST}:{self.port}", "--workers",
                   str(self.workers), "--log-level", "warning", "--timeout", "120", "--graceful-timeout", "5"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=self.env, stdout=log, stderr=log)

    def wait_until_up(self, timeout: float = 120) -> None:
        """Until /healthz answers (the first request also loads the application: --preload is not used)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"gunicorn {self.name} exited:\n{self.log_tail()}"
            try:
                if fetch(self.base + "/healthz", timeout=30).status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"gunicorn {self.name} did not answer on port {self.port}:\n{self.log_tail()}")

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""

    def stop(self) -> None:
        """Quick shutdown (SIGINT; a graceful SIGTERM waits seconds for idle workers)."""
        self.signal_stop()
        self.wait_stopped()

    def signal_stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)

    def wait_stopped(self) -> None:
        if self.process is None:
            return
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


# --- HTTP -----------------------------------------------------------------------------------------------------------

@dataclass
class Answer:
    status: int
    headers: dict[str, list[str]]
    body: bytes

    def header(self, name: str) -> str:
        return ", ".join(self.headers.get(name.lower(), []))

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str:
        """The redirect's path (and query), whatever host it names."""
        parts = urlsplit(self.header("location"))
        return parts.path + (f"?{parts.query}" if parts.query else "")


def fetch(url: str, *, method: str = "GET", headers: dict[str, str] | None = None, body: bytes | None = None,
          timeout: float = 60) -> Answer:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body=body,
                           headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        collected: dict[str, list[str]] = {}
        for name, value in response.getheaders():
            collected.setdefault(name.lower(), []).append(value)
        return Answer(response.status, collected, data)
    finally:
        connection.close()


def _multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]) -> tuple[bytes, str]:
    boundary = f"----thongthin{uuid.uuid4().hex}"
    chunks: list[bytes] = []
    for name, value in fields.items():
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                      f"Content-Type: {content_type}\r\n\r\n".encode() + content + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


class Visitor:
    """A browser's cookie jar and forms over plain HTTP. A browser sends a host's cookies whatever the port, so the
    same visitor talks to both app servers with one jar: what a load balancer without sticky sessions does.

    Cookies are kept by hand (http.cookiejar would hold back the production settings' Secure cookies on plain
    HTTP); CSRF uses the csrftoken cookie's value, which Django accepts as the form token.
    """

    def __init__(self, *, forwarded_for: str = "") -> None:
        self.cookies: dict[str, str] = {}
        self.forwarded_for = forwarded_for

    def _headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        headers = {"Accept-Language": "th"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        if self.forwarded_for:  # the reverse proxy in front of every app server names the client
            headers["X-Forwarded-For"] = self.forwarded_for
        return headers | (extra or {})

    def _keep(self, answer: Answer) -> Answer:
        for line in answer.headers.get("set-cookie", []):
            jar = SimpleCookie()
            jar.load(line)
            for name, morsel in jar.items():
                if morsel.value == "" or morsel["max-age"] == "0":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return answer

    def get(self, server: AppServer, path: str, headers: dict[str, str] | None = None) -> Answer:
        return self._keep(fetch(server.base + path, headers=self._headers(headers)))

    def post(self, server: AppServer, path: str, fields: dict[str, str] | None = None,
             files: dict[str, tuple[str, bytes, str]] | None = None) -> Answer:
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **(fields or {})}
        if files:
            body, content_type = _multipart(fields, files)
        else:
            body, content_type = urlencode(fields).encode(), "application/x-www-form-urlencoded"
        headers = self._headers({"Content-Type": content_type})
        return self._keep(fetch(server.base + path, method="POST", headers=headers, body=body))

    def sign_in(self, server: AppServer, username: str, password: str) -> Answer:
        """The Wagtail admin's sign-in form (the throttled one); a 302 means signed in."""
        page = self.get(server, "/admin/login/")
        assert page.status == 200 and "csrftoken" in self.cookies, page.status
        return self.post(server, "/admin/login/", {"username": username, "password": password, "next": "/admin/"})


def links(html: str, pattern: str) -> list[str]:
    """Every href in `html` matching the regular expression `pattern` (anchored at the start of the path)."""
    return [href for href in re.findall(r'href="([^"]+)"', html) if re.match(pattern, href)]
