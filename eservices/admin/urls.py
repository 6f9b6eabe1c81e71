"""Admin URLs of the inbox (mounted under /admin/eservices/ by wagtail_hooks; Wagtail adds its login check)."""

from django.urls import include, path

from ..kinds import registry as kinds
from . import library, views

app_name = "eservices_admin"


def kind_urlpatterns() -> list:
    """Each service kind's own officer actions, under kinds/<key>/ (contracts/licensing.md)."""
    return [pattern for kind in kinds.kinds for pattern in
            [path(f"kinds/{kind.key}/", include(kind.admin_urls()))] if kind.admin_urls()]


urlpatterns = [
    path("library/", library.LibraryView.as_view(), name="library"),
    path("library/update/<int:page_id>/", library.LibraryUpdateView.as_view(), name="library_update"),
    path("cases/", views.InboxView.as_view(), name="inbox"),
    path("cases/export.<str:fmt>/", views.ExportView.as_view(), name="export"),
    path("cases/bulk/", views.BulkActionView.as_view(), name="bulk"),
    path("cases/<int:pk>/", views.CaseView.as_view(), name="case"),
    path("cases/<int:pk>/files/<int:attachment_pk>/", views.AttachmentDownloadView.as_view(), name="attachment"),
    path("cases/<int:pk>/documents/<int:document_pk>/", views.DocumentDownloadView.as_view(), name="document"),
    *kind_urlpatterns(),
]
