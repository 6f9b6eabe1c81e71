"""Helpers for the officer-side tests (inbox, case page, deadlines, browser flow)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache


def grant_admin_access(user) -> None:
    """Let the officer into the Wagtail admin, as the organizations app's role groups do in production."""
    group, created = Group.objects.get_or_create(name="Thongthin test officers")
    if created:
        group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    user.groups.add(group)


def login(client, user) -> None:
    grant_admin_access(user)
    client.force_login(user)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The inbox caches its choice lists per LGO id; ids repeat between tests, so start each test clean.

    This overrides the project-wide fixture of the same name, so it must also forget what this process keeps in
    memory (the page cache's host map and versions): else a host learnt in one test points at the previous test's
    site, whose ids differ on PostgreSQL, and a publish seems not to purge the page."""
    from core.pagecache import forget_local

    cache.clear()
    forget_local()
    yield
    cache.clear()
