"""Creating thousands of LGOs at once by copying one template LGO with bulk inserts (benchmarks, national roll-outs).

`onboard_organization` creates one LGO in a few hundred queries (tree inserts page by page, groups, permissions,
workflow, default pages and services); at a country's ~7,850 LGOs that is hours. `clone_organizations` makes the
same rows for many LGOs in a few queries per batch: each new LGO gets a copy of the template LGO's page tree (every
page type's table, the pages' inline children such as a personnel page's members, correct tree paths, depths,
child counts and URL paths, its own home slug and title), its Site, its Organization row from the `NewOrganization`
given, the default departments, its own media collection, role groups with the template's permissions, and its
publishing workflow. So each LGO is served and administered like one onboarded the normal way.

What a copy does not get: page revisions (the copies are published pages without history, as an import makes),
search-index entries (run `manage.py update_index` for site search), the template's officers, cases and other
LGO-owned data, the rows other apps add on `organization_created` (sent once per LGO would be the slow path again:
`ensure_organization_groups(organization)` and the apps' receivers can complete any one LGO later, idempotently).
Links inside copied pages that point at other template pages (a StreamField's page chooser) still point there.
"""

from __future__ import annotations

import copy
import uuid
from collections import defaultdict
from collections.abc import Sequence

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from modelcluster.models import get_all_child_relations
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
    Page,
    Site,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import Department, Organization, OrganizationGroup
from .permissions import group_name, workflow_name
from .services import DEFAULT_DEPARTMENTS, NewOrganization, _unsaved_organization

INSERT_BATCH = 200


