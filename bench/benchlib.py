"""What every bench/bench_*.py needs: a migrated PostgreSQL bench database and simple latency statistics.

    from benchlib import configure, percentile, timed
    configure("postgres://postgres@127.0.0.1:5432/thongthin_bench_<topic>")   # BENCH_DATABASE_URL overrides it
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"


def configure(default_url: str) -> str:
    """Point Django at the bench database (BENCH_DATABASE_URL or `default_url`), create it if missing, migrate.

    Benchmarks measure the production stack: PostgreSQL plus Redis as the shared cache and session store
    (BENCH_REDIS_URL, default redis://127.0.0.1:6379/14; set it empty to measure without Redis). The Redis
    database is flushed first so figures never depend on what an earlier run left there.
    """
    url = os.environ.get("BENCH_DATABASE_URL", default_url)
    os.environ["DATABASE_URL"] = url
    use_settings()
    create_database(url)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    return url


def use_settings() -> None:
    """The bench settings (test settings with media kept in var/bench/; `make` exports the dev
    settings, so this overrides rather than defaults) plus Redis when it answers (BENCH_REDIS_URL)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = os.environ.get("BENCH_SETTINGS_MODULE", "config.settings.bench")
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    if redis_url and _redis_flushed(redis_url):
        os.environ["REDIS_URL"] = redis_url
    else:
        os.environ.pop("REDIS_URL", None)


def _redis_flushed(url: str) -> bool:
    """Empty the bench's Redis database; False (measure without Redis) when no server answers."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).flushdb()
    except redis.RedisError:
        print(f"(Redis at {url} does not answer: measuring with the in-process cache and database sessions)")
        return False
    return True


def create_database(url: str, *, connect_timeout: int = 10) -> None:
    """Create the bench database on its PostgreSQL server when it does not exist yet."""
    import dj_database_url
    import psycopg
    from psycopg import sql

    params = dj_database_url.parse(url)
    name = params["NAME"]
    conninfo = dict(host=params["HOST"] or "127.0.0.1", port=params["PORT"] or 5432, user=params["USER"] or "postgres",
                    password=params["PASSWORD"] or None, dbname="postgres", connect_timeout=connect_timeout)
    with psycopg.connect(**conninfo, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def backend_cpu_seconds() -> float:
    """CPU time used so far by the PostgreSQL backend serving Django's connection (same machine: read from /proc),
    so a benchmark can report the database's share of the work apart from Python's."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def timed(function: Callable[[], object], repeat: int) -> list[float]:
    """Milliseconds per call of `function`, after one warm-up call."""
    function()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples
