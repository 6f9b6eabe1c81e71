"""Roles become Wagtail groups whose page and media permissions stop at the LGO's own tree and collection."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

from organizations import services
from organizations.constants import Role
from organizations.permissions import GROUP_SUFFIXES, ensure_organization_groups, sync_user_groups

pytestmark = pytest.mark.django_db


def test_each_role_has_a_group_scoped_to_the_lgo_home_page_and_collection(org_a, org_b):
    names = set(Group.objects.filter(organization_role__organization=org_a).values_list("name", flat=True))
    assert names == {f"AAA {suffix}" for suffix in GROUP_SUFFIXES.values()}
    editors = Group.objects.get(name="AAA PR editors")
    pages = {(p.page_id, p.permission.codename) for p in GroupPagePermission.objects.filter(group=editors)}
    assert pages == {(org_a.site.root_page_id, "add_page"), (org_a.site.root_page_id, "change_page")}
    approver_perms = set(GroupPagePermission.objects.filter(group__name="AAA PR approvers")
                         .values_list("permission__codename", flat=True))
    assert approver_perms == {"add_page", "change_page", "publish_page"}
    admin_perms = set(GroupPagePermission.objects.filter(group__name="AAA Administrators")
                      .values_list("permission__codename", flat=True))
    assert {"lock_page", "unlock_page", "publish_page", "bulk_delete_page"} <= admin_perms
    collections = set(GroupCollectionPermission.objects.filter(group__name__startswith="AAA ")
                      .values_list("collection_id", flat=True))
    assert collections == {org_a.collection_id}
    assert org_a.collection_id != org_b.collection_id
    assert editors.permissions.filter(codename="access_admin").exists()


def test_ensure_groups_is_idempotent(org_a):
    before = (Group.objects.count(), GroupPagePermission.objects.count(), GroupCollectionPermission.objects.count())
    ensure_organization_groups(org_a)
    assert (Group.objects.count(), GroupPagePermission.objects.count(),
            GroupCollectionPermission.objects.count()) == before


def test_groups_follow_memberships(org_a, org_b, make_officer):
    user = make_officer(org_a, Role.PR_EDITOR, username="somchai")
    other = Group.objects.create(name="Newsletter readers")
    user.groups.add(other)
    assert set(user.groups.values_list("name", flat=True)) == {"AAA PR editors", "Newsletter readers"}

    approver = services.add_membership(user=user, organization=org_b, role=Role.PR_APPROVER)
    assert set(user.groups.values_list("name", flat=True)) == {
        "AAA PR editors", "BBB PR approvers", "Newsletter readers"}

    services.update_membership(membership=approver, role=Role.OFFICER, department=None, position="")
    assert "BBB Officers" in set(user.groups.values_list("name", flat=True))
    assert "BBB PR approvers" not in set(user.groups.values_list("name", flat=True))

    for membership in list(user.memberships.all()):
        services.remove_membership(membership=membership)
    assert set(user.groups.values_list("name", flat=True)) == {"Newsletter readers"}
    sync_user_groups(user)  # idempotent
    assert user.groups.count() == 1


def test_membership_service_refuses_department_of_another_lgo(org_a, org_b, make_officer):
    user = make_officer(org_a, Role.OFFICER, username="narong")
    with pytest.raises(ValidationError, match=r"another LGO|อปท\. อื่น"):
        services.add_membership(user=user, organization=org_a, role=Role.DEPARTMENT_HEAD,
                                department=org_b.departments.first())
    assert user.memberships.count() == 1


# --- Through the admin views -----------------------------------------------------------------------------------

@pytest.fixture
def editor_b(org_a, org_b, make_officer):
    return make_officer(org_b, Role.PR_EDITOR, username="bbb-editor")


def test_editor_of_b_cannot_open_or_edit_a_pages(client, org_a, org_b, editor_b):
    client.force_login(editor_b)
    a_home, b_home = org_a.site.root_page, org_b.site.root_page
    explorer = client.get(reverse("wagtailadmin_explore_root"), follow=True)
    assert explorer.status_code == 200
    html = explorer.content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[b_home.pk]) in html
    # (Wagtail's site filter lists every site's name; no link to A's pages may appear.)
    assert reverse("wagtailadmin_pages:edit", args=[a_home.pk]) not in html
    assert reverse("wagtailadmin_explore", args=[a_home.pk]) not in html

    assert client.get(reverse("wagtailadmin_pages:edit", args=[b_home.pk])).status_code == 200
    denied = client.get(reverse("wagtailadmin_pages:edit", args=[a_home.pk]))
    assert denied.status_code in (302, 403)
    assert client.get(reverse("wagtailadmin_explore", args=[a_home.pk])).status_code in (302, 403)
    posted = client.post(reverse("wagtailadmin_pages:edit", args=[a_home.pk]), {"title": "ถูกแก้", "slug": "x"})
    assert posted.status_code in (302, 403)
    assert Page.objects.get(pk=a_home.pk).title == org_a.name_th
    add = client.get(reverse("wagtailadmin_pages:add_subpage", args=[a_home.pk]))
    assert add.status_code in (302, 403)


def test_admin_search_does_not_find_a_pages_for_b_editor(client, org_a, org_b, editor_b):
    client.force_login(editor_b)
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "เทศบาลตำบลเอ"})
    assert response.status_code == 200
    assert reverse("wagtailadmin_pages:edit", args=[org_a.site.root_page_id]) not in response.content.decode()
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": org_b.name_th})
    assert reverse("wagtailadmin_pages:edit", args=[org_b.site.root_page_id]) in response.content.decode()


def test_editor_of_b_cannot_see_a_images_or_documents(client, org_a, org_b, editor_b, make_officer, make_image,
                                                      make_document):
    editor_a = make_officer(org_a, Role.PR_EDITOR, username="aaa-editor")
    approver_b = make_officer(org_b, Role.PR_APPROVER, username="bbb-approver")
    make_image(org_a, "ภาพของเอ", uploaded_by=editor_a)
    make_image(org_b, "ภาพของบี", uploaded_by=editor_b)
    make_document(org_a, "เอกสารของเอ", uploaded_by=editor_a)
    make_document(org_b, "เอกสารของบี", uploaded_by=editor_b)
    for user in (editor_b, approver_b):
        _assert_sees_only_b_media(client, user)
    # The editor of A sees A's media and not B's: the rule is symmetric.
    client.force_login(editor_a)
    html = _html(client.get(reverse("wagtailimages_chooser:choose")))
    assert "ภาพของเอ" in html
    assert "ภาพของบี" not in html


def _html(response) -> str:
    """The page's HTML; choosers answer JSON with the HTML inside."""
    assert response.status_code == 200
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content)["html"]
    return response.content.decode()


def _assert_sees_only_b_media(client, user) -> None:
    client.force_login(user)
    for url in (reverse("wagtailimages:index"), reverse("wagtailimages_chooser:choose")):
        html = _html(client.get(url))
        assert "ภาพของบี" in html, url
        assert "ภาพของเอ" not in html, url
    for url in (reverse("wagtaildocs:index"), reverse("wagtaildocs_chooser:choose")):
        html = _html(client.get(url))
        assert "เอกสารของบี" in html, url
        assert "เอกสารของเอ" not in html, url


def test_editor_uploads_land_in_their_own_collection(client, org_b, editor_b):
    client.force_login(editor_b)
    html = client.get(reverse("wagtailimages:add")).content.decode()
    assert "AAA" not in html
    assert client.get(reverse("wagtailimages:add")).status_code == 200
