"""`manage.py create_lgo` onboards an LGO in one step and refuses bad input without leaving anything behind."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import Collection, Page, Site, Workflow

from organizations import sitetree
from organizations.constants import Role
from organizations.models import Department, Membership, Organization

pytestmark = pytest.mark.django_db

ARGS = {
    "code": "NKS", "kind": "sao", "name_th": "องค์การบริหารส่วนตำบลหนองแคเหนือ",
    "name_en": "Nong Khae Nuea SAO", "dla_code": "6570101", "province": "ขอนแก่น", "district": "เมืองขอนแก่น",
    "hostname": "www.nongkhaenuea.go.th",
}


def _argv(**overrides) -> list[str]:
    args = {**ARGS, **overrides}
    argv = []
    for key, value in args.items():
        if value is None:
            continue
        argv += [f"--{key.replace('_', '-')}", str(value)]
    return argv


def _counts() -> tuple[int, ...]:
    return (
        Organization.objects.count(), Site.objects.count(), Page.objects.count(), Group.objects.count(),
        Department.objects.count(), Workflow.objects.count(), Collection.objects.count(),
        get_user_model().objects.count(), Membership.objects.count(),
    )


def _refused(*argv: str) -> str:
    before = _counts()
    with pytest.raises(CommandError) as exc:
        call_command("create_lgo", *argv, stdout=StringIO())
    assert _counts() == before, "nothing may be created when the input is refused"
    return str(exc.value)


def test_creates_everything_in_one_step(org_a):
    out = StringIO()
    call_command("create_lgo", *_argv(), "--admin-username", "nks-admin", "--admin-email", "it@nks.go.th",
                 "--port", "8080", stdout=out)
    organization = Organization.objects.get(code="NKS")
    assert organization.kind == "sao"
    assert organization.site.hostname == "www.nongkhaenuea.go.th"
    assert organization.site.port == 8080
    assert organization.site.root_page.title == ARGS["name_th"]
    assert organization.departments.count() >= 6
    assert Group.objects.filter(name="NKS PR editors").exists()
    assert Workflow.objects.filter(name="NKS publishing").exists()
    assert organization.collection is not None
    admin = get_user_model().objects.get(username="nks-admin")
    assert Membership.objects.filter(user=admin, organization=organization, role=Role.LGO_ADMIN).exists()
    assert admin.groups.filter(name="NKS Administrators").exists()
    assert admin.has_usable_password()
    text = out.getvalue()
    assert "NKS" in text and "nks-admin" in text and "รหัสผ่านชั่วคราว" in text


def test_duplicate_code_dla_code_and_hostname_are_refused(org_a):
    call_command("create_lgo", *_argv(), stdout=StringIO())
    message = _refused(*_argv(dla_code="6570199", hostname="other.go.th"))
    assert "NKS" in message and "อยู่แล้ว" in message and "already exists" in message
    message = _refused(*_argv(code="NKT", hostname="other.go.th"))
    assert "6570101" in message and "--dla-code" in message
    message = _refused(*_argv(code="NKT", dla_code="6570199"))
    assert "www.nongkhaenuea.go.th" in message and "--hostname" in message
    message = _refused(*_argv(code="NKT", dla_code="6570199", hostname="testserver", port="8000"))
    assert "testserver" in message  # the same host name on another port is refused too


@pytest.mark.parametrize(
    ("overrides", "option", "fragment"),
    [
        ({"kind": "city_hall"}, "--kind", "city_hall"),
        ({"code": "nks"}, "--code", "NKS"),
        ({"code": "N"}, "--code", "NKS"),
        ({"dla_code": "12345"}, "--dla-code", "7"),
        ({"hostname": "not a host"}, "--hostname", "not a host"),
    ],
)
def test_invalid_input_is_refused_with_a_clear_message(org_a, overrides, option, fragment):
    message = _refused(*_argv(**overrides))
    assert option in message
    assert fragment in message
    assert "ไม่ได้สร้าง" in message and "was not created" in message


def test_taken_admin_username_is_refused(org_a, make_officer):
    make_officer(org_a, Role.OFFICER, username="taken")
    message = _refused(*_argv(), "--admin-username", "taken")
    assert "taken" in message and "--username" in message


def _register_default_pages(monkeypatch, create_default_pages):
    """Stand in for the website app's registered default pages (organizations.sitetree)."""
    tree = sitetree.SiteTree(root_page_model=sitetree.site_tree().root_page_model,
                             create_default_pages=create_default_pages)
    monkeypatch.setattr(sitetree, "_registered", [tree])


def test_failure_in_default_pages_rolls_everything_back(org_a, monkeypatch):
    """A failure late in onboarding (here: the home app's default pages) leaves no trace."""
    def create_default_pages(organization):
        assert Organization.objects.filter(pk=organization.pk).exists()
        raise RuntimeError("disk full")

    _register_default_pages(monkeypatch, create_default_pages)
    before = _counts()
    with pytest.raises(RuntimeError):
        call_command("create_lgo", *_argv(), "--admin-username", "nks-admin", stdout=StringIO())
    assert _counts() == before


def test_default_pages_are_created_when_the_home_app_offers_them(org_a, monkeypatch):
    called = []
    _register_default_pages(monkeypatch, called.append)
    call_command("create_lgo", *_argv(), stdout=StringIO())
    assert [o.code for o in called] == ["NKS"]
