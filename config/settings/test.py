"""Test settings: fast hashing, in-memory e-mail, temporary media folders, immediate tasks."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import REDIS_URL, STORAGES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
_tmp = Path(tempfile.mkdtemp(prefix="thongthin-test-"))
atexit.register(shutil.rmtree, _tmp, ignore_errors=True)  # every test process makes one: leave none behind
MEDIA_ROOT = _tmp / "media"
PRIVATE_MEDIA_ROOT = _tmp / "private"
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
if REDIS_URL:
    # The PostgreSQL CI run sets REDIS_URL so that the Redis cache path is tested too. Each pytest-xdist worker gets
    # its own Redis database, so one worker's cache.clear() or cached pages never reach another's.
    _worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    _url = urlsplit(REDIS_URL)
    _db = int(_url.path.strip("/") or 0) - (int(_worker) if _worker.isdigit() else 0)
    CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": urlunsplit(_url._replace(path=f"/{max(_db, 0)}")),
            "KEY_PREFIX": "thongthin-test",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
ALLOWED_HOSTS = ["*"]
# Tests clear and inspect the shared cache directly; the page cache's in-process tier is tested on its own.
PAGE_CACHE_LOCAL_SECONDS = 0
WAGTAILADMIN_BASE_URL = "http://testserver"
PUBLIC_BASE_URL = "http://testserver"
