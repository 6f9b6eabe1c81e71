"""Every department that owns a demo service has a demo officer, printed with the other credentials (issue 9 #21)."""

from __future__ import annotations

import io

import pytest

from core.demo import DemoContext
from eservices import demo, library
from eservices.library import services as library_services
from organizations.constants import Role
from organizations.models import Membership

pytestmark = pytest.mark.django_db


def test_each_department_owning_a_demo_service_has_an_officer_whose_credentials_are_printed():
    import organizations.demo

    ctx = DemoContext(stdout=io.StringIO(), password="demo-Pass-123")
    organizations.demo.load(ctx)
    printed = {username for _url, username, _role in ctx.credentials}
    for organization in ctx.organizations:
        departments = list(organization.departments.all())
        pages = library_services.add_from_library(organization=organization, choices=[
            (key, library_services.default_department(organization, library.get(key), departments))
            for key in demo.DEMO_SERVICES])
        owners = {page.department for page in pages}
        assert len(owners) >= 5
        for department in owners:
            officers = Membership.objects.filter(organization=organization, department=department, role=Role.OFFICER)
            assert officers.exists(), department.name_th
            assert {m.user.username for m in officers} & printed, department.name_th
