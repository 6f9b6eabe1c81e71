"""A create that Wagtail's autosave already made is not refused on retry ("slug already in use"): it saves the draft."""

from __future__ import annotations

import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import StandardPage
from organizations.constants import Role

pytestmark = pytest.mark.django_db


def _form(title: str, intro: str, **extra) -> dict:
    return nested_form_data({"title": title, "slug": "history-2", "intro": intro, "body": streamfield([]), **extra})


@pytest.fixture
def about(site_a) -> StandardPage:
    return StandardPage.objects.get(slug="about", locale__language_code="th")


def test_retry_after_an_autosave_saves_into_the_autosaved_draft(site_a, about, client, make_officer):
    editor = make_officer(site_a, Role.PR_EDITOR)
    client.force_login(editor)
    url = f"/admin/pages/add/home/standardpage/{about.pk}/"
    autosaved = client.post(url, _form("ประวัติ", "ร่างแรก"), HTTP_ACCEPT="application/json")
    assert autosaved.status_code == 200 and autosaved.json()["success"] is True
    draft = Page.objects.get(slug="history-2")

    retry = client.post(url, _form("ประวัติตำบล", "ฉบับแก้ไข"))  # the same form, saved again as a create
    assert retry.status_code == 302, retry.content.decode()[:2000]
    assert retry["Location"].startswith(f"/admin/pages/{draft.pk}/edit/")
    assert Page.objects.filter(slug="history-2").count() == 1
    latest = StandardPage.objects.get(pk=draft.pk).get_latest_revision_as_object()
    assert (latest.title, latest.intro) == ("ประวัติตำบล", "ฉบับแก้ไข")


def test_another_editors_page_with_that_slug_still_blocks(site_a, about, client, make_officer):
    first, second = make_officer(site_a, Role.PR_EDITOR), make_officer(site_a, Role.PR_EDITOR, username="editor-2")
    url = f"/admin/pages/add/home/standardpage/{about.pk}/"
    client.force_login(first)
    assert client.post(url, _form("ประวัติ", "ของคนแรก"), HTTP_ACCEPT="application/json").status_code == 200
    client.force_login(second)
    refused = client.post(url, _form("ประวัติ", "ของคนที่สอง"))
    assert refused.status_code == 200
    assert "history-2" in refused.content.decode()  # the slug message names the slug, in Thai
    assert StandardPage.objects.get(slug="history-2").get_latest_revision_as_object().intro == "ของคนแรก"
