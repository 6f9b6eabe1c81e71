"""Editors translate, approvers publish translations through the LGO's workflow, and nothing untranslated goes live.

Walked through the admin as the two PR roles: "Translate this page" (wagtail-localize) makes a draft English page,
the editor fills its strings in the translation editor's API, sends it to the approvers from "งานแปล", and an
approver approves it from the workflow, which publishes it at /en/ and in the English feed.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page, TaskState
from wagtail_localize.models import StringSegment, StringTranslation

from home.models import NewsPage
from home.translations import TranslationState, translated_pages, translation_of
from organizations.constants import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(site_a, make_officer):
    return (make_officer(site_a, Role.PR_EDITOR, username="editor"),
            make_officer(site_a, Role.PR_APPROVER, username="approver"))


@pytest.fixture
def thai_news(add_news) -> NewsPage:
    return add_news("ประกาศรับสมัครอาสาสมัครป้องกันภัย", summary="รับสมัครถึงสิ้นเดือน", slug="volunteers")


def _start_translation(client, page: Page) -> Page:
    english = Locale.objects.get(language_code="en")
    response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [english.pk]})
    assert response.status_code == 302, response.content.decode()[:1500]
    return page.get_translation(english)


def _translate_strings(client, english_page: Page, *, leave: int = 0) -> None:
    translation = translation_of(english_page)
    segments = list(StringSegment.objects.filter(source=translation.source).order_by("order"))
    for segment in segments[: len(segments) - leave]:
        response = client.put(
            f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
            data=urlencode({"value": f"EN {segment.string.data}"}), content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), response.content.decode()[:500]


def test_a_new_translation_is_a_draft_and_nothing_thai_shows_in_english(site_a, people, thai_news, client):
    editor, _approver = people
    client.force_login(editor)
    english_page = _start_translation(client, thai_news)
    assert english_page is not None and not english_page.live
    client.logout()
    assert client.get("/en/news/volunteers/").status_code == 404
    feed = client.get("/en/news/rss/")
    assert feed.status_code == 200 and "ประกาศรับสมัคร" not in feed.content.decode()


def test_editor_translates_and_approver_publishes_through_the_workflow(site_a, people, thai_news, client):
    editor, approver = people
    client.force_login(editor)
    english_page = _start_translation(client, thai_news)

    # Not finished: the screen says so, sending is refused, nothing is published.
    _translate_strings(client, english_page, leave=1)
    screen = client.get("/admin/translations/")
    assert screen.status_code == 200
    assert "ยังต้องแปลอีก 1 ข้อความ" in screen.content.decode()
    comment = StringTranslation.objects.filter(locale__language_code="en").first().get_comment()
    assert comment.startswith("แปลเองเมื่อ") and str(timezone.localdate().year + 543) in comment
    refused = client.post(f"/admin/translations/{english_page.pk}/submit/", follow=True)
    assert "ยังมีข้อความที่ยังไม่ได้แปล 1 ข้อความ" in refused.content.decode()
    assert english_page.current_workflow_state is None

    # The approver cannot publish the unfinished translation from the translation editor either.
    client.force_login(approver)
    blocked = client.post(f"/admin/pages/{english_page.pk}/edit/", {"action": "publish"}, follow=True)
    assert "ยังไม่เผยแพร่" in blocked.content.decode()
    assert not Page.objects.get(pk=english_page.pk).live

    # Finished: the editor sends it; the approver approves it from the workflow; it is live in English.
    client.force_login(editor)
    _translate_strings(client, english_page)
    [row] = [r for r in translated_pages(site_a) if r.page.pk == english_page.pk]
    assert row.state == TranslationState.READY
    sent = client.post(f"/admin/translations/{english_page.pk}/submit/", follow=True)
    assert "ส่ง “" in sent.content.decode()
    english_page = Page.objects.get(pk=english_page.pk)
    assert english_page.current_workflow_state is not None and not english_page.live
    assert not english_page.permissions_for_user(editor).can_publish()

    client.force_login(approver)
    task_state = TaskState.objects.get(workflow_state=english_page.current_workflow_state,
                                       status=TaskState.STATUS_IN_PROGRESS)
    approved = client.post(f"/admin/pages/workflow/action/{english_page.pk}/approve/{task_state.pk}/",
                           {"comment": ""})
    assert approved.status_code in (200, 302)
    english_page = Page.objects.get(pk=english_page.pk).specific
    assert english_page.live
    assert english_page.title == "EN ประกาศรับสมัครอาสาสมัครป้องกันภัย"
    client.logout()
    assert client.get(english_page.get_url()).status_code == 200, (english_page.get_url(), english_page.url_path)
    assert "EN ประกาศรับสมัคร" in client.get("/en/news/rss/").content.decode()
