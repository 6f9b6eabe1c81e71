"""One tenancy queryset: every LGO-owned model narrows through `TenantQuerySet.for_organization()`/`for_request()`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.test import RequestFactory

from core.models import AuditLog
from core.tenants import TenantQuerySet
from organizations.models import Department, Holiday, Organization, OrganizationOwned

BASE_DIR = Path(settings.BASE_DIR)


def _project_models():
    return [model for model in apps.get_models()
            if (BASE_DIR / model._meta.app_label).is_dir() and ".venv" not in model.__module__]


def test_every_lgo_owned_model_inherits_the_one_base():
    owned = [model for model in _project_models()
             if any(field.name == "organization" and getattr(field, "related_model", None) is Organization
                    for field in model._meta.get_fields())]
    assert len(owned) > 20
    assert [model.__name__ for model in owned if not issubclass(model, OrganizationOwned)] == []
    assert [model.__name__ for model in owned if not isinstance(model.objects.all(), TenantQuerySet)] == []
    assert isinstance(AuditLog.objects.all(), TenantQuerySet)  # core's own log keeps the LGO as an id


def test_for_organization_is_defined_once():
    definitions = []
    for app in {model._meta.app_label for model in _project_models()}:
        for path in (BASE_DIR / app).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef) and node.name in ("for_organization", "for_request"):
                    definitions.append(f"{path.relative_to(BASE_DIR)}:{node.name}")
    assert sorted(definitions) == ["core/tenants.py:for_organization", "core/tenants.py:for_request"]


@pytest.mark.django_db
def test_rows_are_narrowed_to_the_lgo_of_the_request(org_a, org_b):
    mine = Department.objects.create(organization=org_a, code="mine", name_th="กองของเอ")
    Department.objects.create(organization=org_b, code="theirs", name_th="กองของบี")
    request = RequestFactory().get("/", HTTP_HOST=org_a.site.hostname, SERVER_PORT=str(org_a.site.port))
    assert list(Department.objects.for_request(request).filter(code__in=["mine", "theirs"])) == [mine]
    assert list(Department.objects.for_organization(org_a.pk).filter(code__in=["mine", "theirs"])) == [mine]
    assert not Department.objects.for_organization(None).exists()


@pytest.mark.django_db
def test_national_holidays_are_every_lgos_and_local_ones_only_their_own(org_a, org_b):
    import datetime as dt

    national = Holiday.objects.create(organization=None, date=dt.date(2030, 4, 13), name="สงกรานต์")
    local = Holiday.objects.create(organization=org_a, date=dt.date(2030, 4, 20), name="งานประจำปี")
    Holiday.objects.create(organization=org_b, date=dt.date(2030, 4, 21), name="งานของบี")
    in_2030 = Holiday.objects.filter(date__year=2030)
    assert set(in_2030.for_organization(org_a)) == {national, local}
    assert set(in_2030.for_organization(None)) == {national}
    assert set(in_2030.for_organization(org_a, shared=False)) == {local}
