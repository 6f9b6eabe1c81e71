"""Onboarding on the web: a superuser adds an LGO, its host is served at once, the temporary password must be
replaced, and the first-run checklist leads the new administrator."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from eservices.models import ServicePage
from home.models import TransparencyIndexPage, TransparencyItemPage
from organizations.constants import ChecklistStep, Role
from organizations.hosts import SiteHosts
from organizations.models import ChecklistMark, Organization, PasswordChangeRequired

pytestmark = pytest.mark.django_db

FORM = {
    "name_th": "องค์การบริหารส่วนตำบลหนองแคเหนือ", "kind": "sao", "code": "nks", "dla_code": "6570101",
    "province": "ขอนแก่น", "district": "เมืองขอนแก่น", "hostname": "WWW.Nongkhaenuea.go.th", "name_en": "",
    "admin_first_name": "สมหญิง", "admin_last_name": "ใจงาม", "admin_username": "nks-admin",
    "admin_email": "it@nongkhaenuea.go.th", "default_services": "on",
}


@pytest.fixture
def superuser(org_a):
    return get_user_model().objects.create_superuser("root", "root@example.com", "root-Pass-123")


@override_settings(ALLOWED_HOSTS=SiteHosts(["testserver"]))
def test_superuser_adds_an_lgo_served_at_once_with_services_and_ita_items(superuser, client):
    # Unknown before, refused (400), like any unknown host.
    assert client.get("/", HTTP_HOST="www.nongkhaenuea.go.th").status_code == 400
    client.force_login(superuser)
    response = client.get(reverse("lgo_add_organization"))
    assert response.status_code == 200 and "เพิ่ม อปท." in response.content.decode()
    response = client.post(reverse("lgo_add_organization"), FORM)
    assert response.status_code == 200, response.content.decode()[:2000]
    html = response.content.decode()
    organization = Organization.objects.get(code="NKS")
    assert organization.site.hostname == "www.nongkhaenuea.go.th"
    admin = get_user_model().objects.get(username="nks-admin")
    assert (admin.first_name, admin.last_name) == ("สมหญิง", "ใจงาม")
    assert PasswordChangeRequired.objects.filter(user=admin).exists()
    password = response.context["password"]
    assert password in html and admin.check_password(password)
    # Served at once, with no restart: the host is now allowed and finds its own site.
    home = client.get("/", HTTP_HOST="www.nongkhaenuea.go.th")
    assert home.status_code == 200 and "หนองแคเหนือ" in home.content.decode()
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400
    # Default services and this year's ITA items, each linked where the site already has the evidence.
    services = ServicePage.objects.descendant_of(organization.site.root_page).live()
    assert services.count() == 10
    catalogue = client.get("/e-service/", HTTP_HOST="www.nongkhaenuea.go.th")
    assert catalogue.status_code == 200 and "เบี้ยยังชีพผู้สูงอายุ" in catalogue.content.decode()
    index = TransparencyIndexPage.objects.descendant_of(organization.site.root_page).get()
    items = {item.code: item for item in TransparencyItemPage.objects.child_of(index)}
    assert len(items) >= 30
    assert len(items["o1"].files) == 1 and len(items["o15"].files) == 1 and len(items["o28"].files) == 1
    assert len(items["o11"].files) == 0


def test_a_bad_form_keeps_what_was_typed_and_creates_nothing(superuser, org_a, client):
    client.force_login(superuser)
    before = Organization.objects.count()
    response = client.post(reverse("lgo_add_organization"), {**FORM, "dla_code": org_a.dla_code,
                                                             "hostname": "not a host"})
    html = response.content.decode()
    assert response.status_code == 200 and Organization.objects.count() == before
    assert "error-summary" in html and FORM["name_th"] in html
    assert not get_user_model().objects.filter(username="nks-admin").exists()


def test_only_superusers_add_lgos(org_a, make_officer, client):
    client.force_login(make_officer(org_a, Role.LGO_ADMIN))
    response = client.get(reverse("lgo_add_organization"))
    assert response.status_code in (302, 403) and "admin_username" not in response.content.decode()


def test_temporary_password_must_be_changed_first(superuser, client):
    client.force_login(superuser)
    response = client.post(reverse("lgo_add_organization"), {**FORM, "default_services": ""})
    password = response.context["password"]
    client.logout()
    assert client.login(username="nks-admin", password=password)
    client.post(reverse("wagtailadmin_login"), {"username": "nks-admin", "password": password})
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302 and response["Location"] == reverse("lgo_change_password")
    assert client.get(reverse("lgo_profile:index")).status_code == 302
    # The same password again is refused, in Thai.
    response = client.post(reverse("lgo_change_password"), {"old_password": password, "new_password1": password,
                                                            "new_password2": password})
    assert response.status_code == 200 and "ต่างจากรหัสผ่านชั่วคราว" in response.content.decode()
    new = "Kaew-Mangkorn-2570!"
    response = client.post(reverse("lgo_change_password"), {"old_password": password, "new_password1": new,
                                                            "new_password2": new})
    assert response.status_code == 302, response.context["form"].errors
    assert not PasswordChangeRequired.objects.exists()
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    html = dashboard.content.decode()
    assert 'id="first-run-checklist"' in html and "ทำแล้ว 0 จาก 9 ขั้นตอน" in html


def test_checklist_ticks_itself_and_manual_steps_are_marked(superuser, client):
    client.force_login(superuser)
    client.post(reverse("lgo_add_organization"), FORM)
    organization = Organization.objects.get(code="NKS")
    admin = get_user_model().objects.get(username="nks-admin")
    PasswordChangeRequired.objects.all().delete()
    client.force_login(admin)
    html = client.get(reverse("wagtailadmin_home"), HTTP_HOST="www.nongkhaenuea.go.th").content.decode()
    assert 'data-step="services" data-done="1"' in html  # ten default services
    assert 'data-step="departments" data-done="0"' in html
    # The panel's buttons carry a real CSRF token (a browser is refused without one).
    form = re.search(r'data-step="departments".*?</form>', html, re.S).group(0)
    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]{20,}"', form)
    response = client.post(reverse("lgo_checklist_mark", args=["departments"]), HTTP_HOST="www.nongkhaenuea.go.th")
    assert response.status_code == 302
    assert ChecklistMark.objects.filter(organization=organization, step=ChecklistStep.DEPARTMENTS).exists()
    html = client.get(reverse("home_ita_completeness"), HTTP_HOST="www.nongkhaenuea.go.th").content.decode()
    assert 'data-item="o11" data-complete="0"' in html and 'data-item="o1" data-complete="1"' in html
    assert "ยังไม่มีหลักฐาน" in html


def test_create_lgo_prints_the_password_last_and_can_add_default_services(org_a):
    out = StringIO()
    call_command("create_lgo", "--code", "NKS", "--kind", "sao", "--name-th", FORM["name_th"], "--dla-code",
                 "6570101", "--province", "ขอนแก่น", "--district", "เมืองขอนแก่น", "--hostname", "nks.test",
                 "--admin-username", "nks-admin", "--admin-first-name", "สมหญิง", "--admin-last-name", "ใจงาม",
                 "--default-services", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if line.strip()]
    assert "รหัสผ่านชั่วคราว" in lines[-1]
    password = lines[-1].split()[-1]
    admin = get_user_model().objects.get(username="nks-admin")
    assert admin.check_password(password) and admin.get_full_name() == "สมหญิง ใจงาม"
    assert PasswordChangeRequired.objects.filter(user=admin).exists()
    organization = Organization.objects.get(code="NKS")
    assert ServicePage.objects.descendant_of(organization.site.root_page).count() == 10
