"""Roles → Wagtail groups, page permissions, collection permissions and the publishing workflow of each LGO.

Officers never get permissions one by one. Each LGO has one Wagtail group per role ("NKS PR editors", …) whose page
permissions are granted on that LGO's home page only and whose image/document permissions are granted on that LGO's
own collection only, so Wagtail's explorer, choosers and listings show an officer nothing of another LGO. A user's
groups follow their `Membership` rows: every write path that changes memberships ends with `sync_user_groups(user)`.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import F
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .constants import Role
from .models import Organization, OrganizationGroup

# Group name suffix per role: "<CODE> PR editors".
GROUP_SUFFIXES: dict[str, str] = {
    Role.PR_EDITOR: "PR editors",
    Role.PR_APPROVER: "PR approvers",
    Role.OFFICER: "Officers",
    Role.DEPARTMENT_HEAD: "Department heads",
    Role.EXECUTIVE: "Executives",
    Role.CORRESPONDENCE_ADMIN: "Correspondence admins",
    Role.LGO_ADMIN: "Administrators",
}

# Page permission types (Wagtail's PAGE_PERMISSION_TYPES codenames) granted on the LGO's home page.
PAGE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.PR_EDITOR: ("add", "change"),
    Role.PR_APPROVER: ("add", "change", "publish"),
    Role.LGO_ADMIN: ("add", "bulk_delete", "change", "lock", "publish", "unlock"),
}

_EDIT_MEDIA = ("add_image", "change_image", "choose_image", "add_document", "change_document", "choose_document")
_ALL_MEDIA = (*_EDIT_MEDIA, "delete_image", "delete_document")
_CHOOSE_MEDIA = ("choose_image", "choose_document")

# Image/document permissions granted on the LGO's collection. "add" lets an editor change only what they uploaded;
# "change" lets approvers and administrators tidy everyone's uploads.
COLLECTION_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.PR_EDITOR: ("add_image", "choose_image", "add_document", "choose_document"),
    Role.PR_APPROVER: _ALL_MEDIA,
    Role.OFFICER: _CHOOSE_MEDIA,
    Role.DEPARTMENT_HEAD: _CHOOSE_MEDIA,
    Role.EXECUTIVE: _CHOOSE_MEDIA,
    Role.CORRESPONDENCE_ADMIN: _CHOOSE_MEDIA,
    Role.LGO_ADMIN: _ALL_MEDIA,
}

# Model permissions ("app_label.codename"). They open the admin screens; which rows a user sees there is decided by
# organizations.tenancy, so an LGO administrator manages only their own LGO's departments, officers and holidays.
MODEL_PERMISSIONS: dict[str, tuple[str, ...]] = {
    Role.LGO_ADMIN: (
        "organizations.view_organization", "organizations.change_organization",
        "organizations.view_department", "organizations.add_department", "organizations.change_department",
        "organizations.delete_department",
        "organizations.view_membership", "organizations.add_membership", "organizations.change_membership",
        "organizations.delete_membership",
        "organizations.view_holiday", "organizations.add_holiday", "organizations.change_holiday",
        "organizations.delete_holiday",
        "core.view_auditlog",
    ),
}

ADMIN_ACCESS = "wagtailadmin.access_admin"

# wagtail-localize's "Translate this page": editors translate, approvers publish the translations through the same
# workflow (home.translations), so every role that edits pages may start a translation.
SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"
for _role in PAGE_PERMISSIONS:
    MODEL_PERMISSIONS[_role] = (*MODEL_PERMISSIONS.get(_role, ()), SUBMIT_TRANSLATION)


def register_model_permissions(role: str, *names: str) -> None:
    """Let another app grant `role` model permissions ("app_label.codename") in every LGO's role group (applied by
    `ensure_organization_groups`), so organizations never names that app."""
    MODEL_PERMISSIONS[role] = tuple(dict.fromkeys((*MODEL_PERMISSIONS.get(role, ()), *names)))


#: Permissions ("app_label.codename") a role holds on its LGO's own site only (Wagtail's GroupSitePermission), as
#: other apps register them: the website app lets the LGO administrator edit that site's look (logo, colour,
#: social links) and no other LGO's.
SITE_PERMISSIONS: dict[str, set[str]] = {}


def register_site_permissions(role: str, *names: str) -> None:
    """Grant `names` to `role` on each LGO's own site (applied by `ensure_organization_groups`)."""
    SITE_PERMISSIONS.setdefault(role, set()).update(names)


def group_name(organization: Organization, role: str) -> str:
    return f"{organization.code} {GROUP_SUFFIXES[role]}"


def workflow_name(organization: Organization) -> str:
    return f"{organization.code} publishing"


