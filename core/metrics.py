"""Prometheus metrics: request latency and errors per view, database time, page-cache hit ratio, task queue depth
and failures, notifications by status, and whatever the domain apps register (cases by status per LGO).

`/metrics` is answered by `core.health.HealthMiddleware` only to `METRICS_ALLOWED_ADDRESSES` (the client address as
`core.audit.client_ip` reads it behind the trusted proxies) or to a request carrying `Authorization: Bearer
<METRICS_TOKEN>`; everyone else gets 404, as if it did not exist. Under gunicorn with several workers set
`PROMETHEUS_MULTIPROC_DIR` to an empty folder (README), so the scrape adds up every worker's counters.
Figures read from the database (queue depth, cases by status) are gathered at scrape time, not per request.
"""

from __future__ import annotations

import hmac
import ipaddress
import os
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY, Collector

REQUESTS = Counter("thongthin_http_requests", "HTTP requests answered, per view, method and status class",
                   ["view", "method", "status"])
LATENCY = Histogram("thongthin_http_request_duration_seconds", "Time to answer a request, per view", ["view"],
                    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
ERRORS = Counter("thongthin_http_errors", "Requests answered with a server error (5xx), per view", ["view"])
DB_TIME = Histogram("thongthin_db_time_seconds", "Database time spent answering one request, per view", ["view"],
                    buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5))
PAGE_CACHE = Counter("thongthin_page_cache", "Anonymous page cache look-ups by result (hit or miss)", ["result"])

#: Functions returning metric families read at scrape time (apps register theirs in AppConfig.ready()).
_sources: list[Callable[[], Iterable[Any]]] = []


def register_source(source: Callable[[], Iterable[Any]]) -> None:
    """Add a scrape-time source of metric families (e.g. eservices: cases by status per LGO)."""
    if source not in _sources:
        _sources.append(source)


def _core_families() -> Iterable[Any]:
    from django.db.models import Count

    from .health import queue_depth
    from .models import NotificationDelivery

    depth = GaugeMetricFamily("thongthin_task_queue_depth", "Background tasks waiting to run")
    depth.add_metric([], queue_depth())
    yield depth
    if settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
        from django_tasks_db.models import DBTaskResult

        failed = GaugeMetricFamily("thongthin_tasks_failed", "Background tasks whose last run failed (kept results)")
        failed.add_metric([], DBTaskResult.objects.failed().count())
        yield failed
    notes = GaugeMetricFamily("thongthin_notifications", "Notifications in the outbox by status", labels=["status"])
    for row in NotificationDelivery.objects.values("status").annotate(n=Count("pk")):
        notes.add_metric([row["status"]], row["n"])
    yield notes


class _DatabaseCollector(Collector):
    def collect(self) -> Iterable[Any]:
        for source in (_core_families, *_sources):
            yield from source()


_database_collector = _DatabaseCollector()


def _registry_output() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    scrape = CollectorRegistry()
    scrape.register(_database_collector)
    return generate_latest(registry) + generate_latest(scrape)


def allowed(request: HttpRequest) -> bool:
    token = getattr(settings, "METRICS_TOKEN", "")
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if token and header.startswith("Bearer ") and hmac.compare_digest(header[7:].strip(), token):
        return True
    from .audit import client_ip

    address = client_ip(request)
    if not address:
        return False
    networks = getattr(settings, "METRICS_ALLOWED_ADDRESSES", ["127.0.0.1/32", "::1/128"])
    return any(ipaddress.ip_address(address) in ipaddress.ip_network(net, strict=False) for net in networks)


def metrics_view(request: HttpRequest) -> HttpResponse:
    if not allowed(request):
        raise Http404
    return HttpResponse(_registry_output(), content_type=CONTENT_TYPE_LATEST)


def _view_label(request: HttpRequest, response: HttpResponse) -> str:
    if response.get("X-Page-Cache") == "hit":
        return "page-cache"
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unresolved"
    return match.view_name or match._func_path


class MetricsMiddleware:
    """Time every request and its database work (placed right after HealthMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        db_seconds = [0.0]

        def timed(execute, sql, params, many, context):
            started = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                db_seconds[0] += time.perf_counter() - started

        started = time.perf_counter()
        with connections["default"].execute_wrapper(timed):
            response = self.get_response(request)
        view = _view_label(request, response)
        LATENCY.labels(view).observe(time.perf_counter() - started)
        DB_TIME.labels(view).observe(db_seconds[0])
        REQUESTS.labels(view, request.method, f"{response.status_code // 100}xx").inc()
        if response.status_code >= 500:
            ERRORS.labels(view).inc()
        cache_result = response.get("X-Page-Cache")
        if cache_result in ("hit", "miss"):
            PAGE_CACHE.labels(cache_result).inc()
        return response
