"""What the filing path and the inbox keep in caches, and that every change that matters drops it at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from organizations.constants import Role
from organizations.models import Department

from .inbox_support import _fresh_cache, login  # noqa: F401  (autouse fixture)

pytestmark = pytest.mark.django_db


def start(client, service):
    return client.post(reverse("eservices:start", kwargs={"service_id": service.pk}))


def test_filing_pages_read_the_service_from_the_cache(client, service):
    first = start(client, service)
    assert first.status_code == 302
    client.get(first["Location"])  # the first page view also fills the site's menu and settings caches
    with CaptureQueriesContext(connection) as step:
        assert client.get(first["Location"]).status_code == 200
    tables = " ".join(q["sql"] for q in step.captured_queries)
    assert "wagtailcore_page" not in tables and "wagtailcore_site" not in tables
    assert "organizations_organization" not in tables and "wagtailcore_pageviewrestriction" not in tables


def test_the_catalogue_is_cached_for_visitors_one_copy_per_search(client, make_service, catalogue):
    make_service("ขออนุญาตก่อสร้างอาคาร", summary="ยื่นแบบแปลน")
    first = client.get(catalogue.url)
    assert first.status_code == 200 and first["X-Page-Cache"] == "miss"
    assert client.get(catalogue.url)["X-Page-Cache"] == "hit"
    found = client.get(catalogue.url, {"q": "แบบแปลน"})  # the query string is part of the key
    assert found["X-Page-Cache"] == "miss" and "ขออนุญาตก่อสร้างอาคาร" in found.content.decode()
    missing = client.get(catalogue.url, {"q": "ไม่มีบริการนี้"})
    assert missing["X-Page-Cache"] == "miss" and "ขออนุญาตก่อสร้างอาคาร" not in missing.content.decode()
    assert client.get(catalogue.url, {"q": "แบบแปลน"})["X-Page-Cache"] == "hit"
    make_service("ขอรับเบี้ยยังชีพผู้สูงอายุ")  # a new service drops the site's cached pages
    fresh = client.get(catalogue.url)
    assert fresh["X-Page-Cache"] == "miss" and "ขอรับเบี้ยยังชีพผู้สูงอายุ" in fresh.content.decode()


def test_unpublishing_the_service_closes_its_wizard_at_once(client, service):
    assert start(client, service).status_code == 302
    service.unpublish()
    assert start(client, service).status_code == 404


def test_turning_online_filing_off_closes_the_wizard_at_once(client, service):
    assert start(client, service).status_code == 302
    service.online_filing = False
    service.save_revision().publish()
    assert start(client, service).status_code == 404


def test_a_plain_save_outside_the_editor_also_drops_the_cached_service(client, service):
    assert start(client, service).status_code == 302
    service.online_filing = False
    service.save()
    assert start(client, service).status_code == 404


def test_a_service_made_private_stops_taking_requests_at_once(client, service, catalogue):
    assert start(client, service).status_code == 302
    restriction = PageViewRestriction.objects.create(page=catalogue, restriction_type=PageViewRestriction.LOGIN)
    assert start(client, service).status_code == 404
    restriction.delete()
    assert start(client, service).status_code == 302


def test_a_department_edit_reaches_filings_made_from_the_cached_service(client, rf, service,
                                                                         django_capture_on_commit_callbacks):
    from django.core import mail

    from eservices import services, wizard

    from .conftest import GOOD_ANSWERS

    start(client, service)  # the wizard has cached the service page
    department = Department.objects.get(pk=service.department_id)
    department.email = "office-new@example.com"
    department.save()
    cached = wizard.service_for_request(rf.get("/", HTTP_HOST="testserver"), service.pk)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit(service=cached, answers=GOOD_ANSWERS, idempotency_key="dept-edit",
                        files=[services.StoredFile("house_registration", "eservices/test/x.pdf", "x.pdf",
                                                   "application/pdf", 10)])
    assert [m.to for m in mail.outbox if "office-new@example.com" in m.to] == [["office-new@example.com"]]


def test_inbox_asks_for_the_officers_roles_once_per_page(client, org_a, make_officer, file_case):
    officer = make_officer(org_a, Role.OFFICER, username="memo-officer", department="office")
    login(client, officer)
    file_case()
    client.get("/admin/eservices/cases/")  # warm the per-LGO choice lists
    with CaptureQueriesContext(connection) as page:
        assert client.get("/admin/eservices/cases/").status_code == 200
    role_queries = [q["sql"] for q in page.captured_queries
                    if q["sql"].startswith('SELECT "organizations_membership"."role"')]
    assert len(role_queries) == 1, role_queries


def test_holiday_changes_reach_deadlines_at_once(org_a):
    from organizations import calendar
    from organizations.models import Holiday

    friday = dt.date(2027, 3, 5)
    Holiday.objects.filter(date=dt.date(2027, 3, 8)).delete()
    assert calendar.add_working_days(org_a, friday, 1) == dt.date(2027, 3, 8)  # now cached
    holiday = Holiday.objects.create(organization=org_a, date=dt.date(2027, 3, 8), name="วันหยุดท้องถิ่น")
    assert calendar.add_working_days(org_a, friday, 1) == dt.date(2027, 3, 9)
    holiday.delete()
    assert calendar.add_working_days(org_a, friday, 1) == dt.date(2027, 3, 8)
