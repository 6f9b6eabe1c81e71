"""Security baseline: headers, admin sign-in throttling and a clean `check --deploy` with production settings."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.urls import reverse

BASE_DIR = Path(settings.BASE_DIR)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Overrides the project-wide fixture: clear the shared cache and what the page cache keeps in this process."""
    from core.pagecache import forget_local

    cache.clear()
    forget_local()
    yield
    cache.clear()


def _directives(header: str) -> dict[str, str]:
    return {part.strip().split(" ", 1)[0]: part.strip() for part in header.split(";") if part.strip()}


@pytest.mark.django_db
def test_public_pages_forbid_inline_scripts_and_send_security_headers(client, org_a):
    response = client.get("/no-such-page-here/")
    csp = _directives(response["Content-Security-Policy"])
    assert csp["script-src"] == "script-src 'self'"
    assert csp["object-src"] == "object-src 'none'"
    assert "frame-ancestors" in csp
    assert response["Permissions-Policy"] == settings.PERMISSIONS_POLICY
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_admin_pages_get_the_scripts_wagtail_needs(client):
    response = client.get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    assert "'unsafe-inline'" in _directives(response["Content-Security-Policy"])["script-src"]
    assert response["Permissions-Policy"] == settings.PERMISSIONS_POLICY
    assert response["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.django_db
def test_failed_sign_ins_are_throttled_per_account_and_address(client, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 3
    settings.LOGIN_THROTTLE_WINDOW_SECONDS = 600
    User = get_user_model()
    User.objects.create_user("officer1", password="Right-Password-2569", is_superuser=True)
    User.objects.create_user("officer2", password="Right-Password-2569", is_superuser=True)
    url = reverse("wagtailadmin_login")
    for _ in range(3):
        response = client.post(url, {"username": "officer1", "password": "wrong"})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    # The right password no longer gets in during the lock-out, and the message says why, in Thai.
    response = client.post(url, {"username": "officer1", "password": "Right-Password-2569"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "พยายามเข้าสู่ระบบไม่สำเร็จหลายครั้งเกินไป" in response.content.decode()
    assert "10 นาที" in response.content.decode()
    # Another account from the same address is not locked by officer1's failures.
    response = client.post(url, {"username": "officer2", "password": "Right-Password-2569"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(User.objects.get(username="officer2").pk)
    client.logout()
    # From another address officer1 may still sign in (the lock is per account and address).
    response = client.post(url, {"username": "officer1", "password": "Right-Password-2569"},
                           REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 302


@pytest.mark.django_db
def test_a_successful_sign_in_clears_the_failures(client, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 2
    get_user_model().objects.create_user("officer1", password="Right-Password-2569", is_superuser=True)
    url = reverse("wagtailadmin_login")
    client.post(url, {"username": "officer1", "password": "wrong"})
    assert client.post(url, {"username": "officer1", "password": "Right-Password-2569"}).status_code == 302
    client.logout()
    client.post(url, {"username": "officer1", "password": "wrong"})
    assert client.post(url, {"username": "officer1", "password": "Right-Password-2569"}).status_code == 302


@pytest.mark.django_db
def test_one_address_cannot_spray_many_usernames(client, settings):
    settings.LOGIN_THROTTLE_ATTEMPTS = 2
    get_user_model().objects.create_user("officer1", password="Right-Password-2569", is_superuser=True)
    url = reverse("wagtailadmin_login")
    for n in range(8):  # 4 × the per-account limit, spread over many usernames
        client.post(url, {"username": f"guess{n}", "password": "wrong"})
    response = client.post(url, {"username": "officer1", "password": "Right-Password-2569"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def _production_env(**extra: str) -> dict[str, str]:
    # A clean production-like environment: not the test run's database, nor the browser fixture's async override.
    leave_out = {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in leave_out}
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "www.nongkaew.go.th",
        "PAYMENT_WEBHOOK_SECRET": secrets.token_urlsafe(40),
        **extra,
    })
    return env


def test_check_deploy_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR, env=_production_env(), capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_real_secret_key():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=BASE_DIR, env=_production_env(SECRET_KEY="short"),
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_cookies_and_hsts():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SECURE_HSTS_SECONDS >= "
        "31536000, s.SECURE_SSL_REDIRECT, s.DEBUG)"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"], cwd=BASE_DIR, env=_production_env(),
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.stdout.split() == ["True", "True", "True", "True", "True", "False"], result.stderr


def test_redis_cache_reuses_one_client_per_pool():
    """core.redis_cache: the cache must still work and must not build a client per call (PostgreSQL CI run)."""
    from django.core.cache import caches

    from core.redis_cache import RedisCache

    cache = caches["default"]  # the backend itself (django.core.cache.cache is a proxy)

    if not isinstance(cache, RedisCache):
        pytest.skip("REDIS_URL not set: the in-process cache is in use")
    cache.set("thongthin-test-key", {"a": 1})
    assert cache.get("thongthin-test-key") == {"a": 1}
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=True) is client and cache._cache.get_client() is client


def test_client_address_cannot_be_chosen_by_the_client(rf, settings):
    """Behind nginx ($proxy_add_x_forwarded_for) only the entry nginx appended is trusted."""
    from core.audit import client_ip

    spoofed = {"HTTP_X_FORWARDED_FOR": "203.0.113.99, 198.51.100.7", "REMOTE_ADDR": "127.0.0.1"}
    settings.TRUSTED_PROXY_HOPS = 1
    assert client_ip(rf.get("/", **spoofed)) == "198.51.100.7"
    settings.TRUSTED_PROXY_HOPS = 2  # a CDN in front of nginx
    assert client_ip(rf.get("/", **spoofed)) == "203.0.113.99"
    settings.TRUSTED_PROXY_HOPS = 0  # no proxy: the header is the client's own claim
    assert client_ip(rf.get("/", **spoofed)) == "127.0.0.1"
    settings.TRUSTED_PROXY_HOPS = 1
    assert client_ip(rf.get("/", REMOTE_ADDR="192.0.2.1")) == "192.0.2.1"  # no header: the connection's address
