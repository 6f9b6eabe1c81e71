"""Settings shared by every environment.

Everything a deployment changes comes from environment variables, read here through small helpers, so that the
same code runs the embedded default (SQLite, local files, in-process tasks) and production (PostgreSQL, Redis,
a background worker) without edits.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from config.storage import object_storages
from organizations.hosts import SiteHosts

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    """Read one environment variable as a string."""
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable as a list, ignoring blanks."""
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "django-insecure-thongthin-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
# The configured names plus every LGO site's host name from the database: an LGO added on the web is served at
# once, without a restart; unknown hosts are still refused (organizations.hosts).
ALLOWED_HOSTS = SiteHosts(env_list("ALLOWED_HOSTS", "127.0.0.1,localhost"))
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Thongthin apps first so their templates and translations win.
    "core",
    "organizations",
    "home",
    "eservices",
    "payments",
    "wastefees",
    "saraban",
    "complaints",
    "insights",
    "open311",
    "outreach",
    "lineoa",
    # Reviewed Thai for Wagtail's and Django's own strings: after our apps (theirs win), before the frameworks.
    "thai_overrides",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "rest_framework",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "core.health.HealthMiddleware",  # /healthz, /readyz, /metrics: answered before host checks, sessions, caches
    "core.logs.RequestContextMiddleware",  # request id for logs and the X-Request-ID header
    "core.metrics.MetricsMiddleware",  # latency, errors and database time per view (Prometheus)
    "core.requestmemo.RequestMemoMiddleware",  # first: site, cache versions and roles looked up once per request
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages per site and language, before sessions, locale, CSRF and auth: a hit costs one cache read.
    "core.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "core.middleware.RefuseNulMiddleware",  # a NUL in the path or query: 404/400 (in the visitor's language)
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "organizations.middleware.PasswordChangeMiddleware",  # a temporary password must be replaced first
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.SecurityHeadersMiddleware",  # after CSPMiddleware: Permissions-Policy, admin CSP
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
# Django's renderer, with plain <input> widgets written without the template engine (core.formrenderer).
FORM_RENDERER = "core.formrenderer.FormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.organization",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Database: SQLite by default so that `make run` needs nothing installed; PostgreSQL in production.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0")),
        # A kept connection the database or a pooler dropped is noticed and replaced before the request uses it.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while one writer commits; a busy timeout stops "database is locked" errors.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set (shared by all app servers), otherwise in-process memory.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "thongthin"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "thongthin",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "600"))
# Each worker also keeps its most used pages in memory and serves them without asking Redis while the site's cache
# version it read is younger than this many seconds: another app server sees a publish at most this late (the one
# that published sees it at once). 0 turns the in-process tier off.
PAGE_CACHE_LOCAL_SECONDS = float(env("PAGE_CACHE_LOCAL_SECONDS", "2"))
PAGE_CACHE_LOCAL_ENTRIES = int(env("PAGE_CACHE_LOCAL_ENTRIES", "500"))
# Query parameters that change what a public page shows (pagination, news category, search); campaign tags are left
# out of the cache key, and a page asked for with any other parameter is served uncached and not stored.
PAGE_CACHE_QUERY_PARAMS = env_list("PAGE_CACHE_QUERY_PARAMS", "page,category,q")
PAGE_CACHE_IGNORED_PARAMS = env_list("PAGE_CACHE_IGNORED_PARAMS", "utm_*,fbclid,gclid,msclkid,mc_cid,mc_eid,_ga")

# How many reverse proxies (nginx, a CDN) stand in front of the app: the client's address is taken that many entries
# from the right of X-Forwarded-For (entries further left are the client's own claims). 0 = REMOTE_ADDR.
# X-Forwarded-For is read only from a connection that comes from TRUSTED_PROXY_ADDRESSES (networks; the nginx on this
# host by default): a client that reaches the app server directly cannot choose its own address.
TRUSTED_PROXY_HOPS = int(env("TRUSTED_PROXY_HOPS", "0"))
TRUSTED_PROXY_ADDRESSES = env_list("TRUSTED_PROXY_ADDRESSES", "127.0.0.1/32,::1/128")

# Sessions live in the database; with Redis they are read through it (cached_db: one cache read per request, and
# a Redis restart logs nobody out). Without a shared cache, only the database is safe across processes.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Thai first, English second.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
# A new translation starts as a draft, whatever the source's state: an English page still in Thai must never go live
# at /en/ or in the English feed. Editors translate, approvers publish through the workflow (home.translations).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# jslocale/ holds only the djangojs domain (Wagtail's JavaScript strings in Thai), so it overrides no app's catalogue.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "thai_overrides" / "jslocale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

# Static and media files.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Private files (citizens' uploads, issued documents, correspondence) never live under MEDIA_ROOT: they have no
# public URL and are only served through views that check permission.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Object storage (several app servers, one bucket): STORAGE_URL or AWS_STORAGE_BUCKET_NAME switches public media and
# private files to an S3-compatible bucket (config.storage); local folders stay the embedded default.
_object_storage = object_storages(os.environ)
if _object_storage:
    STORAGES = {**STORAGES, **_object_storage}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760
FILE_UPLOAD_PERMISSIONS = 0o640

