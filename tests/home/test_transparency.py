"""The yearly ITA/OIT index lists every item with its full public URL and exports the list."""

from __future__ import annotations

import csv
import io

import pytest

from home.models import TransparencyIndexPage, TransparencyItemPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def ita(site_a) -> TransparencyIndexPage:
    index = TransparencyIndexPage.objects.get(locale__language_code="th",
                                              url_path__startswith=site_a.site.root_page.url_path)
    # Every LGO starts with this year's 37 items (home.ita); these tests work on three of their own.
    for item in TransparencyItemPage.objects.child_of(index):
        item.delete()
    for code, title in (("o10", "นโยบายคุ้มครองข้อมูลส่วนบุคคล"), ("o2", "ข้อมูลผู้บริหาร"), ("O1", "โครงสร้าง")):
        item = TransparencyItemPage(title=title, slug=code.lower(), code=code)
        index.add_child(instance=item)
        item.save_revision().publish()
    return index


def test_items_in_code_order_with_absolute_urls(client, ita):
    assert [item.code for item in ita.items()] == ["o1", "o2", "o10"]
    html = client.get(ita.url).content.decode()
    assert html.index(">o1<") < html.index(">o2<") < html.index(">o10<")
    assert f"http://testserver{ita.url}o1/" in html
    assert "export/csv/" in html and "export/text/" in html


def test_item_inherits_year(client, ita):
    item = TransparencyItemPage.objects.get(code="o2")
    assert item.year == ita.year
    html = client.get(item.url).content.decode()
    assert f"ITA ปี {ita.year}" in html


def test_csv_export(client, ita):
    response = client.get(f"{ita.url}export/csv/")
    assert response["Content-Type"].startswith("text/csv")
    assert f"ita-oit-{ita.year}.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[1] == ["o1", "โครงสร้าง", f"http://testserver{ita.url}o1/"]
    assert [row[0] for row in rows[1:]] == ["o1", "o2", "o10"]


def test_text_export(client, ita):
    lines = client.get(f"{ita.url}export/text/").content.decode().splitlines()
    assert lines[0] == f"o1 โครงสร้าง\thttp://testserver{ita.url}o1/"
    assert len(lines) == 3


def test_unpublished_items_are_not_listed(client, ita):
    TransparencyItemPage.objects.get(code="o2").unpublish()
    assert [item.code for item in ita.items()] == ["o1", "o10"]
    assert "o2 " not in client.get(f"{ita.url}export/text/").content.decode()


class _FormStub:
    """Just what refuse_sibling_duplicate reads from a Wagtail admin page form."""

    def __init__(self, instance, parent, **cleaned):
        self.instance, self.parent_page, self.cleaned_data, self.errors = instance, parent, cleaned, {}

    def add_error(self, field, message):
        self.errors[field] = str(message)


def test_admin_refuses_duplicate_item_code_and_year(ita, site_a):
    from home.forms import refuse_sibling_duplicate

    duplicate = _FormStub(TransparencyItemPage(), ita, code="o2")
    refuse_sibling_duplicate(duplicate, "code", "Item %(code)s already exists")
    assert duplicate.errors == {"code": "Item o2 already exists"}
    editing_itself = _FormStub(TransparencyItemPage.objects.get(code="o2"), ita, code="o2")
    refuse_sibling_duplicate(editing_itself, "code", "Item %(code)s already exists")
    assert editing_itself.errors == {}
    second_index = _FormStub(TransparencyIndexPage(), site_a.site.root_page, year=ita.year)
    refuse_sibling_duplicate(second_index, "year", "%(year)s exists")
    assert second_index.errors == {"year": f"{ita.year} exists"}
