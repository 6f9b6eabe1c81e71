"""Fixtures shared by every app's tests: LGOs with their sites, officers with roles, and a headless browser."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator

import pytest

from organizations.constants import OrganizationKind, Role
from organizations.models import Department, Organization
from organizations.services import NewOrganization, create_officer, create_organization

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def _wagtail_base_data() -> None:
    """Recreate what Wagtail's data migrations make (default locale, root page, root collection) when missing.

    A transactional test (live_server, browser, concurrency) flushes the database when it ends, so the next test in
    the same process would otherwise find no locale or root page to build an LGO on.
    """
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Collection, Locale, Page

    # The flush recreates content types under new ids; the manager's process-wide cache would still hand out the old.
    ContentType.objects.clear_cache()
    # Rows that data migrations made and a flush removed: Wagtail's admin-access permission, national holidays.
    # Their absence marks a flushed database; then also recreate every content type and permission, since the
    # post-flush signal handlers may have worked from a stale content-type cache.
    from django.contrib.auth.models import Permission

    from organizations.holidays import seed_national_holidays

    if not Permission.objects.filter(codename="access_admin", content_type__app_label="wagtailadmin").exists():
        from django.apps import apps
        from django.contrib.auth.management import create_permissions
        from django.contrib.contenttypes.management import create_contenttypes

        ContentType.objects.clear_cache()
        for app_config in apps.get_app_configs():
            create_contenttypes(app_config, verbosity=0)
            create_permissions(app_config, verbosity=0)
        admin_type, _created = ContentType.objects.get_or_create(app_label="wagtailadmin", model="admin")
        Permission.objects.get_or_create(
            content_type=admin_type, codename="access_admin", defaults={"name": "Can access Wagtail admin"}
        )
    locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if not Page.objects.filter(depth=1).exists():
        Page.add_root(instance=Page(title="Root", slug="root", locale=locale))
    if not Collection.objects.filter(depth=1).exists():
        Collection.add_root(name="Root")
    seed_national_holidays()


@pytest.fixture(autouse=True)
def _default_language() -> Iterator[None]:
    """Start every test in Thai, the default language: a request to an /en/ page (or an activate() without its
    deactivate) leaves English active in the test's thread, and the next test would make English URLs and messages."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Start every test with an empty cache: ids are reused after rollbacks, so a page cached by one test must
    never be served to the next (and rate-limit counters must not carry over)."""
    from django.core.cache import cache

    from core.pagecache import forget_local
    from organizations import hosts

    cache.clear()
    forget_local()
    hosts.forget_local()
    yield


@pytest.fixture
def make_organization(db) -> Callable[..., Organization]:
    """Create an LGO with its site on `hostname` (port 80 unless given) and the default departments."""
    _wagtail_base_data()
    counter = {"n": 0}

    def factory(code: str | None = None, hostname: str | None = None, **kwargs) -> Organization:
        counter["n"] += 1
        n = counter["n"]
        code = code or f"T{n:02d}"
        data = NewOrganization(
            code=code,
            kind=kwargs.pop("kind", OrganizationKind.SUBDISTRICT_MUNICIPALITY),
            name_th=kwargs.pop("name_th", f"เทศบาลตำบลทดสอบ{n}"),
            name_en=kwargs.pop("name_en", f"Test Subdistrict Municipality {n}"),
            dla_code=kwargs.pop("dla_code", f"{5570000 + n:07d}"),
            province=kwargs.pop("province", "เชียงราย"),
            district=kwargs.pop("district", "เมืองเชียงราย"),
            hostname=hostname or f"lgo{n}.test",
            port=kwargs.pop("port", 80),
            is_default_site=kwargs.pop("is_default_site", False),
        )
        return create_organization(data, **kwargs)

    return factory


@pytest.fixture
def org_a(make_organization) -> Organization:
    return make_organization(code="AAA", hostname="testserver", name_th="เทศบาลตำบลเอ", is_default_site=True)


@pytest.fixture
def org_b(make_organization) -> Organization:
    return make_organization(code="BBB", hostname="b.test", name_th="องค์การบริหารส่วนตำบลบี",
                             kind=OrganizationKind.SAO)


@pytest.fixture
def make_officer(db) -> Callable[..., object]:
    """Create a user holding `roles` in `organization` (in `department` when given, by code or instance)."""

    def factory(organization: Organization, *roles: str, username: str | None = None,
                department: Department | str | None = None, password: str = "pw-Thongthin-1"):
        username = username or f"{organization.code.lower()}-{'-'.join(roles) or 'user'}"
        if isinstance(department, str):
            department = organization.departments.get(code=department)
        # Through the one write path for officers, so tests get exactly the groups and checks production gets.
        user = create_officer(
            organization=organization, username=username, roles=roles or (Role.OFFICER,), password=password,
            email=f"{username}@example.com", first_name="สมชาย", last_name="ใจดี", department=department,
        )
        user.plain_password = password
        return user

    return factory


def _chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), *CHROMIUM_CANDIDATES, shutil.which("chromium")):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium driven by Playwright; skipped with a reason when no Chromium is installed.

    CI sets THONGTHIN_REQUIRE_BROWSER=1, which turns a missing browser into a failure instead of a skip.
    """
    path = _chromium_path()
    if path is None:
        message = "No Chromium found (apt-get install chromium); browser tests need it."
        if os.environ.get("THONGTHIN_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the live server's database work is still sync.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=path,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run", "--disable-quic"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    """A fresh browser tab (own cookies) with Thai as the preferred language."""
    context = browser.new_context(locale="th-TH", viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.set_default_timeout(15000)
    yield tab
    context.close()
