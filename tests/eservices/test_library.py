"""The standard-service library: templates as data, published by an LGO administrator in one step, updates offered."""

from __future__ import annotations

import json
import re

import pytest
from django.urls import reverse

from eservices import library
from eservices.library import services as library_services
from eservices.models import ServiceIndexPage, ServicePage
from organizations.constants import Role

pytestmark = pytest.mark.django_db


def test_library_has_at_least_25_complete_templates():
    templates = library.all_templates()
    assert len(templates) >= 25
    keys = [t.key for t in templates]
    assert len(set(keys)) == len(keys)
    for wanted in ("signboard-tax", "land-building-tax-objection", "market-stall", "street-vending",
                   "health-hazard-business", "food-place-notification", "child-support-grant"):
        assert wanted in keys
    for template in templates:
        data = template.data
        assert template.version >= 1
        assert data["process_name"] and data["legal_basis"] and data["criteria"] and data["process_steps"]
        assert data.get("no_documents_required") or data["documents"], template.key


def test_every_template_publishes_a_valid_page_whose_form_opens(make_organization, client):
    organization = make_organization(hostname="testserver", phone="053 123 456", address="1 หมู่ 2")
    created = library_services.add_from_library(organization=organization, choices=[
        (t.key, library_services.default_department(organization, t)) for t in library.all_templates()])
    assert len(created) == len(library.all_templates())
    for page in created:
        page = ServicePage.objects.get(pk=page.pk)
        page.full_clean()  # what the page editor would accept
        assert page.live and page.library_version >= 1
        assert "053 123 456" in page.channels and "1 หมู่ 2" in page.channels
        assert page.service_hours == organization.office_hours
        assert page.department.organization_id == organization.pk
        response = client.get(page.url)
        assert response.status_code == 200, page.library_key
    index = ServiceIndexPage.objects.get()
    assert index.url == "/e-service/"
    # A second call (a double-click) publishes nothing more.
    assert library_services.add_from_library(organization=organization, choices=[("complaint", None)]) == []


def test_process_steps_name_the_chosen_department(make_organization):
    organization = make_organization()
    finance = organization.departments.get(code="finance")
    finance.name_th = "กองคลังและรายได้"
    finance.save()
    (page,) = library_services.add_from_library(organization=organization, choices=[("signboard-tax", finance)])
    units = [step.value["responsible_unit"] for step in page.process_steps]
    assert "กองคลังและรายได้" in units


def test_admin_ticks_maps_and_publishes_in_one_step(org_a, org_b, make_officer, client):
    admin = make_officer(org_a, Role.LGO_ADMIN)
    client.force_login(admin)
    url = reverse("eservices_admin:library")
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ภาษีป้าย" in html and "คลังบริการมาตรฐาน" in html
    engineering = org_a.departments.get(code="engineering")
    welfare = org_a.departments.get(code="welfare")
    other = org_b.departments.get(code="engineering")
    # Another LGO's department is refused with a message; nothing is published; ticks are kept.
    response = client.post(url, {"add-tree-cutting": "on", "department-tree-cutting": other.pk,
                                 "add-elderly-allowance": "on", "department-elderly-allowance": welfare.pk})
    assert response.status_code == 200
    assert not ServicePage.objects.exists()
    kept = re.search(r'<input[^>]*name="add-elderly-allowance"[^>]*>', response.content.decode()).group(0)
    assert "checked" in kept
    response = client.post(url, {"add-tree-cutting": "on", "department-tree-cutting": engineering.pk,
                                 "add-elderly-allowance": "on", "department-elderly-allowance": welfare.pk})
    assert response.status_code == 302
    pages = {p.library_key: p for p in ServicePage.objects.all()}
    assert set(pages) == {"tree-cutting", "elderly-allowance"}
    assert pages["tree-cutting"].department == engineering and pages["tree-cutting"].live
    # Nothing ticked: a Thai error, not a crash.
    response = client.post(url, {})
    assert "เลือกอย่างน้อย" in response.content.decode()


def test_library_screen_is_for_lgo_administrators_only(org_a, make_officer, client):
    client.force_login(make_officer(org_a, Role.PR_EDITOR))
    response = client.get(reverse("eservices_admin:library"))
    assert response.status_code in (302, 403) and "ภาษีป้าย" not in response.content.decode()


def test_newer_template_is_offered_as_a_draft_never_applied(org_a, make_officer, client, monkeypatch):
    admin = make_officer(org_a, Role.LGO_ADMIN)
    (page,) = library_services.add_from_library(organization=org_a, choices=[
        ("tree-cutting", org_a.departments.get(code="engineering"))])
    page.title = "ตัดต้นไม้ (ชื่อของเรา)"
    page.save_revision().publish()
    template = library.get("tree-cutting")
    data = json.loads(json.dumps(template.data))
    data["summary"] = "ฉบับปรับปรุง"
    newer = library.ServiceTemplate(key=template.key, version=template.version + 1, data=data)
    templates = tuple(newer if t.key == template.key else t for t in library.all_templates())
    monkeypatch.setattr(library, "all_templates", lambda: templates)
    client.force_login(admin)
    html = client.get(reverse("eservices_admin:library")).content.decode()
    assert reverse("eservices_admin:library_update", args=[page.pk]) in html
    response = client.post(reverse("eservices_admin:library_update", args=[page.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    page.refresh_from_db()
    assert page.summary != "ฉบับปรับปรุง"  # the live page is untouched
    draft = page.get_latest_revision_as_object()
    assert draft.summary == "ฉบับปรับปรุง" and draft.title == "ตัดต้นไม้ (ชื่อของเรา)"
    assert draft.library_version == newer.version
