"""Thousands of LGOs: the bulk copy makes real LGOs, and no request's queries grow with the number of sites.

The bench (`make bench-lgos`) times 2 against 7,850 LGOs; here the same pages are counted with a few LGOs and with
twice as many more, through the real stack: every query and every row fetched must stay the same.
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import override_settings
from wagtail.models import Collection, GroupPagePermission, Page, Site, TaskState, WorkflowPage

from core import siteroots, workflows
from organizations.bulk import clone_organizations
from organizations.constants import OrganizationKind, Role
from organizations.hosts import SiteHosts
from organizations.models import Organization, OrganizationGroup
from organizations.services import NewOrganization, onboard_organization

pytestmark = pytest.mark.django_db

LGO_LIST = "/admin/lgo/profile/"


def _new(n: int, prefix: str = "B") -> NewOrganization:
    return NewOrganization(
        code=f"{prefix}{n:04d}", kind=OrganizationKind.SAO, name_th=f"องค์การบริหารส่วนตำบลทดสอบ{prefix}{n}",
        name_en=f"Test SAO {prefix}{n}", dla_code=f"{(8000000 if prefix == 'B' else 9000000) + n:07d}",
        province="ขอนแก่น", district="เมืองขอนแก่น", hostname=f"{prefix.lower()}{n}.lgo.test",
    )


@pytest.fixture
def template(org_a) -> Organization:
    """A fully onboarded LGO (default pages in Thai and English, groups, workflow) to copy."""
    return onboard_organization(NewOrganization(
        code="TPL", kind=OrganizationKind.SAO, name_th="องค์การบริหารส่วนตำบลต้นแบบ", name_en="Template SAO",
        dla_code="7000001", province="ขอนแก่น", district="เมืองขอนแก่น", hostname="template.lgo.test"))


def _shape(organization: Organization) -> dict:
    """What onboarding made for `organization`, with its own names and ids left out."""
    roots = [Page.objects.get(pk=organization.site.root_page_id)]
    roots += list(Page.objects.filter(translation_key=roots[0].translation_key).exclude(pk=roots[0].pk))
    pages = []
    for root in roots:
        for page in Page.objects.descendant_of(root, inclusive=True).order_by("path").specific():
            pages.append((page.path[len(root.path):], page.depth, page.numchild, page.content_type_id, page.live,
                          page.url_path[len(root.url_path):], page.locale_id,
                          page.title if page.pk != root.pk else "", type(page).__name__))
    groups = {}
    for link in OrganizationGroup.objects.filter(organization=organization).select_related("group"):
        groups[link.role] = (
            sorted(link.group.permissions.values_list("codename", flat=True)),
            sorted(GroupPagePermission.objects.filter(group=link.group).values_list("permission__codename",
                                                                                     "page__depth")),
            sorted(link.group.collection_permissions.filter(collection=organization.collection)
                   .values_list("permission__codename", flat=True)),
        )
    workflows = sorted(WorkflowPage.objects.filter(page__in=roots).values_list("page__depth", "workflow__name"))
    return {
        "pages": pages,
        "translation groups": sorted(Counter(Page.objects.filter(pk__in=[p.pk for r in roots for p in
                                     Page.objects.descendant_of(r, inclusive=True)])
                                     .values_list("translation_key", flat=True)).values()),
        "departments": list(organization.departments.order_by("sort_order").values_list("code", "name_th")),
        "groups": groups,
        "workflows": [(depth, name.replace(organization.code, "<code>")) for depth, name in workflows],
        "collection": organization.collection.get_parent().pk == Collection.get_first_root_node().pk,
        "site": (organization.site.port, organization.site.is_default_site, organization.site.site_name),
    }


def test_a_bulk_copy_is_the_lgo_onboarding_makes(template, client):
    copies = clone_organizations(template, [_new(1), _new(2)])
    reference = onboard_organization(_new(3, prefix="R"))
    assert [o.code for o in copies] == ["B0001", "B0002"]
    expected = _shape(reference)
    for organization in copies:
        organization.refresh_from_db()
        shape = _shape(organization)
        expected["site"] = (80, False, organization.name_th)
        assert shape == expected
    # The trees are sound (treebeard's own check) and each copy is served on its own host.
    assert all(not problems for problems in Page.find_problems())
    assert all(not problems for problems in Collection.find_problems())
    with override_settings(ALLOWED_HOSTS=SiteHosts(["testserver"])):
        home = client.get("/", HTTP_HOST="b2.lgo.test")
        assert home.status_code == 200 and "ทดสอบB2" in home.content.decode()
        news = Page.objects.get(url_path=f"{copies[1].site.root_page.url_path}news/")
        assert client.get(news.url_path.removeprefix(copies[1].site.root_page.url_path[:-1]),
                          HTTP_HOST="b2.lgo.test").status_code == 200
        english = client.get("/en/", HTTP_HOST="b2.lgo.test")
        assert english.status_code == 200 and "Test SAO B2" in english.content.decode()


def test_site_root_paths_are_wagtails_in_wagtails_order(template):
    clone_organizations(template, [_new(n) for n in range(1, 6)])
    ours = siteroots.site_root_paths()
    assert list(ours) == siteroots.wagtail_site_root_paths()
    assert ours.site_count == Site.objects.count()
    for page in Page.objects.filter(depth__gte=2).order_by("path")[:200]:
        assert ours.relevant_to(page.url_path) == tuple(p for p in ours if page.url_path.startswith(p.root_path))


def test_page_urls_are_relative_on_their_own_site_and_full_elsewhere(template, rf):
    copy = clone_organizations(template, [_new(1)])[0]
    news = Page.objects.get(url_path=f"{copy.site.root_page.url_path}news/")
    request = rf.get("/", HTTP_HOST="b1.lgo.test")
    assert news.get_url(request) == "/news/"
    elsewhere = rf.get("/", HTTP_HOST="template.lgo.test")
    assert news.get_url(elsewhere) == "http://b1.lgo.test/news/"


def test_a_renamed_site_is_seen_at_once(template, client):
    with override_settings(ALLOWED_HOSTS=SiteHosts(["testserver"])):
        assert client.get("/", HTTP_HOST="template.lgo.test").status_code == 200
        assert client.get("/", HTTP_HOST="renamed.lgo.test").status_code == 400
        site = template.site
        site.hostname = "renamed.lgo.test"
        site.save()
        assert client.get("/", HTTP_HOST="renamed.lgo.test").status_code == 200
        assert client.get("/", HTTP_HOST="template.lgo.test").status_code == 400
        assert "http://renamed.lgo.test/" in [p.root_url + "/" for p in Site.get_site_root_paths()]


def test_who_may_review_is_wagtails_answer_in_one_query(template, make_officer, django_assert_max_num_queries):
    other = clone_organizations(template, [_new(1)])[0]
    mine = make_officer(template, Role.PR_APPROVER, username="tpl-approver")
    theirs = make_officer(other, Role.PR_APPROVER, username="b1-approver")
    editor = make_officer(template, Role.PR_EDITOR, username="tpl-editor")
    superuser = get_user_model().objects.create_superuser("root", "root@example.com", "root-Pass-123")
    home = Page.objects.get(pk=template.site.root_page_id).specific
    home.save_revision(user=editor)
    home.get_workflow().start(home, editor)
    for user, expected in ((mine, 1), (theirs, 0), (editor, 0), (superuser, 1)):
        with django_assert_max_num_queries(3):
            ours = sorted(TaskState.objects.reviewable_by(user).values_list("pk", flat=True))
        assert len(ours) == expected
        assert ours == sorted(workflows.wagtail_reviewable_by(TaskState.objects, user).values_list("pk", flat=True))


class RowCounter:
    """Counts the queries and the rows they return (each SELECT counted again as `SELECT COUNT(*)`)."""

    def __init__(self) -> None:
        self.queries: list[tuple[str, int]] = []
        self._counting = False

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not self._counting and sql.lstrip().upper().startswith("SELECT"):
            self._counting = True
            try:
                with context["connection"].cursor() as cursor:
                    cursor.execute(f"SELECT COUNT(*) FROM ({sql}) counted", params)  # noqa: S608 -- the query just run
                    self.queries.append((sql, cursor.fetchone()[0]))
            finally:
                self._counting = False
        elif not self._counting:
            self.queries.append((sql, 0))
        return result

    @property
    def rows(self) -> int:
        return sum(rows for _sql, rows in self.queries)


def _measure(client, path: str, host: str) -> list[tuple[str, int]]:
    client.get(path, HTTP_HOST=host)  # the first request after a change learns the sites; measured: the next
    counter = RowCounter()
    with connection.execute_wrapper(counter):
        response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, path
    return counter.queries


def _difference(few: list[tuple[str, int]], many: list[tuple[str, int]]) -> str:
    """The queries (with their row counts) one run made and the other did not: what grew."""
    extra = Counter(many) - Counter(few)
    missing = Counter(few) - Counter(many)
    return "\n".join([f"+ {rows} rows: {sql[:600]}" for (sql, rows) in extra] +
                     [f"- {rows} rows: {sql[:600]}" for (sql, rows) in missing])


@override_settings(ALLOWED_HOSTS=SiteHosts(["testserver"]), PAGE_CACHE_SECONDS=0)
def test_no_request_reads_more_with_more_lgos(template, make_officer, client, django_assert_max_num_queries):
    """22 LGOs (more than one page of the LGO list) against 44: same queries, same rows, on every page measured."""
    clone_organizations(template, [_new(n) for n in range(1, 21)])
    superuser = get_user_model().objects.create_superuser("root", "root@example.com", "root-Pass-123")
    officer = make_officer(template, Role.LGO_ADMIN, username="tpl-admin")
    anonymous, admin, root = client, type(client)(), type(client)()
    admin.force_login(officer)
    root.force_login(superuser)
    pages = [(anonymous, "/", "template.lgo.test"), (anonymous, "/news/", "template.lgo.test"),
             (admin, "/admin/", "template.lgo.test"), (root, LGO_LIST, "template.lgo.test"),
             (root, "/admin/", "template.lgo.test")]
    assert Organization.objects.count() == 22
    few = [_measure(c, path, host) for c, path, host in pages]
    clone_organizations(template, [_new(n) for n in range(21, 43)])
    assert Organization.objects.count() == 44
    many = [_measure(c, path, host) for c, path, host in pages]
    for (_client, path, _host), before, after in zip(pages, few, many, strict=True):
        assert (len(after), sum(r for _, r in after)) == (len(before), sum(r for _, r in before)), (
            f"{path}:\n{_difference(before, after)}")
    listing = root.get(LGO_LIST, HTTP_HOST="template.lgo.test").content.decode()
    assert "ทดสอบB41" not in listing or "ทดสอบB1<" not in listing  # paginated: not every LGO on one page
    with django_assert_max_num_queries(len(few[3])):
        root.get(LGO_LIST, HTTP_HOST="template.lgo.test")


@override_settings(ALLOWED_HOSTS=SiteHosts(["testserver"]))
def test_a_page_cache_hit_asks_the_database_nothing_with_many_lgos(template, client):
    clone_organizations(template, [_new(n) for n in range(1, 30)])
    client.get("/", HTTP_HOST="template.lgo.test")
    counter = RowCounter()
    with connection.execute_wrapper(counter):
        response = client.get("/", HTTP_HOST="template.lgo.test")
    assert response["X-Page-Cache"] == "hit"
    assert counter.queries == []
