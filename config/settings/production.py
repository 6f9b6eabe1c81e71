"""Production: PostgreSQL, Redis, a background worker, gunicorn behind an HTTPS reverse proxy.

Everything that differs per deployment is an environment variable (see README.md). SECRET_KEY and ALLOWED_HOSTS
must be set: starting without them is refused rather than running insecurely.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_bool

DEBUG = False
if not os.environ.get("SECRET_KEY") or len(os.environ["SECRET_KEY"]) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to a random string of at least 50 characters.")
if not os.environ.get("ALLOWED_HOSTS"):
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the hostnames this deployment serves.")
if len(os.environ.get("PAYMENT_WEBHOOK_SECRET", "")) < 32:
    raise ImproperlyConfigured("PAYMENT_WEBHOOK_SECRET must be set to a random string of at least 32 characters.")

STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
USE_X_FORWARDED_HOST = env_bool("USE_X_FORWARDED_HOST", False)
# nginx on this host in front, as the README sets it up; X-Forwarded-For is believed only from TRUSTED_PROXY_ADDRESSES.
TRUSTED_PROXY_HOPS = int(env("TRUSTED_PROXY_HOPS", "1"))
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
TEMPLATES[0]["OPTIONS"]["loaders"] = [  # noqa: F405
    ("django.template.loaders.cached.Loader", [
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]),
]
TEMPLATES[0]["APP_DIRS"] = False  # noqa: F405

# `check --deploy` warnings that are decisions, not oversights:
# W019: the Wagtail admin previews pages in a same-origin iframe, so X-Frame-Options stays SAMEORIGIN (CSP
#       frame-ancestors 'self' says the same to modern browsers).
# W021: HSTS preloading binds the whole domain and its subdomains for years; the domain owner opts in with
#       SECURE_HSTS_PRELOAD=1.
SILENCED_SYSTEM_CHECKS = ["security.W019", "security.W021"]
