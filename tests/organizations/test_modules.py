"""Systems on or off: an LGO administrator switches off what the LGO does not use; menus, pages and admin follow."""

from __future__ import annotations

import pytest
from django.urls import reverse

from home.defaults import create_default_pages
from organizations.constants import ChecklistStep, Module, Role
from organizations.models import ChecklistMark

pytestmark = pytest.mark.django_db


def test_switching_off_waste_fees_and_correspondence(org_a, make_officer, client):
    create_default_pages(org_a)
    admin = make_officer(org_a, Role.LGO_ADMIN, username="lgo-admin")
    officer = make_officer(org_a, Role.OFFICER, Role.CORRESPONDENCE_ADMIN, username="finance", department="finance")
    assert "/waste-fees/" in client.get("/").content.decode()
    assert client.get("/waste-fees/").status_code == 200

    client.force_login(admin)
    form = client.get(reverse("lgo_modules"))
    assert form.status_code == 200 and "เปิดหรือปิดระบบงาน" in form.content.decode()
    saved = client.post(reverse("lgo_modules"), {"modules": [Module.COMPLAINTS]})
    assert saved.status_code == 302
    org_a.refresh_from_db()
    assert not org_a.uses(Module.WASTE_FEES) and not org_a.uses(Module.CORRESPONDENCE) and org_a.uses(Module.COMPLAINTS)
    assert ChecklistMark.objects.filter(organization=org_a, step=ChecklistStep.MODULES).exists()

    client.logout()
    assert "/waste-fees/" not in client.get("/").content.decode()  # the menu (cached per site) was purged
    assert client.get("/waste-fees/").status_code == 404

    client.force_login(officer)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "/admin/waste-fees/" not in dashboard and "/admin/saraban/" not in dashboard

    client.force_login(admin)
    client.post(reverse("lgo_modules"), {"modules": Module.values})
    client.force_login(officer)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "/admin/waste-fees/" in dashboard and "/admin/saraban/" in dashboard


def test_only_the_lgo_administrator_switches_systems(org_a, make_officer, client):
    client.force_login(make_officer(org_a, Role.PR_EDITOR, username="editor"))
    # Wagtail turns PermissionDenied into a redirect to the dashboard with its "no permission" message.
    assert client.get(reverse("lgo_modules"))["Location"] == "/admin/"
    assert client.post(reverse("lgo_modules"), {"modules": []})["Location"] == "/admin/"
    org_a.refresh_from_db()
    assert all(org_a.uses(module) for module in Module.values)
