"""URL map. Citizen pages are language-prefixed (Thai at /, English at /en/); admin, files and webhooks are not."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import routecache
from core.slugs import THAI_SLUG_SERVE_PATTERN
from organizations.choosers import ScopedPageBrowseView

urlpatterns = [
    # Wagtail's page chooser would open any LGO's page as the parent: this one refuses other LGOs' trees.
    path("admin/choose-page/<int:parent_page_id>/", ScopedPageBrowseView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]

# Each app may add unprefixed URLs (webhooks, file downloads, verification) in `api_urls.py`.
for app in ("home", "eservices", "payments", "wastefees", "saraban", "open311", "outreach", "insights", "lineoa"):
    try:
        urlpatterns.append(path("", include(f"{app}.api_urls")))
    except ModuleNotFoundError as exc:
        if exc.name != f"{app}.api_urls":
            raise

if settings.DEBUG:  # as nginx does in production (README): documents only through Wagtail's view at /documents/
    from django.views.static import serve

    urlpatterns.append(re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?!documents/)(?P<path>.*)$", serve,
                               {"document_root": settings.MEDIA_ROOT}))

urlpatterns += i18n_patterns(
    path("", include("home.urls")),
    path("", include("eservices.urls")),
    path("", include("payments.urls")),
    path("", include("wastefees.urls")),
    path("", include("saraban.urls")),
    path("", include("complaints.urls")),
    path("", include("insights.urls")),
    # Wagtail's own URLs (password-protected pages, front-end login) but its page-serving pattern: pages are served
    # by core.routecache (Wagtail's view, the route found without walking the tree), on a pattern that also takes
    # addresses with Thai vowel and tone marks, which Wagtail's refuses (core.slugs).
    path("", include([p for p in wagtail_urls.urlpatterns if getattr(p, "name", "") != "wagtail_serve"])),
    re_path(THAI_SLUG_SERVE_PATTERN, routecache.serve, name="wagtail_serve"),
    prefix_default_language=False,
)
