"""A NUL character anywhere in an address gives 404 (path) or 400 (query string), never 500 (issue 9 item 20).

PostgreSQL refuses NUL in text, so before core.middleware.RefuseNulMiddleware `/track/%00/`, `/verify/%00/`,
`/search/?q=%00` and `/admin/payments/?q=%00` were 500s there. Every URL pattern of the project (Wagtail's admin
included) is tried, anonymous and signed in as a superuser; run this file on PostgreSQL too.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

pytestmark = pytest.mark.django_db


def _literal(pattern) -> str:
    """The fixed start of a pattern: what every address it matches begins with."""
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix
    if isinstance(pattern, RoutePattern):
        return str(pattern).split("<", 1)[0]
    if isinstance(pattern, RegexPattern):
        text = pattern._regex.lstrip("^")
        return re.split(r"[()\[\]?*+.\\$|{]", text, maxsplit=1)[0]
    return ""


def _prefixes(patterns, prefix: str = "") -> set[str]:
    found: set[str] = set()
    for entry in patterns:
        here = prefix + _literal(entry.pattern)
        found.add(here)
        if isinstance(entry, URLResolver):
            found |= _prefixes(entry.url_patterns, here)
    return found


PREFIXES = sorted(_prefixes(get_resolver().url_patterns))


def test_every_pattern_is_tried():
    assert len(PREFIXES) > 200
    assert {"track/", "verify/", "search/", "admin/payments/"} <= set(PREFIXES)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "superuser"])
def test_nul_in_any_path_or_query_is_refused_cleanly(client, org_a, django_user_model, signed_in):
    if signed_in:
        client.force_login(django_user_model.objects.create_superuser("root", "root@example.com", "x-Long-Pass-2569"))
    failures = []
    for prefix in PREFIXES:
        for url, expected in ((f"/{prefix}%00/", 404), (f"/{prefix}?q=%00", 400), (f"/{prefix}?a%00=1", 400)):
            status = client.get(url).status_code
            if status != expected:
                failures.append(f"{url} → {status}")
        status = client.post(f"/{prefix}%00/", {"q": "x"}).status_code
        if status != 404:
            failures.append(f"POST /{prefix}%00/ → {status}")
    assert failures == []


def test_the_refusal_is_explained_in_thai(client, org_a):
    response = client.get("/search/?q=%00")
    assert response.status_code == 400
    assert "เปิดที่อยู่นี้ไม่ได้" in response.content.decode()
    assert client.get("/track/%00/").status_code == 404
    assert client.get("/search/?q=ok").status_code == 200
