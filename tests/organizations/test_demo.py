"""The demo: two LGOs on two host names, demo accounts for every role, idempotent loading."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import RequestFactory
from wagtail.models import GroupPagePermission, Page, Site

from core.demo import DemoContext
from organizations import demo
from organizations.constants import Role
from organizations.models import Holiday, Membership, Organization
from organizations.tenancy import current_organization, roles

pytestmark = pytest.mark.django_db
PASSWORD = "Demo-Thongthin-2569"


def _load(password: str = PASSWORD) -> DemoContext:
    ctx = DemoContext(stdout=StringIO(), password=password)
    demo.load(ctx)
    return ctx


def _counts() -> tuple[int, ...]:
    return (Organization.objects.count(), Site.objects.count(), Page.objects.count(),
            get_user_model().objects.count(), Membership.objects.count(), Group.objects.count(),
            GroupPagePermission.objects.count(), Holiday.objects.count())


def test_demo_is_idempotent_and_resets_passwords(monkeypatch):
    monkeypatch.setenv("PORT", "8000")
    first = _load()
    counts = _counts()
    assert [o.code for o in first.organizations] == ["NKW", "DSK"]
    User = get_user_model()
    user = User.objects.get(username="nkw-editor")
    user.set_password("changed-by-someone")
    user.save()

    second = _load()
    assert _counts() == counts
    assert [o.pk for o in second.organizations] == [o.pk for o in first.organizations]
    assert User.objects.get(username="nkw-editor").check_password(PASSWORD)
    assert set(second.users) == set(first.users)
    assert len(second.credentials) == len(first.credentials)


def test_demo_accounts_cover_every_role_of_both_lgos(monkeypatch):
    monkeypatch.setenv("PORT", "8000")
    ctx = _load()
    nkw, dsk = ctx.organizations
    expected = {"admin"} | {f"{code}-{suffix}" for code in ("nkw", "dsk") for suffix in
                            ("admin", "editor", "approver", "officer", "head", "executive", "saraban",
                             "office-officer", "engineering-officer", "health-officer", "welfare-officer")}
    assert set(ctx.users) == expected
    assert ctx.users["admin"].is_superuser
    assert roles(ctx.users["nkw-editor"], nkw) == {Role.PR_EDITOR}
    assert roles(ctx.users["nkw-editor"], dsk) == set()
    assert roles(ctx.users["dsk-admin"], dsk) == {Role.LGO_ADMIN}
    assert ctx.users["nkw-officer"].memberships.get().department.code == "finance"
    assert ctx.users["dsk-editor"].groups.filter(name="DSK PR editors").exists()
    urls = {url for url, _username, _role in ctx.credentials}
    assert urls == {"http://127.0.0.1:8000/admin/", "http://localhost:8000/admin/"}
    assert all(role for _url, _username, role in ctx.credentials)


def test_demo_profiles_are_complete_and_valid(monkeypatch):
    monkeypatch.setenv("PORT", "8000")
    for organization in _load().organizations:
        organization.full_clean()
        for field in ("address", "phone", "email", "tax_id", "biller_id", "document_prefix", "office_hours"):
            assert getattr(organization, field), field


@pytest.mark.parametrize(
    ("host", "code"),
    [("127.0.0.1:8000", "NKW"), ("127.0.0.1:9000", "NKW"), ("127.0.0.1", "NKW"), ("localhost:8000", "DSK"),
     ("localhost:8001", "DSK")],
)
def test_127_0_0_1_serves_the_first_lgo_and_localhost_the_second(monkeypatch, host, code):
    monkeypatch.setenv("PORT", "8000")
    _load()
    request = RequestFactory().get("/", HTTP_HOST=host)
    assert current_organization(request).code == code


def test_the_home_pages_are_served_per_host(client, monkeypatch):
    monkeypatch.setenv("PORT", "8000")
    nkw, dsk = _load().organizations
    first = client.get("/", HTTP_HOST="127.0.0.1:8000")
    second = client.get("/", HTTP_HOST="localhost:8000")
    assert first.status_code == 200
    assert second.status_code == 200
    assert nkw.name_th in first.content.decode()
    assert dsk.name_th in second.content.decode()
    assert dsk.name_th not in first.content.decode()
