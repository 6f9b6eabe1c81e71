"""The admin speaks Thai: every role signs in, walks every admin screen it reaches, and reads no English UI word.

Wagtail's, wagtail-localize's and Django's own Thai catalogues leave much in English ("Pages", "Reports", "Help")
or garbled; thai_overrides/ ships the reviewed catalogue. This walk is the behavioural check on top of the
catalogue test: it also catches strings our own templates forget to mark, and composed messages.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import translation

from organizations.constants import Role
from organizations.models import Department, Holiday

from .admin_crawl import crawl_admin, english_words

pytestmark = pytest.mark.django_db

# One officer per role, each with a name and an e-mail address only (their user names are data, not UI words).
ROLES = [role.value for role in Role]


@pytest.fixture
def lgo_with_content(org_a, make_officer):
    """An LGO with a row in the lists an officer opens, so that add, edit and history screens are reached too."""
    from wagtail.models import Page

    Department.objects.get_or_create(organization=org_a, code="parks", defaults={"name_th": "กองสวนสาธารณะ"})
    Holiday.objects.create(organization=org_a, date=dt.date(2026, 2, 15), name="วันท้องถิ่น")
    home = Page.objects.get(pk=org_a.site.root_page_id).specific
    home.save_revision().publish()
    return org_a


def _data_words(organization) -> frozenset[str]:
    """Words that are data in this fixture, not interface text: user names, codes and host names, and the names of
    groups, workflows and tasks (created by create_organization and by Wagtail's own first migration: "Moderators",
    the root page "Welcome to your new Wagtail site!")."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from wagtail.models import Page, PageLogEntry, Task, Workflow

    texts = [organization.code, "testserver"]
    texts += [user.username for user in get_user_model().objects.all()]
    texts += [department.code for department in organization.departments.all()]
    texts += list(Group.objects.values_list("name", flat=True)) + list(Workflow.objects.values_list("name", flat=True))
    texts += list(Task.objects.values_list("name", flat=True)) + list(Page.objects.values_list("title", flat=True))
    texts += [entry.label for entry in PageLogEntry.objects.all()]  # titles of deleted pages, such as Wagtail's first
    return frozenset(word.lower() for text in texts for word in re.findall(r"[A-Za-z]+", text))


@pytest.mark.parametrize("role", ROLES)
def test_every_admin_screen_a_role_reaches_is_thai(role, client, lgo_with_content, make_officer):
    # A user name that is no English word, so that it cannot excuse one on the screen.
    user = make_officer(lgo_with_content, role, username=f"u{ROLES.index(role)}")
    client.force_login(user)
    with translation.override("th"):
        result = crawl_admin(client, data_words=_data_words(lgo_with_content))
    assert len(result.screens) >= 3, result.screens
    assert not result.english, f"{len(result.english)} English words on {len(result.screens)} screens:\n" + \
        result.report()


def test_superuser_screens_are_thai(client, lgo_with_content, django_user_model):
    admin = django_user_model.objects.create_superuser("su0", "su0@example.com", "pw-Thongthin-1")
    client.force_login(admin)
    with translation.override("th"):
        result = crawl_admin(client, data_words=_data_words(lgo_with_content), max_screens=250)
    assert not result.english, f"{len(result.english)} English words on {len(result.screens)} screens:\n" + \
        result.report()


def test_the_check_finds_english():
    assert english_words("Awaiting your review") == ["Awaiting", "your", "review"]
    assert english_words("ส่ง PDF ทาง LINE ไปที่ a@b.com หรือ https://x.go.th/") == []


def test_every_wagtail_and_localize_string_has_reviewed_thai():
    """The override catalogue covers every string Wagtail and wagtail-localize ship (their English catalogues list
    them all), so an upgrade that adds strings fails here until they are translated."""
    from pathlib import Path

    import polib
    import wagtail
    import wagtail_localize
    from django.conf import settings

    ours = {}
    for name in ("locale/th/LC_MESSAGES/django.po", "jslocale/th/LC_MESSAGES/djangojs.po"):
        catalogue = polib.pofile(str(Path(settings.BASE_DIR) / "thai_overrides" / name))
        ours[name.rsplit("/", 1)[1]] = {(e.msgctxt, e.msgid) for e in catalogue.translated_entries()}
    missing = []
    for package in (wagtail, wagtail_localize):
        for source in Path(package.__file__).parent.rglob("locale/en/LC_MESSAGES/*.po"):
            for entry in polib.pofile(str(source)):
                if not entry.obsolete and (entry.msgctxt, entry.msgid) not in ours[source.name]:
                    missing.append(f"{source.parent.parent.parent.parent.name}: {entry.msgid}")
    assert not missing, f"{len(missing)} untranslated, e.g. {missing[:5]}"


def test_django_validation_messages_are_thai():
    from django import forms

    class Form(forms.Form):
        name = forms.CharField(max_length=5)

    with translation.override("th"):
        errors = Form({"name": "ยาวเกินห้าตัว"}).errors["name"]
        assert errors == ["ต้องมีไม่เกิน 5 ตัวอักษร (ขณะนี้มี 13 ตัวอักษร)"]
        assert Form({"name": "a\x00b"}).errors["name"] == ["ข้อความมีอักขระว่าง (null) ซึ่งไม่อนุญาต กรุณาพิมพ์ใหม่"]
