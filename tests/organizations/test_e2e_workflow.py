"""In a real browser: a PR editor can only submit a page for approval; the approver's approval publishes it."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, WorkflowState

from organizations.constants import Role
from tests.browser_support import sign_in


def log_in(page, live_server, user) -> None:
    page.context.clear_cookies()
    sign_in(page, live_server.url, user)


@pytest.mark.browser
def test_editor_submits_in_the_editor_and_approver_publishes(page, live_server, transactional_db, org_a, org_b,
                                                            make_officer):
    editor = make_officer(org_a, Role.PR_EDITOR, username="aaa-editor")
    approver = make_officer(org_a, Role.PR_APPROVER, username="aaa-approver")
    home = org_a.site.root_page

    log_in(page, live_server, editor)
    page.goto(f"{live_server.url}{reverse('wagtailadmin_pages:edit', args=[home.pk])}")
    assert page.locator("button[name=action-publish]").count() == 0  # editors cannot publish
    assert page.locator("button[name=action-submit]").count() == 1
    page.fill("#id_title", "เทศบาลตำบลเอ (ฉบับปรับปรุง)")
    page.locator("button[name=action-submit]").evaluate("button => button.click()")
    page.wait_for_load_state("networkidle")

    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(home.pk))
    assert state.status == "in_progress"
    assert state.requested_by == editor
    assert Page.objects.get(pk=home.pk).title == org_a.name_th  # not live yet

    # The other LGO's editor cannot even open the page in the editor.
    outsider = make_officer(org_b, Role.PR_EDITOR, username="bbb-editor")
    log_in(page, live_server, outsider)
    edit_path = reverse("wagtailadmin_pages:edit", args=[home.pk])
    response = page.goto(f"{live_server.url}{edit_path}")
    assert response.status == 403 or not page.url.endswith(edit_path)  # refused or sent back to the dashboard
    assert page.locator("#id_title").count() == 0

    client = Client()
    client.force_login(approver)
    task_state = state.current_task_state
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[home.pk, "approve", task_state.pk]), {"comment": ""})
    assert response.status_code == 302
    assert Page.objects.get(pk=home.pk).title == "เทศบาลตำบลเอ (ฉบับปรับปรุง)"
