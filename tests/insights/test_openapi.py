"""The OpenAPI document of the non-Wagtail endpoints, exercised by schemathesis through the real WSGI stack: no
generated request may get a 5xx answer."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from insights.openapi import openapi_document

schema = schemathesis.openapi.from_dict(openapi_document())
schema.app = get_wsgi_application()


def test_the_schema_is_served_and_is_openapi_3(client, org_a):
    document = client.get("/api/schema/").json()
    assert document["openapi"].startswith("3.") and "/open-data/{dataset}.json" in document["paths"]


@pytest.fixture
def lgo_with_data(org_a, make_service, file_case):
    file_case(make_service("ขอรถบรรทุกน้ำ"))
    return org_a


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Schemathesis calls the WSGI application itself, whose request_finished signal closes the database connection
    (CONN_MAX_AGE 0), the one holding the test's transaction: on PostgreSQL every later query failed. Django's own
    test client disconnects that receiver for the same reason."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.filter_too_much])
def test_no_generated_request_gets_a_server_error(case, lgo_with_data):
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path} -> {response.status_code}"
