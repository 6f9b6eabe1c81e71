"""The LGO admin screens: an LGO administrator manages only their own LGO, bad input is refused in Thai."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from core.audit import log_access
from core.models import AuditAction, AuditLog
from organizations.constants import Role
from organizations.models import Department, Holiday, Membership, Organization

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_a(org_a, org_b, make_officer):
    return make_officer(org_a, Role.LGO_ADMIN, username="aaa-admin")


@pytest.fixture
def client_a(client, admin_a):
    client.force_login(admin_a)
    return client


def _dept(org, code, name):
    return Department.objects.create(organization=org, code=code, name_th=name)


def test_department_listing_and_editing_stay_inside_the_lgo(client_a, org_a, org_b, django_assert_max_num_queries):
    own = _dept(org_a, "parks", "กองสวนสาธารณะเอ")
    other = _dept(org_b, "parks", "กองสวนสาธารณะบี")
    with django_assert_max_num_queries(40):
        html = client_a.get(reverse("lgo_departments:index")).content.decode()
    assert "กองสวนสาธารณะเอ" in html
    assert "กองสวนสาธารณะบี" not in html
    assert client_a.get(reverse("lgo_departments:edit", args=[own.pk])).status_code == 200
    assert client_a.get(reverse("lgo_departments:edit", args=[other.pk])).status_code == 404
    assert client_a.post(reverse("lgo_departments:delete", args=[other.pk])).status_code == 404
    assert Department.objects.filter(pk=other.pk).exists()
    # The organization choice offers only the administrator's own LGO: posting B is refused.
    response = client_a.post(reverse("lgo_departments:add"), {
        "organization": org_b.pk, "name_th": "กองแอบสร้าง", "code": "sneaky", "sort_order": 0})
    assert response.status_code == 200
    assert not Department.objects.filter(code="sneaky").exists()


def test_duplicate_department_code_is_refused_in_thai(client_a, org_a):
    before = Department.objects.count()
    response = client_a.post(reverse("lgo_departments:add"), {
        "organization": org_a.pk, "name_th": "กองคลังซ้ำ", "code": "finance", "sort_order": 0})
    assert response.status_code == 200
    assert "มีกองที่ใช้รหัส “finance” อยู่แล้ว" in response.content.decode()
    assert Department.objects.count() == before
    response = client_a.post(reverse("lgo_departments:add"), {
        "organization": org_a.pk, "name_th": "กองการประปา", "code": "water", "sort_order": 7})
    assert response.status_code == 302
    assert org_a.departments.filter(code="water", name_th="กองการประปา").exists()


def test_adding_an_officer_creates_the_account_membership_and_groups(client_a, org_a):
    response = client_a.post(reverse("lgo_officers:add"), {
        "organization": org_a.pk, "username": "aaa-new", "first_name": "มานี", "last_name": "มีนา",
        "email": "manee@example.org", "password": "Pr-Nongkaew-2569", "role": Role.PR_EDITOR,
        "department": org_a.departments.get(code="office").pk, "position": "นักประชาสัมพันธ์"})
    assert response.status_code == 302, response.content.decode()[:2000]
    user = get_user_model().objects.get(username="aaa-new")
    assert user.check_password("Pr-Nongkaew-2569")
    assert Membership.objects.get(user=user).role == Role.PR_EDITOR
    assert set(user.groups.values_list("name", flat=True)) == {"AAA PR editors"}


def test_adding_an_officer_refuses_bad_input_and_creates_nothing(client_a, org_a, org_b, make_officer):
    make_officer(org_b, Role.OFFICER, username="bbb-somsak")
    users, memberships = get_user_model().objects.count(), Membership.objects.count()
    cases = [
        ({"username": "bbb-somsak", "password": "Pr-Nongkaew-2569"}, "ชื่อผู้ใช้นี้มีผู้ใช้แล้ว"),
        ({"username": "aaa-new", "password": ""}, "กรุณากำหนดรหัสผ่านเริ่มต้น"),
        ({"username": "aaa-new", "password": "123"}, "รหัสผ่าน"),
        ({"username": "aaa-new", "password": "Pr-Nongkaew-2569",
          "department": org_b.departments.get(code="office").pk}, "department"),
    ]
    for overrides, fragment in cases:
        data = {"organization": org_a.pk, "role": Role.OFFICER, "position": "", **overrides}
        response = client_a.post(reverse("lgo_officers:add"), data)
        assert response.status_code == 200, overrides
        if fragment != "department":
            assert fragment in response.content.decode(), overrides
    assert get_user_model().objects.count() == users
    assert Membership.objects.count() == memberships


def test_removing_a_role_removes_its_group(client_a, org_a, org_b, make_officer):
    officer = make_officer(org_a, Role.PR_APPROVER, username="aaa-approver")
    other = make_officer(org_b, Role.PR_APPROVER, username="bbb-approver")
    membership = officer.memberships.get()
    assert client_a.post(reverse("lgo_officers:delete", args=[other.memberships.get().pk])).status_code == 404
    response = client_a.post(reverse("lgo_officers:delete", args=[membership.pk]))
    assert response.status_code == 302
    assert not officer.memberships.exists()
    assert not officer.groups.exists()
    assert other.groups.filter(name="BBB PR approvers").exists()


def test_changing_a_role_moves_the_officer_between_groups(client_a, org_a, make_officer):
    officer = make_officer(org_a, Role.PR_EDITOR, username="aaa-writer")
    membership = officer.memberships.get()
    response = client_a.post(reverse("lgo_officers:edit", args=[membership.pk]), {
        "role": Role.PR_APPROVER, "department": "", "position": "หัวหน้างานประชาสัมพันธ์"})
    assert response.status_code == 302
    assert set(officer.groups.values_list("name", flat=True)) == {"AAA PR approvers"}


def test_holidays_national_listed_own_editable_others_hidden(client_a, org_a, org_b):
    national = Holiday.objects.filter(organization__isnull=True).first()
    own = Holiday.objects.create(organization=org_a, date=dt.date(2026, 12, 22), name="วันก่อตั้งเอ")
    other = Holiday.objects.create(organization=org_b, date=dt.date(2026, 12, 23), name="วันก่อตั้งบี")
    html = client_a.get(reverse("lgo_holidays:index") + "?p=1").content.decode()
    assert "วันก่อตั้งบี" not in html
    assert client_a.get(reverse("lgo_holidays:edit", args=[own.pk])).status_code == 200
    assert client_a.get(reverse("lgo_holidays:edit", args=[national.pk])).status_code == 404
    assert client_a.get(reverse("lgo_holidays:edit", args=[other.pk])).status_code == 404
    response = client_a.post(reverse("lgo_holidays:add"), {
        "organization": org_a.pk, "date": "2026-12-22", "name": "ซ้ำ", "note": ""})
    assert response.status_code == 200
    assert "มีวันหยุดในวันที่นี้อยู่แล้ว" in response.content.decode()
    assert Holiday.objects.filter(organization=org_a).count() == 1


def test_lgo_profile_is_editable_only_for_the_own_lgo(client_a, org_a, org_b):
    assert client_a.get(reverse("lgo_profile:edit", args=[org_b.pk])).status_code == 404
    assert client_a.get(reverse("lgo_profile:add")).status_code in (302, 403)
    edit_url = reverse("lgo_profile:edit", args=[org_a.pk])
    assert client_a.get(edit_url).status_code == 200
    data = {
        "name_th": org_a.name_th, "name_en": "A", "kind": org_a.kind, "subdistrict": "", "district": "เมือง",
        "province": "เชียงราย", "address": "", "postcode": "57000", "phone": "053000000", "email": "",
        "office_hours": "จันทร์–ศุกร์", "office_opens": "08:30", "office_closes": "16:30",
        "tax_id": "0994000123450", "biller_id": "", "document_prefix": "ชร 1", "logo": "",
    }
    response = client_a.post(edit_url, data)
    assert response.status_code == 200
    assert "เลขตรวจสอบ" in response.content.decode()  # wrong tax ID check digit
    assert Organization.objects.get(pk=org_a.pk).tax_id == ""
    response = client_a.post(edit_url, {**data, "tax_id": "0994000123451"})
    assert response.status_code == 302
    assert Organization.objects.get(pk=org_a.pk).tax_id == "0994000123451"


def test_officers_without_admin_role_cannot_open_the_lgo_screens(client, org_a, make_officer):
    editor = make_officer(org_a, Role.PR_EDITOR, username="aaa-editor")
    client.force_login(editor)
    for name in ("lgo_departments:index", "lgo_officers:index", "lgo_holidays:index", "audit_log:index"):
        assert client.get(reverse(name)).status_code in (302, 403), name


def test_audit_log_viewer_is_read_only_and_per_lgo(client_a, org_a, org_b, admin_a, django_assert_max_num_queries):
    own = log_access(actor=admin_a, organization=org_a, action=AuditAction.VIEW, object_type="case",
                     object_id="1", detail="เปิดคำร้อง NKW-1")
    other = log_access(actor=None, organization=org_b, action=AuditAction.EXPORT, object_type="case",
                       object_id="2", detail="ส่งออกคำร้อง BBB-2")
    with django_assert_max_num_queries(40):
        html = client_a.get(reverse("audit_log:index")).content.decode()
    assert "เปิดคำร้อง NKW-1" in html
    assert "ส่งออกคำร้อง BBB-2" not in html
    assert client_a.get(reverse("audit_log:inspect", args=[own.pk])).status_code == 200
    assert client_a.get(reverse("audit_log:inspect", args=[other.pk])).status_code == 404
    assert client_a.get(reverse("audit_log:edit", args=[own.pk])).status_code in (302, 403)
    assert client_a.post(reverse("audit_log:delete", args=[own.pk])).status_code in (302, 403)
    assert AuditLog.objects.count() == 2


def test_the_last_administrator_cannot_be_removed_or_demoted(client_a, admin_a, org_a, make_officer):
    membership = admin_a.memberships.get(role=Role.LGO_ADMIN)
    response = client_a.post(reverse("lgo_officers:delete", args=[membership.pk]), follow=True)
    assert "ต้องมีผู้ดูแลระบบอย่างน้อยหนึ่งคน" in response.content.decode()
    assert Membership.objects.filter(pk=membership.pk).exists()
    response = client_a.post(reverse("lgo_officers:edit", args=[membership.pk]),
                             {"role": Role.OFFICER, "department": "", "position": ""})
    assert response.status_code == 200
    assert "ต้องมีผู้ดูแลระบบอย่างน้อยหนึ่งคน" in response.content.decode()
    assert admin_a.groups.filter(name="AAA Administrators").exists()
    # With a second administrator the first may step down.
    make_officer(org_a, Role.LGO_ADMIN, username="aaa-admin2")
    response = client_a.post(reverse("lgo_officers:delete", args=[membership.pk]))
    assert response.status_code == 302
    assert not admin_a.groups.exists()


def test_officer_listing_query_count_does_not_grow_with_officers(client_a, org_a, make_officer,
                                                                 django_assert_max_num_queries):
    for n in range(15):
        make_officer(org_a, Role.OFFICER, username=f"aaa-officer{n}", department="finance")
    with django_assert_max_num_queries(40):
        response = client_a.get(reverse("lgo_officers:index"))
    assert response.status_code == 200
    assert "aaa-officer14" in response.content.decode()
