"""`/healthz` and `/readyz` for load balancers, and `/metrics` for Prometheus, answered before anything else.

`/healthz` says the process answers (no database, no cache: a load balancer must not kill every app server because
PostgreSQL blinked). `/readyz` checks what serving needs: the database, Redis (when configured), the file storages,
the background worker's heartbeat (when tasks run in a worker) and that every migration is applied; it answers 200
with `{"status": "ok", ...}` or 503 with the failing checks, the form HAProxy, nginx, Kubernetes and cloud load
balancers expect. The middleware answers these paths first, so no host-name check, session, page cache or LGO
lookup stands between the probe and the answer.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import storages
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    detail: str = ""


def check_database() -> CheckResult:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
    return CheckResult(True)


def check_redis() -> CheckResult:
    url = getattr(settings, "REDIS_URL", "")
    if not url:
        return CheckResult(True, "not configured")
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    finally:
        client.close()
    return CheckResult(True)


def check_storage() -> CheckResult:
    """Each file storage answers: a bucket is asked for a key (a HEAD request), a folder must be writable."""
    for alias in ("default", "private"):
        storage = storages[alias]
        location = getattr(storage, "location", None)
        if hasattr(storage, "bucket_name"):
            storage.exists(".readyz")
        elif location is not None and not os.access(location, os.W_OK) and os.path.exists(location):
            return CheckResult(False, f"{alias}: {location} is not writable")
    return CheckResult(True)


def check_worker() -> CheckResult:
    from .models import WorkerHeartbeat

    if not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
        return CheckResult(True, "tasks run in-process")
    max_age = timedelta(seconds=int(getattr(settings, "WORKER_HEARTBEAT_MAX_AGE", 60)))
    last = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    if last is None:
        return CheckResult(False, "no worker has reported")
    age = (timezone.now() - last).total_seconds()
    if age > max_age.total_seconds():
        return CheckResult(False, f"last heartbeat {age:.0f} s ago")
    return CheckResult(True, f"last heartbeat {age:.0f} s ago")


_migrated = False


def check_migrations() -> CheckResult:
    """Every migration applied (remembered once true: migrations only change with a deployment and a restart)."""
    global _migrated
    if _migrated:
        return CheckResult(True)
    from django.db.migrations.executor import MigrationExecutor

    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return CheckResult(False, f"{len(plan)} migration(s) not applied")
    _migrated = True
    return CheckResult(True)


CHECKS: dict[str, Callable[[], CheckResult]] = {
    "database": check_database,
    "redis": check_redis,
    "storage": check_storage,
    "worker": check_worker,
    "migrations": check_migrations,
}


def run_checks() -> dict[str, dict[str, object]]:
    results: dict[str, dict[str, object]] = {}
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            result = check()
        except Exception as error:  # any failure of a dependency is an answer, not a 500
            result = CheckResult(False, f"{type(error).__name__}: {error}"[:300])
        results[name] = {"ok": result.ok, "detail": result.detail,
                         "ms": round((time.perf_counter() - started) * 1000, 1)}
    return results


def queue_depth() -> int:
    """Background tasks waiting to run (0 when tasks run in-process)."""
    if not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
        return 0
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.ready().count()


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain")


def readyz(request: HttpRequest) -> HttpResponse:
    checks = run_checks()
    healthy = all(check["ok"] for check in checks.values())
    # A failed check must not leave a broken connection for the next request of this thread.
    if not checks["database"]["ok"]:
        connections[DEFAULT_DB_ALIAS].close()
    response = JsonResponse({"status": "ok" if healthy else "unhealthy", "checks": checks},
                            status=200 if healthy else 503)
    response["Cache-Control"] = "no-store"
    return response


class HealthMiddleware:
    """First in MIDDLEWARE: answer the probes and the metrics scrape before host checks, sessions and caches."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path == "/healthz":
            return healthz(request)
        if request.path == "/readyz":
            return readyz(request)
        if request.path == "/metrics":
            from .metrics import metrics_view

            return metrics_view(request)
        return self.get_response(request)
