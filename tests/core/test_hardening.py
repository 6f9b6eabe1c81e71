"""Platform hardening (issue 11 item 11): password reset throttled, page cache not filled by made-up query strings,
database connections health-checked, client address not forgeable, restricted documents never public files."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.base import ContentFile
from django.urls import reverse

from core.audit import client_ip
from core.pagecache import HEADER

BASE_DIR = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_password_reset_mails_are_throttled_per_address_and_per_client(client):
    User = get_user_model()
    User.objects.create_user("officer", email="officer@example.go.th", password="x-Long-Password-2569")
    User.objects.create_user("other", email="other@example.go.th", password="x-Long-Password-2569")
    url = reverse("wagtailadmin_password_reset")
    for _ in range(26):
        response = client.post(url, {"email": "officer@example.go.th"})
        assert response.status_code == 302  # the same answer every time: nothing tells the limit was reached
    assert len(mail.outbox) == settings.PASSWORD_RESET_THROTTLE_PER_EMAIL == 3
    # Another officer's reset from elsewhere still works; the flooding client has used up its own allowance.
    assert client.post(url, {"email": "other@example.go.th"}, REMOTE_ADDR="192.0.2.50").status_code == 302
    assert len(mail.outbox) == 4
    client.post(url, {"email": "other@example.go.th"})  # from the flooding address (127.0.0.1): 27 tries there
    assert len(mail.outbox) == 4


@pytest.mark.django_db
def test_made_up_query_strings_do_not_fill_the_page_cache(client, org_a):
    from home.defaults import create_default_pages

    create_default_pages(org_a)
    assert client.get("/")[HEADER] == "miss"
    for n in range(5):  # campaign tags: the stored home page, never a new entry
        assert client.get(f"/?utm_source=line&utm_campaign={n}")[HEADER] == "hit"
    for n in range(3):  # anything else: rendered, never stored (so never a hit, however often it comes)
        assert HEADER not in client.get(f"/?x={n}")
        assert HEADER not in client.get(f"/?x={n}")
    assert HEADER not in client.get("/news/?page=2&fbclid=abc")  # tagged and not stored yet: rendered, not stored
    assert client.get("/news/?page=2")[HEADER] == "miss"  # a content parameter keys its own page
    assert client.get("/news/?utm_medium=qr&page=2")[HEADER] == "hit"


def test_database_connections_are_health_checked():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_forwarded_for_is_believed_only_from_the_proxy(rf, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    forged = {"HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1", **forged)) == "198.51.100.7"  # nginx on this host
    assert client_ip(rf.get("/", REMOTE_ADDR="203.0.113.5", **forged)) == "203.0.113.5"  # gunicorn reached directly
    settings.TRUSTED_PROXY_ADDRESSES = ["10.0.0.0/8"]  # nginx on another machine
    assert client_ip(rf.get("/", REMOTE_ADDR="10.1.2.3", **forged)) == "198.51.100.7"
    assert client_ip(rf.get("/", REMOTE_ADDR="127.0.0.1", **forged)) == "127.0.0.1"


def test_production_defaults_trust_only_the_local_proxy():
    from tests.core.test_security import _production_env

    code = "from django.conf import settings as s; print(s.TRUSTED_PROXY_HOPS, ','.join(s.TRUSTED_PROXY_ADDRESSES))"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"], cwd=BASE_DIR, env=_production_env(),
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.stdout.split() == ["1", "127.0.0.1/32,::1/128"], result.stderr


@pytest.mark.django_db
def test_restricted_documents_are_served_only_through_the_checking_view(client, org_a):
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    collection = Collection.get_first_root_node().add_child(name="เอกสารภายใน")
    CollectionViewRestriction.objects.create(collection=collection,
                                             restriction_type=CollectionViewRestriction.LOGIN)
    document = get_document_model().objects.create(title="บันทึกภายใน", collection=collection,
                                                   file=ContentFile(b"%PDF-1.4 internal", name="internal.pdf"))
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"
    assert document.url.startswith("/documents/")  # links never point at the file under /media/
    response = client.get(document.url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(get_user_model().objects.create_user("staff", password="x-Long-Password-2569"))
    response = client.get(document.url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 internal"
    # The README's nginx block keeps the files themselves internal.
    nginx = re.search(r"```nginx\n(.*?)```", (BASE_DIR / "README.md").read_text(encoding="utf-8"), re.S).group(1)
    assert re.search(r"location /media/documents/ \{ internal; \}", nginx)  # nginx: the longest prefix wins
