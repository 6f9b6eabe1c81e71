"""The LGO the two-server test works in, written into the test's own database before the servers answer.

Run as `python -m tests.ops.twoserver_seed` with the app servers' environment; prints one JSON line: the service's
id and path, the accounts and their password, the home page's id and its heading before and after the publish.
It builds what the suite's fixtures build (tests/conftest.py, tests/eservices/conftest.py): one LGO on the default
site (any host and port), a catalogue with the water-truck service (four steps, one with an upload), two officers of
the service's department (one works the case, one gets locked out), an LGO administrator, and a saved but
unpublished draft of the home page with a new heading, which the test publishes in the admin of one server.
"""

from __future__ import annotations

import json
import uuid

PASSWORD = "ops-Thongthin-2server"  # a test account's


def seed() -> dict[str, object]:
    from django.db import transaction

    from eservices.constants import ServiceCategory
    from eservices.models import ServiceIndexPage, ServicePage
    from home.models import HomePage
    from organizations.constants import OrganizationKind, Role
    from organizations.services import NewOrganization, create_officer, create_organization
    from tests.conftest import _wagtail_base_data
    from tests.eservices.conftest import standard_steps

    with transaction.atomic():
        _wagtail_base_data()
        organization = create_organization(NewOrganization(
            code="TWO", kind=OrganizationKind.SUBDISTRICT_MUNICIPALITY, name_th="เทศบาลตำบลสองเครื่อง",
            name_en="Two Servers Subdistrict Municipality", dla_code="5571999", province="เชียงราย",
            district="เมืองเชียงราย", hostname="127.0.0.1", is_default_site=True))
        office = organization.departments.get(code="office")
        officer = create_officer(organization=organization, username="two-officer", roles=[Role.OFFICER],
                                 password=PASSWORD, department=office, first_name="สมชาย", last_name="ใจดี")
        admin = create_officer(organization=organization, username="two-admin", roles=[Role.LGO_ADMIN],
                               password=PASSWORD, first_name="สมหญิง", last_name="รักงาน")
        clerk = create_officer(organization=organization, username="two-clerk", roles=[Role.OFFICER],
                               password=PASSWORD, department=office, first_name="สมศักดิ์", last_name="ขยัน")
        home = HomePage.objects.get(pk=organization.site.root_page_id)
        old, new = "ยินดีต้อนรับสู่เทศบาล", f"ประกาศใหม่หลังเผยแพร่ {uuid.uuid4().hex[:8]}"
        home.hero_heading = old
        home.save_revision(user=admin).publish(user=admin)
        catalogue = ServiceIndexPage(title="บริการออนไลน์", slug="e-service")
        home.add_child(instance=catalogue)
        service = ServicePage(
            title="ขอรับบริการน้ำอุปโภคบริโภค", slug="water-truck", summary="ขอรถบรรทุกน้ำ",
            category=ServiceCategory.PUBLIC, process_name="ขอรับบริการน้ำอุปโภคบริโภค", department=office,
            time_limit_days=5, total_time_days=5, no_documents_required=True, online_filing=True,
            form_steps=standard_steps())
        catalogue.add_child(instance=service)
        home.refresh_from_db()
        home.hero_heading = new
        home.save_revision(user=admin)  # an editor's draft: the live page keeps the old heading until published
    return {"service_id": service.pk, "service_path": service.get_url_parts()[2], "home_id": home.pk,
            "officer": officer.username, "admin": admin.username, "clerk": clerk.username, "password": PASSWORD,
            "old_heading": old, "new_heading": new}


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(seed(), ensure_ascii=False))