def clone_organizations(template: Organization, rows: Sequence[NewOrganization], **extra_fields) -> list[Organization]:
    """Create one LGO per `rows` entry as a copy of `template`'s site tree, groups and workflow, in one transaction.

    The caller guarantees what `organization_problems` would check (unique codes, DLA codes and host names); the
    database's unique constraints still refuse duplicates (and then nothing is created).
    """
    if not rows:
        return []
    with transaction.atomic():
        home = Page.objects.get(pk=template.site.root_page_id)
        roots = [home, *Page.objects.filter(translation_key=home.translation_key).exclude(pk=home.pk)
                 .order_by("pk")]  # the home page and its translations (sibling trees), as `site_roots` lists
        trees = [list(Page.objects.descendant_of(root, inclusive=True).order_by("path").specific()) for root in roots]
        organizations = [_unsaved_organization(data, **extra_fields) for data in rows]
        per_batch = max(1, 5000 // sum(len(tree) for tree in trees))  # LGOs whose pages are in memory at once
        homes: list[dict[int, int]] = []  # per new LGO: template root page id -> its copy's id
        children: dict[int, list] = {}
        for start in range(0, len(rows), per_batch):
            chunk = list(zip(rows[start:start + per_batch], organizations[start:start + per_batch], strict=True))
            copies = _copy_pages(template, roots, trees, [data for data, _ in chunk])
            chunk_homes = [{root.pk: copies[index][root.pk][1].pk for root in roots} for index in range(len(chunk))]
            sites = Site.objects.bulk_create(
                Site(hostname=data.hostname, port=data.port, root_page_id=mapping[home.pk], site_name=data.name_th,
                     is_default_site=False)
                for (data, _), mapping in zip(chunk, chunk_homes, strict=True))
            collections = _add_collections([f"{o.code} – {o.name_th}"[:255] for _, o in chunk])
            for (_, organization), site, collection in zip(chunk, sites, collections, strict=True):
                organization.site = site
                organization.collection = collection
            Organization.objects.bulk_create([organization for _, organization in chunk])
            departments = Department.objects.bulk_create(
                Department(organization=organization, code=code, name_th=th, name_en=en, sort_order=index)
                for _, organization in chunk for index, (code, th, en) in enumerate(DEFAULT_DEPARTMENTS))
            department_ids = {(d.organization_id, d.code): d.pk for d in departments}
            _insert_specific(template, copies, [organization for _, organization in chunk], department_ids)
            _copy_children([pair for lgo in copies for pair in lgo.values()], children)
            homes += chunk_homes
        _copy_groups_and_workflow(template, organizations, homes)
        _renumber_children(Collection.get_first_root_node())
        # Bulk inserts send no signals: tell every process the sites changed (the hosts version moves on).
        Site.clear_site_root_paths_cache()
        transaction.on_commit(Site.clear_site_root_paths_cache)
    return organizations


# --- Page trees ------------------------------------------------------------------------------------------------

def _copy_pages(template: Organization, roots: list[Page], trees: list[list[Page]],
                rows: Sequence[NewOrganization]) -> list[dict[int, tuple[Page, Page]]]:
    """Insert the Page rows of one copy of every tree per row (next free places under Wagtail's root); return per
    row {template page id: (template page, new Page row)}. A page and its translations share a new translation
    key within one LGO, as they share one in the template."""
    top = roots[0].get_parent()
    last = top.get_last_child()
    step = Page._str2int(last.path[-Page.steplen:]) + 1 if last else 1
    base_fields = [f for f in Page._meta.concrete_fields if not f.primary_key]
    template_slug = roots[0].slug
    result: list[dict[int, tuple[Page, Page]]] = []
    for data in rows:
        keys: dict = defaultdict(uuid.uuid4)
        copies: dict[int, tuple[Page, Page]] = {}
        for root, tree in zip(roots, trees, strict=True):
            root_path = Page._get_path(top.path, root.depth, step)
            step += 1
            root_slug = data.code.lower() + root.slug[len(template_slug):]  # "nks" or the English home's "nks-en"
            root_url = f"{top.url_path}{root_slug}/"
            for page in tree:
                row = Page(**{f.attname: getattr(page, f.attname) for f in base_fields})
                row.path = root_path + page.path[len(root.path):]
                row.url_path = root_url + page.url_path[len(root.url_path):]
                row.translation_key = keys[page.translation_key]
                row.latest_revision_id = row.live_revision_id = row.alias_of_id = None
                row.locked, row.locked_by_id, row.locked_at = False, None, None
                if page.pk == root.pk:
                    title = data.name_th if root is roots[0] else (data.name_en or data.name_th)
                    row.slug, row.title, row.draft_title, row.seo_title = root_slug, title, title, ""
                copies[page.pk] = (page, row)
        result.append(copies)
    Page.objects.bulk_create([row for lgo in result for _page, row in lgo.values()], batch_size=INSERT_BATCH)
    Page.objects.filter(pk=top.pk).update(numchild=F("numchild") + len(rows) * len(roots))
    return result


def _insert_specific(template: Organization, copies: list[dict[int, tuple[Page, Page]]],
                     organizations: list[Organization], department_ids: dict[tuple[int, str], int]) -> None:
    """The page types' own tables (every concrete class between Page and the specific type), as a raw save does;
    a page field naming the template LGO (an ITA item's organization) or one of its departments (a service's
    responsible division) names the new LGO or its department of the same code."""
    template_departments = dict(template.departments.values_list("pk", "code"))
    by_model: dict[type, list] = defaultdict(list)
    for lgo, organization in zip(copies, organizations, strict=True):
        for page, row in lgo.values():
            model = type(page)
            if model is Page:
                continue
            clone = copy.copy(page)
            for field in model._meta.concrete_fields:
                if field.primary_key or getattr(field.remote_field, "parent_link", False):
                    setattr(clone, field.attname, row.pk)
                elif field.is_relation and field.related_model is Organization:
                    if getattr(page, field.attname) == template.pk:
                        setattr(clone, field.attname, organization.pk)
                elif field.is_relation and field.related_model is Department:
                    code = template_departments.get(getattr(page, field.attname))
                    setattr(clone, field.attname, department_ids.get((organization.pk, code)))
                elif isinstance(getattr(page, field.attname), str) and field.model is not Page:
                    setattr(clone, field.attname, _renamed(getattr(page, field.attname), template, organization))
            for parent in [*reversed(model._meta.get_parent_list()), model]:
                if parent is not Page and issubclass(parent, Page):
                    by_model[parent].append(clone)
    for model, objects in by_model.items():
        fields = model._meta.local_concrete_fields
        using = router.db_for_write(model)
        for start in range(0, len(objects), INSERT_BATCH):
            model._base_manager._insert(objects[start:start + INSERT_BATCH], fields=fields, using=using)


def _renamed(text: str, template: Organization, organization: Organization) -> str:
    """Default content names its LGO ("บริการประชาชน<name>..."): the copy names the new one."""
    text = text.replace(template.name_th, organization.name_th)
    if template.name_en and organization.name_en:
        text = text.replace(template.name_en, organization.name_en)
    return text


def _copy_children(copies: list[tuple[Page, Page]], children: dict[int, list]) -> None:
    """Inline children (ParentalKey rows: a personnel page's members, a form's fields) follow their page."""
    by_model: dict[type, list] = defaultdict(list)
    for page, row in copies:
        if page.pk not in children:  # read once per template page, not once per copy
            children[page.pk] = [(relation, child) for relation in get_all_child_relations(page)
                                 if relation.related_model._meta.app_label != "wagtailcore"  # editors' comments
                                 for child in getattr(page, relation.get_accessor_name()).all()]
        for relation, child in children[page.pk]:
            clone = copy.copy(child)
            clone.pk = None
            clone.id = None
            setattr(clone, relation.field.attname, row.pk)
            by_model[type(child)].append(clone)
    for model, objects in by_model.items():
        model._base_manager.bulk_create(objects, batch_size=INSERT_BATCH)


# --- Collections, groups, workflow ------------------------------------------------------------------------------

def _add_collections(names: list[str]) -> list[Collection]:
    """One child of Wagtail's root collection per name (the LGO's images and documents), appended: the caller
    renumbers the root's children afterwards (`_renumber_children`)."""
    top = Collection.get_first_root_node()
    last = top.get_last_child()
    step = Collection._str2int(last.path[-Collection.steplen:]) + 1 if last else 1
    collections = [
        Collection(name=name, path=Collection._get_path(top.path, top.depth + 1, step + index), depth=top.depth + 1,
                   numchild=0)
        for index, name in enumerate(names)
    ]
    Collection.objects.bulk_create(collections, batch_size=INSERT_BATCH)
    Collection.objects.filter(pk=top.pk).update(numchild=F("numchild") + len(names))
    return collections


def _renumber_children(top: Collection) -> None:
    """Collections keep their siblings sorted by name (treebeard's `node_order_by`, compared by the database), and
    treebeard's next sorted insert relies on path order matching name order: so, once per copy, the root's children
    are renumbered in the database's name order (a few updates, plus one per collection with sub-collections)."""
    children = list(top.get_children().order_by("name").values_list("pk", "path", "numchild"))
    moved = [(pk, path, numchild, Collection._get_path(top.path, top.depth + 1, index + 1))
             for index, (pk, path, numchild) in enumerate(children)]
    moved = [entry for entry in moved if entry[1] != entry[3]]
    if not moved:
        return
    below = Collection.objects.filter(path__startswith=top.path, depth__gt=top.depth)
    below.update(path=Concat(Value("~"), "path"))  # out of the way: no two paths collide while renumbering
    leaves = []
    for pk, path, numchild, new_path in moved:
        if numchild:
            Collection.objects.filter(path__startswith="~" + path).update(
                path=Concat(Value(new_path), Substr("path", len(path) + 2)))
        else:
            leaves.append(Collection(pk=pk, path=new_path))
    Collection.objects.bulk_update(leaves, ["path"], batch_size=INSERT_BATCH)
    Collection.objects.filter(path__startswith="~").update(path=Substr("path", 2))  # those that kept their place


def _copy_groups_and_workflow(template: Organization, organizations: list[Organization],
                              homes: list[dict[int, int]]) -> None:
    """Each new LGO gets the template's role groups (same model, page, collection and site permissions, pointed at
    its own home page, collection and site) and its own publishing workflow approved by the same roles."""
    links = list(OrganizationGroup.objects.filter(organization=template).select_related("group"))
    if not links:
        return
    template_roots = list(homes[0]) if homes else []
    group_permissions = defaultdict(list)
    Through = Group.permissions.through
    for group_id, permission_id in Through.objects.filter(group__in=[link.group for link in links]).values_list(
            "group_id", "permission_id"):
        group_permissions[group_id].append(permission_id)
    page_permissions = defaultdict(list)  # group id -> [(template root page id, permission id)]
    for group_id, page_id, permission_id in GroupPagePermission.objects.filter(
            group__in=[link.group for link in links], page_id__in=template_roots).values_list(
            "group_id", "page_id", "permission_id"):
        page_permissions[group_id].append((page_id, permission_id))
    collection_permissions = defaultdict(list)
    for group_id, permission_id in GroupCollectionPermission.objects.filter(
            group__in=[link.group for link in links], collection_id=template.collection_id).values_list(
            "group_id", "permission_id"):
        collection_permissions[group_id].append(permission_id)
    site_permissions = defaultdict(list)
    for group_id, permission_id in GroupSitePermission.objects.filter(
            group__in=[link.group for link in links], site_id=template.site_id).values_list("group_id",
                                                                                            "permission_id"):
        site_permissions[group_id].append(permission_id)
    template_workflow = WorkflowPage.objects.filter(page_id__in=template_roots).select_related("workflow").first()
    workflow_roots = list(WorkflowPage.objects.filter(page_id__in=template_roots).values_list("page_id", flat=True))
    approver_roles = set()
    if template_workflow:
        for task in GroupApprovalTask.objects.filter(workflow_tasks__workflow=template_workflow.workflow):
            approver_roles |= {link.role for link in links if link.group in task.groups.all()}

    for start in range(0, len(organizations), INSERT_BATCH):
        chunk = list(zip(organizations[start:start + INSERT_BATCH], homes[start:start + INSERT_BATCH], strict=True))
        groups = {(organization.pk, link.role): Group(name=group_name(organization, link.role))
                  for organization, _home in chunk for link in links}
        Group.objects.bulk_create(groups.values())
        OrganizationGroup.objects.bulk_create(
            OrganizationGroup(organization=organization, role=link.role, group=groups[organization.pk, link.role])
            for organization, _home in chunk for link in links)
        Through.objects.bulk_create(
            Through(group_id=groups[organization.pk, link.role].pk, permission_id=permission_id)
            for organization, _home in chunk for link in links for permission_id in group_permissions[link.group_id])
        GroupPagePermission.objects.bulk_create(
            GroupPagePermission(group=groups[organization.pk, link.role], page_id=mapping[page_id],
                                permission_id=permission)
            for organization, mapping in chunk for link in links
            for page_id, permission in page_permissions[link.group_id])
        GroupCollectionPermission.objects.bulk_create(
            GroupCollectionPermission(group=groups[organization.pk, link.role], collection=organization.collection,
                                      permission_id=permission)
            for organization, _home in chunk for link in links
            for permission in collection_permissions[link.group_id])
        GroupSitePermission.objects.bulk_create(
            GroupSitePermission(group=groups[organization.pk, link.role], site=organization.site,
                                permission_id=permission)
            for organization, _home in chunk for link in links for permission in site_permissions[link.group_id])
        if template_workflow:
            _add_workflows(chunk, groups, approver_roles, workflow_roots)


def _add_workflows(chunk: list[tuple[Organization, dict[int, int]]], groups: dict, approver_roles: set[str],
                   template_roots: list[int]) -> None:
    workflows = Workflow.objects.bulk_create(Workflow(name=workflow_name(organization)) for organization, _ in chunk)
    task_type = ContentType.objects.get_for_model(GroupApprovalTask)
    tasks = Task.objects.bulk_create(Task(name=f"{organization.code} PR approval", content_type=task_type)
                                     for organization, _ in chunk)
    using = router.db_for_write(GroupApprovalTask)
    specific = []
    for task in tasks:
        approval = GroupApprovalTask(task_ptr_id=task.pk)
        approval.__dict__.update({f.attname: getattr(task, f.attname) for f in Task._meta.concrete_fields})
        specific.append(approval)
    GroupApprovalTask._base_manager._insert(specific, fields=GroupApprovalTask._meta.local_concrete_fields,
                                           using=using)
    WorkflowTask.objects.bulk_create(WorkflowTask(workflow=workflow, task=task, sort_order=0)
                                     for workflow, task in zip(workflows, tasks, strict=True))
    Approvers = GroupApprovalTask.groups.through
    Approvers.objects.bulk_create(
        Approvers(groupapprovaltask_id=task.pk, group_id=groups[organization.pk, role].pk)
        for (organization, _), task in zip(chunk, tasks, strict=True) for role in sorted(approver_roles))
    WorkflowPage.objects.bulk_create(WorkflowPage(page_id=mapping[page_id], workflow=workflow)
                                     for (_, mapping), workflow in zip(chunk, workflows, strict=True)
                                     for page_id in template_roots)
