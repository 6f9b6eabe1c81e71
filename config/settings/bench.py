"""Benchmarks (`make bench`): the test settings, but with media files kept between runs under var/bench/.

The bench databases are kept between runs (seeding a million cases takes minutes), so the images and files they
point to must outlive the process: the test settings' temporary folders would leave every later run rendering
placeholders for missing images, and measuring that.
"""

from .base import BASE_DIR
from .base import PAGE_CACHE_LOCAL_SECONDS as _PRODUCTION_LOCAL_SECONDS
from .test import *  # noqa: F403
from .test import STORAGES

# Benchmarks measure the production stack: the page cache's in-process tier as deployed (the tests turn it off).
PAGE_CACHE_LOCAL_SECONDS = _PRODUCTION_LOCAL_SECONDS

MEDIA_ROOT = BASE_DIR / "var" / "bench" / "media"
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "bench" / "private"
STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
}