def _permissions(names: Iterable[str]) -> list[Permission]:
    """Permission rows for "app_label.codename" names; raises when one is missing (a typo must not pass silently)."""
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = list(
        Permission.objects.filter(codename__in={codename for _, codename in wanted})
        .select_related("content_type")
    )
    found = [p for p in found if (p.content_type.app_label, p.codename) in wanted]
    if len(found) != len(wanted):
        missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
        raise LookupError(f"Unknown permissions: {sorted(missing)}")
    return found


def _media_permissions(codenames: Iterable[str]) -> list[Permission]:
    return _permissions(
        f"{'wagtailimages' if codename.endswith('_image') else 'wagtaildocs'}.{codename}" for codename in codenames
    )


def ensure_collection(organization: Organization) -> Collection:
    """The LGO's own image/document collection (a child of Wagtail's root collection), created when missing."""
    if organization.collection_id:
        return organization.collection
    root = Collection.get_first_root_node()
    collection = root.add_child(instance=Collection(name=f"{organization.code} – {organization.name_th}"[:255]))
    organization.collection = collection
    organization.save(update_fields=["collection"])
    return collection


def ensure_organization_groups(organization: Organization) -> dict[str, Group]:
    """Create (or repair) the LGO's role groups, their permissions and its publishing workflow. Idempotent."""
    with transaction.atomic():
        _ensure_submit_translation_permission()
        homes = site_roots(organization)
        collection = ensure_collection(organization)
        groups: dict[str, Group] = {}
        for role in Role.values:
            group = _role_group(organization, role)
            groups[role] = group
            group.permissions.add(*_permissions((ADMIN_ACCESS, *MODEL_PERMISSIONS.get(role, ()))))
            for permission_type in PAGE_PERMISSIONS.get(role, ()):
                for home in homes:
                    GroupPagePermission.objects.get_or_create(
                        group=group, page=home, permission=_page_permission(permission_type)
                    )
            for permission in _media_permissions(COLLECTION_PERMISSIONS.get(role, ())):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=collection, permission=permission
                )
            for permission in _permissions(SITE_PERMISSIONS.get(role, ())):
                GroupSitePermission.objects.get_or_create(
                    group=group, site=organization.site, permission=permission
                )
        ensure_workflow(organization, groups)
    return groups


def _ensure_submit_translation_permission() -> None:
    """wagtail-localize creates its permission in a data migration, not from a model's Meta, so a flushed database
    (`manage.py flush`, transactional tests) lacks it; create it as that migration does."""
    from django.contrib.contenttypes.models import ContentType

    content_type, _created = ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")
    Permission.objects.get_or_create(content_type=content_type, codename="submit_translation",
                                     defaults={"name": "Can submit translations"})


def site_roots(organization: Organization) -> list:
    """The LGO's home page and its translations (the English home is a sibling tree under Wagtail's root), where page
    permissions and the publishing workflow apply: an editor translating a page works in that other tree."""
    from wagtail.models import Page

    home = organization.site.root_page
    return [home, *Page.objects.filter(translation_key=home.translation_key).exclude(pk=home.pk).order_by("pk")]


def _role_group(organization: Organization, role: str) -> Group:
    link = OrganizationGroup.objects.for_organization(organization).filter(role=role).select_related("group").first()
    if link:
        return link.group
    group, _created = Group.objects.get_or_create(name=group_name(organization, role))
    OrganizationGroup.objects.create(organization=organization, role=role, group=group)
    return group


def _page_permission(permission_type: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{permission_type}_page")


def ensure_workflow(organization: Organization, groups: dict[str, Group]) -> Workflow:
    """"<CODE> publishing": PR editors submit, PR approvers (or LGO administrators) approve and publish."""
    workflow, _created = Workflow.objects.get_or_create(name=workflow_name(organization))
    if not workflow.workflow_tasks.exists():
        task = GroupApprovalTask.objects.create(name=f"{organization.code} PR approval")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for workflow_task in workflow.workflow_tasks.select_related("task"):
        task = workflow_task.task.specific
        if isinstance(task, GroupApprovalTask):
            task.groups.add(groups[Role.PR_APPROVER], groups[Role.LGO_ADMIN])
    for home in site_roots(organization):
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


def sync_user_groups(user) -> None:
    """Make the user's LGO role groups match their memberships; groups not tied to an LGO role are left alone."""
    # Both lookups in one filter() share one join: the role group's role equals that membership's role.
    wanted = set(
        OrganizationGroup.objects.filter(
            organization__memberships__user=user, role=F("organization__memberships__role")
        ).values_list("group_id", flat=True)
    )
    managed = set(OrganizationGroup.objects.filter(group__user=user).values_list("group_id", flat=True))
    if managed - wanted:
        user.groups.remove(*(managed - wanted))
    if wanted - managed:
        user.groups.add(*(wanted - managed))
