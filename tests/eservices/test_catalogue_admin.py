"""Editors building a service in the Wagtail admin see only their own LGO's departments."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_department_choices_are_the_pages_lgo_only(client, catalogue, org_a, org_b, service):
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw-Thongthin-1")
    client.force_login(admin)
    for url in (f"/admin/pages/add/eservices/servicepage/{catalogue.pk}/", f"/admin/pages/{service.pk}/edit/"):
        content = client.get(url).content.decode()
        select = re.search(r'<select name="department".*?</select>', content, re.S).group(0)
        assert org_a.departments.get(code="office").name_th in select
        for department in org_b.departments.all():
            assert f'value="{department.pk}"' not in select
