"""/healthz, /readyz, /metrics and JSON logs through the real middleware stack (the test client)."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging

import pytest
from django.utils import timezone

from core.logs import JsonFormatter, MaskingFilter
from core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_healthz_answers_whatever_the_host(client):
    response = client.get("/healthz", HTTP_HOST="10.0.0.7")  # load balancers probe by address
    assert response.status_code == 200 and response.content == b"ok\n"


def test_readyz_reports_each_dependency(client, org_a):
    response = client.get("/readyz", HTTP_HOST="10.0.0.7")
    body = response.json()
    assert response.status_code == 200, body
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "redis", "storage", "worker", "migrations"}


def test_readyz_is_unhealthy_without_a_worker_heartbeat_when_tasks_use_the_worker(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {"ok": False, "detail": "no worker has reported",
                                                   "ms": response.json()["checks"]["worker"]["ms"]}
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id="w1", started_at=now, beat_at=now - dt.timedelta(minutes=5))
    assert client.get("/readyz").status_code == 503  # a stale heartbeat: the worker is gone
    WorkerHeartbeat.objects.filter(worker_id="w1").update(beat_at=now)
    assert client.get("/readyz").status_code == 200


def test_readyz_is_unhealthy_when_redis_is_unreachable(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:9/0"  # nothing listens on the discard port
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert not checks["redis"]["ok"] and checks["database"]["ok"]


def test_metrics_only_for_allowed_addresses_or_the_token(client, settings, org_a):
    client.get("/")  # one page view to count
    settings.METRICS_ALLOWED_ADDRESSES = ["127.0.0.1/32"]
    ok = client.get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert ok.status_code == 200
    text = ok.content.decode()
    for name in ("thongthin_http_requests_total", "thongthin_http_request_duration_seconds_bucket",
                 "thongthin_db_time_seconds_bucket", "thongthin_task_queue_depth", "thongthin_notifications",
                 "thongthin_cases"):
        assert name in text, name
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404
    settings.METRICS_TOKEN = "s3cret-token-for-prometheus"
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9",
                      HTTP_AUTHORIZATION="Bearer s3cret-token-for-prometheus").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404


def test_metrics_count_server_errors_per_view(client):
    from django.test import override_settings
    from django.urls import path
    from prometheus_client import REGISTRY

    def broken(request):
        raise RuntimeError("boom")

    def errors() -> float:
        return REGISTRY.get_sample_value("thongthin_http_errors_total", {"view": "broken-probe"}) or 0.0

    before = errors()
    client.raise_request_exception = False
    with override_settings(ROOT_URLCONF=type("urls", (), {"urlpatterns": [path("boom/", broken,
                                                                               name="broken-probe")]})):
        assert client.get("/boom/").status_code == 500
    assert errors() == before + 1


def test_json_logs_carry_request_id_lgo_and_user_and_mask_personal_data(client, org_a, make_officer):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(MaskingFilter())
    probe = logging.getLogger("thongthin.test-probe")
    probe.addHandler(handler)
    probe.setLevel(logging.INFO)

    from django.http import HttpResponse
    from django.test import override_settings
    from django.urls import path

    def view(request):
        probe.info("citizen 1101700230708 phone 081-234-5678 mail somsri@example.com filed")
        return HttpResponse("ok")

    urlpatterns = [path("probe/", view)]
    user = make_officer(org_a)
    client.force_login(user)
    module = type("urls", (), {"urlpatterns": urlpatterns})
    with override_settings(ROOT_URLCONF=module):
        response = client.get("/probe/", HTTP_X_REQUEST_ID="req-12345678")
    probe.removeHandler(handler)
    entry = json.loads(stream.getvalue().splitlines()[-1])
    assert response["X-Request-ID"] == "req-12345678"
    assert entry["request_id"] == "req-12345678" and entry["user_id"] == user.pk
    assert entry["organization_id"] == org_a.pk
    assert "1101700230708" not in entry["message"] and "081-234-5678" not in entry["message"]
    assert "somsri@" not in entry["message"] and "1-xxxx-xxxxx-xx-x" in entry["message"]
