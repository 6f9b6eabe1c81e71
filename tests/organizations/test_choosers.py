"""An officer of LGO A sees nothing of LGO B in any chooser (issue 11 item 4), and A's administrator owns A's look.

Images and documents: tests/organizations/test_permissions.py. Here: the page chooser (browse, search, opening
another LGO's page by id), the snippet chooser, and the website settings per site.
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from eservices.constants import NotificationKey
from eservices.models import NotificationTemplate
from home.defaults import create_default_pages
from home.models import SiteSettings, StandardPage
from organizations.constants import Role

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    if response["Content-Type"].startswith("application/json"):
        return json.loads(response.content)["html"]
    return response.content.decode()


@pytest.fixture
def trees(org_a, org_b):
    create_default_pages(org_a)
    create_default_pages(org_b)
    home_b = org_b.site.root_page.specific
    draft = StandardPage(title="ร่างลับของบีเรื่องงบประมาณ", slug="secret-draft")
    home_b.add_child(instance=draft)
    draft.save_revision()
    draft.unpublish()
    return org_a.site.root_page, home_b, draft


def test_the_page_chooser_lists_and_finds_only_the_officers_lgo(client, make_officer, org_a, trees):
    home_a, home_b, draft_b = trees
    client.force_login(make_officer(org_a, Role.PR_EDITOR, username="aaa-editor"))
    top = _html(client.get(reverse("wagtailadmin_choose_page")))
    assert home_a.title in top and home_b.title not in top
    home_a.add_child(instance=StandardPage(title="ร่างของเอเรื่องงบประมาณ", slug="budget-a", live=False))
    search = reverse("wagtailadmin_choose_page_search")
    assert "ร่างของเอเรื่องงบประมาณ" in _html(client.get(search, {"q": "ร่างของเอเรื่องงบประมาณ"}))
    assert "ร่างลับของบี" not in _html(client.get(search, {"q": "ร่างลับของบีเรื่องงบประมาณ"}))
    # Opening another LGO's tree by id is refused; the officer's own opens.
    assert client.get(reverse("wagtailadmin_choose_page_child", args=[home_b.pk])).status_code == 404
    assert client.get(reverse("wagtailadmin_choose_page_child", args=[draft_b.pk])).status_code == 404
    assert "ร่างลับของบี" not in client.get(reverse("wagtailadmin_choose_page_child", args=[1])).content.decode()
    own = _html(client.get(reverse("wagtailadmin_choose_page_child", args=[home_a.pk])))
    assert home_a.title in own


def test_a_superuser_still_chooses_from_every_lgo(client, django_user_model, trees):
    home_a, home_b, _draft_b = trees
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.com", "x-Long-Pass-2569"))
    top = _html(client.get(reverse("wagtailadmin_choose_page")))
    assert home_a.title in top and home_b.title in top
    assert client.get(reverse("wagtailadmin_choose_page_child", args=[home_b.pk])).status_code == 200


def test_the_snippet_chooser_lists_and_returns_only_the_officers_lgo(client, make_officer, org_a, org_b):
    own = NotificationTemplate.objects.create(organization=org_a, key=NotificationKey.values[0],
                                              subject="ถ้อยคำของเอ", body="x")
    other = NotificationTemplate.objects.create(organization=org_b, key=NotificationKey.values[0],
                                                subject="ถ้อยคำของบี", body="x")  # listed by str(): "… (LGO name)"
    client.force_login(make_officer(org_a, Role.LGO_ADMIN, username="aaa-admin"))
    namespace = "wagtailsnippetchoosers_eservices_notificationtemplate"
    listed = _html(client.get(reverse(f"{namespace}:choose")))
    assert org_a.name_th in listed and org_b.name_th not in listed
    assert org_b.name_th not in _html(client.get(reverse(f"{namespace}:choose_results")))
    assert client.get(reverse(f"{namespace}:chosen", args=[own.pk])).status_code == 200
    assert client.get(reverse(f"{namespace}:chosen", args=[other.pk])).status_code == 404


def test_the_lgo_administrator_edits_their_own_sites_look_only(client, make_officer, org_a, org_b):
    edit = "wagtailsettings:edit"
    client.force_login(make_officer(org_a, Role.LGO_ADMIN, username="aaa-admin"))
    url_a = reverse(edit, args=["home", "sitesettings", org_a.site_id])
    assert client.get(url_a).status_code == 200
    response = client.post(url_a, {"theme_colour": "#0b5d3b", "facebook_url": "https://facebook.com/lgo-a",
                                   "line_oa_url": "", "youtube_url": "", "logo": ""})
    assert response.status_code == 302
    assert SiteSettings.for_site(org_a.site).theme_colour == "#0b5d3b"
    url_b = reverse(edit, args=["home", "sitesettings", org_b.site_id])
    assert client.get(url_b).status_code in (302, 403)  # Wagtail sends a refused officer back to the dashboard
    client.post(url_b, {"theme_colour": "#5d0b3b", "facebook_url": "", "line_oa_url": "", "youtube_url": "",
                        "logo": ""})
    assert SiteSettings.for_site(org_b.site).theme_colour != "#5d0b3b"
    assert "องค์การบริหารส่วนตำบลบี" not in client.get(url_a).content.decode()  # no switcher to B's site
    # An editor of A is not the administrator: the look is not theirs to change.
    client.force_login(make_officer(org_a, Role.PR_EDITOR, username="aaa-editor"))
    assert client.get(url_a).status_code in (302, 403)
