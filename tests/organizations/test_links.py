"""The one helper for absolute public addresses, and `make run PORT=…` registering the demo sites on that port."""

from __future__ import annotations

import io

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from core.demo import DemoContext
from core.requestmemo import RequestMemoMiddleware
from organizations.links import absolute_url, drawn_for, owner_url, pdf_storage_name

pytestmark = pytest.mark.django_db


def _inside(host: str, work, secure: bool = False):
    result = {}

    def view(request):
        result["value"] = work(request)
        return HttpResponse()

    RequestMemoMiddleware(view)(RequestFactory().get("/x/?a=1", HTTP_HOST=host, secure=secure))
    return result["value"]


@override_settings(PUBLIC_BASE_URL="https://lgo.example.go.th/")
def test_absolute_url_from_request_site_or_public_base(org_a, org_b):
    assert absolute_url("/track/") == "https://lgo.example.go.th/track/"  # no LGO, no request
    assert absolute_url("/track/", org_b) == "http://b.test/track/"  # the registered site
    assert _inside("b.test:8443", lambda r: absolute_url("/track/", org_b), secure=True) == "https://b.test:8443/track/"
    # A request for another LGO's host does not lend its address.
    assert _inside("testserver:8123", lambda r: absolute_url("/track/", org_b)) == "http://b.test/track/"
    assert _inside("b.test:8123", lambda r: owner_url(r, org_a)) == "http://testserver/x/?a=1"
    assert _inside("testserver:8123", lambda r: owner_url(r, org_a)) is None


def test_stored_pdf_names_record_the_address_they_were_drawn_for():
    name = pdf_storage_name("eservices/receipts/1", "http://127.0.0.1:8000")
    assert name.startswith("eservices/receipts/1/") and name.endswith(".pdf")
    assert drawn_for(name, "http://127.0.0.1:8000")
    assert not drawn_for(name, "http://127.0.0.1:8080")
    assert not drawn_for("eservices/receipts/1/2026/11/0123abcd.pdf", "http://127.0.0.1:8000")  # stored before tags


def test_load_demo_registers_the_demo_sites_on_the_port_it_serves(monkeypatch):
    import organizations.demo
    from tests.conftest import _wagtail_base_data

    _wagtail_base_data()
    for port in ("8123", "8124"):
        monkeypatch.setenv("PORT", port)
        ctx = DemoContext(stdout=io.StringIO(), password="demo-Pass-123")
        organizations.demo.load(ctx)
        sites = {o.code: (o.site.hostname, o.site.port, o.site.root_url) for o in ctx.organizations}
        assert sites == {"NKW": ("127.0.0.1", int(port), f"http://127.0.0.1:{port}"),
                         "DSK": ("localhost", int(port), f"http://localhost:{port}")}
