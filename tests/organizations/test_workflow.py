"""Editorial workflow: PR editors submit, PR approvers of the same LGO publish."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Page, Workflow

from organizations.constants import Role

pytestmark = pytest.mark.django_db


def _submit_new_title(page, user, title: str):
    page = page.specific
    page.title = title
    revision = page.save_revision(user=user)
    workflow_state = page.get_workflow().start(page, user)
    return revision, workflow_state


def test_each_lgo_has_its_publishing_workflow(org_a, org_b):
    workflow = Workflow.objects.get(name="AAA publishing")
    assert org_a.site.root_page.get_workflow() == workflow
    assert org_b.site.root_page.get_workflow().name == "BBB publishing"
    task = workflow.tasks.get().specific
    assert {g.name for g in task.groups.all()} == {"AAA PR approvers", "AAA Administrators"}


def test_editor_submits_and_only_an_approver_of_the_same_lgo_publishes(client, org_a, org_b, make_officer):
    editor = make_officer(org_a, Role.PR_EDITOR, username="aaa-editor")
    approver = make_officer(org_a, Role.PR_APPROVER, username="aaa-approver")
    approver_b = make_officer(org_b, Role.PR_APPROVER, username="bbb-approver")
    home = org_a.site.root_page
    assert not home.permissions_for_user(editor).can_publish()
    assert home.permissions_for_user(approver).can_publish()
    assert not home.permissions_for_user(approver_b).can_publish()

    revision, workflow_state = _submit_new_title(home, editor, "ข่าวใหม่รออนุมัติ")
    task_state = workflow_state.current_task_state
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=[home.pk, "approve", task_state.pk])

    for outsider in (editor, approver_b):  # the author and another LGO's approver cannot approve
        client.force_login(outsider)
        response = client.post(approve_url, {"comment": ""})
        assert response.status_code in (302, 403)
        assert Page.objects.get(pk=home.pk).title == org_a.name_th
        workflow_state.refresh_from_db()
        assert workflow_state.status == "in_progress"

    client.force_login(approver)
    response = client.post(approve_url, {"comment": "อนุมัติ"})
    assert response.status_code == 302
    workflow_state.refresh_from_db()
    assert workflow_state.status == "approved"
    published = Page.objects.get(pk=home.pk)
    assert published.title == "ข่าวใหม่รออนุมัติ"
    assert published.live_revision_id == revision.pk


def test_an_approver_reviewing_a_page_sees_one_publish_action(client, org_a, make_officer):
    """Both "เผยแพร่" and "อนุมัติ และเผยแพร่" were offered; the plain publish skipped the review record."""
    editor = make_officer(org_a, Role.PR_EDITOR, username="aaa-editor")
    approver = make_officer(org_a, Role.PR_APPROVER, username="aaa-approver")
    home = org_a.site.root_page
    edit_url = reverse("wagtailadmin_pages:edit", args=[home.pk])
    client.force_login(approver)
    assert 'name="action-publish"' in client.get(edit_url).content.decode()  # nothing under review: publish
    _submit_new_title(home, editor, "ข่าวใหม่รออนุมัติ")
    html = client.get(edit_url).content.decode()
    assert 'name="action-publish"' not in html
    assert 'data-workflow-action-name="approve"' in html