# E-mail: SMTP settings from the environment; the console backend when nothing is configured.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Thongthin <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks: run in-process by default; production sets TASKS_BACKEND=database and runs `db_worker`.
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if env("TASKS_BACKEND", "immediate") == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Wagtail
WAGTAIL_SITE_NAME = "Thongthin"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", f"http://127.0.0.1:{env('PORT', '8000')}")
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents are always served through Wagtail's view (/documents/<id>/<name>), which applies collection privacy
# ("signed-in users only", passwords); never by redirecting to their file, which would be public. nginx keeps
# /media/documents/ internal (README).
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods", "csv", "txt", "zip", "jpg", "png"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True

# Security headers that are safe everywhere; production.py adds HTTPS-only ones.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(self), payment=()"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],  # public pages: no inline or eval'd scripts (admin: see below)
        "font-src": ["'self'", "data:"],
        "frame-src": ["'self'", "https://www.youtube.com", "https://www.youtube-nocookie.com",
                      "https://www.google.com", "https://maps.google.com", "https://www.openstreetmap.org",
                      "https://player.vimeo.com"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

# The Wagtail admin uses inline scripts; only its pages get them (core.middleware.SecurityHeadersMiddleware).
ADMIN_URL_PREFIXES = ("/admin/",)
ADMIN_CONTENT_SECURITY_POLICY_REPLACE = {"script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"]}

# Admin and citizen look-up throttling (attempts per window, per client address and per account/reference).
LOGIN_THROTTLE_ATTEMPTS = int(env("LOGIN_THROTTLE_ATTEMPTS", "5"))
LOGIN_THROTTLE_WINDOW_SECONDS = int(env("LOGIN_THROTTLE_WINDOW_SECONDS", "900"))
WAGTAILADMIN_USER_LOGIN_FORM = "core.forms.ThrottledLoginForm"
# Password-reset e-mails: at most this many per e-mail address and per client address in the window (the page says
# the same either way, so a flood neither fills an officer's mailbox nor tells which addresses exist).
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "core.forms.ThrottledPasswordResetForm"  # noqa: S105 (a class path)
PASSWORD_RESET_THROTTLE_PER_EMAIL = int(env("PASSWORD_RESET_THROTTLE_PER_EMAIL", "3"))
PASSWORD_RESET_THROTTLE_PER_ADDRESS = int(env("PASSWORD_RESET_THROTTLE_PER_ADDRESS", "10"))
PASSWORD_RESET_THROTTLE_WINDOW_SECONDS = int(env("PASSWORD_RESET_THROTTLE_WINDOW_SECONDS", "3600"))
LOOKUP_THROTTLE_ATTEMPTS = int(env("LOOKUP_THROTTLE_ATTEMPTS", "10"))
LOOKUP_THROTTLE_WINDOW_SECONDS = int(env("LOOKUP_THROTTLE_WINDOW_SECONDS", "600"))
# Failed case look-ups from one address across all references: high, since a carrier NAT or an office kiosk puts
# many citizens behind one address (the per-case limit above is what protects each case's 4 digits).
LOOKUP_THROTTLE_ADDRESS_ATTEMPTS = int(env("LOOKUP_THROTTLE_ADDRESS_ATTEMPTS", "100"))

# The public base URL used in e-mails, PDFs and QR codes when there is no request (background tasks).
# `make run PORT=…` serves the demo elsewhere: the default follows it.
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", f"http://127.0.0.1:{env('PORT', '8000')}")

# Payment gateway webhooks are signed with HMAC-SHA256 using this secret (payments/providers/gateway.py).
# The default only suits development; production.py refuses to start without a real one.
PAYMENT_WEBHOOK_SECRET = env("PAYMENT_WEBHOOK_SECRET", "dev-only-payment-webhook-secret-change-me")

# Logs go to stderr: plain lines, or JSON lines with request id, LGO and user (LOG_FORMAT=json, for log shippers).
# Personal data (national IDs, phones, e-mail addresses) is masked in either (core.logs).
LOG_FORMAT = env("LOG_FORMAT", "plain")
LOG_REQUESTS = env_bool("LOG_REQUESTS", LOG_FORMAT == "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask": {"()": "core.logs.MaskingFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "core.logs.JsonFormatter"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json" if LOG_FORMAT == "json" else "plain",
                             "filters": ["mask"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Prometheus /metrics: only from these networks (the client address behind TRUSTED_PROXY_HOPS) or with
# "Authorization: Bearer <METRICS_TOKEN>"; 404 to everyone else.
METRICS_ALLOWED_ADDRESSES = env_list("METRICS_ALLOWED_ADDRESSES", "127.0.0.1/32,::1/128")
METRICS_TOKEN = env("METRICS_TOKEN")
# /readyz: the background worker must have reported within this many seconds (TASKS_BACKEND=database).
WORKER_HEARTBEAT_SECONDS = int(env("WORKER_HEARTBEAT_SECONDS", "15"))
WORKER_HEARTBEAT_MAX_AGE = int(env("WORKER_HEARTBEAT_MAX_AGE", "60"))
# Notifications: attempts before a message is given up (and shown to the LGO administrator with a retry button).
NOTIFICATION_MAX_ATTEMPTS = int(env("NOTIFICATION_MAX_ATTEMPTS", "7"))
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "20"))

MESSAGE_TAGS_LABEL = _("Thongthin")
