"""Production settings for the gunicorn servers the operations tests start, with one difference: static files by
plain URL instead of WhiteNoise's compressed manifest.

The manifest needs `collectstatic`, which hashes and compresses every static file (over 20 CPU-seconds on the
2-core CI machine, a minute and more under load) and is not what the two-server and outage tests are about;
`make bench-http` serves the real manifest. Everything else (DEBUG off, the cached template loaders, secure cookies,
proxy headers, the refusal to start without SECRET_KEY, ALLOWED_HOSTS and PAYMENT_WEBHOOK_SECRET) is production's.
"""

from config.settings.production import *  # noqa: F403
from config.settings.production import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
