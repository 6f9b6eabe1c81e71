"""Officer URLs under /admin/saraban/ (registered by wagtail_hooks.register_admin_urls)."""

from django.urls import path

from .views import compose, desk, documents, registers, retention

app_name = "saraban"

urlpatterns = [
    path("", desk.desk, name="desk"),
    path("desk/<str:tab>/", desk.desk, name="desk_tab"),
    path("stalled/", desk.stalled, name="stalled"),
    path("search/", desk.search, name="search"),
    path("registers/", registers.register_list, name="registers"),
    path("registers/<str:register>/", registers.register_list, name="register"),
    path("registers/<str:register>/pdf/", registers.register_pdf, name="register_pdf"),
    path("incoming/new/", registers.incoming_new, name="incoming_new"),
    path("incoming/pending/", registers.pending_list, name="pending"),
    path("compose/", compose.compose, name="compose"),
    path("documents/<int:pk>/", documents.document_detail, name="document"),
    path("documents/<int:pk>/edit/", compose.compose, name="document_edit"),
    path("documents/<int:pk>/preview.pdf", compose.letter_preview, name="letter_preview"),
    path("documents/<int:pk>/issue/", compose.letter_issue, name="letter_issue"),
    path("documents/<int:pk>/route/", documents.document_route, name="document_route"),
    path("documents/<int:pk>/endorse/", documents.document_endorse, name="document_endorse"),
    path("documents/<int:pk>/file-away/", documents.document_file_away, name="document_file_away"),
    path("documents/<int:pk>/receive/", documents.document_receive, name="document_receive"),
    path("documents/<int:pk>/files/<str:which>/", documents.document_file, name="document_file"),
    path("attachments/<int:pk>/", documents.attachment_file, name="attachment"),
    path("routings/<int:routing_pk>/acknowledge/", documents.routing_acknowledge, name="routing_acknowledge"),
    path("routings/<int:routing_pk>/complete/", documents.routing_complete, name="routing_complete"),
    path("retention/", retention.retention_index, name="retention"),
    path("retention/archives/", retention.archives_list, name="archives"),
    path("retention/<int:pk>/", retention.destruction_list_detail, name="destruction_list"),
    path("retention/<int:pk>/destroy/", retention.destruction_list_destroy, name="destruction_list_destroy"),
    path("retention/<int:pk>/pdf/", retention.destruction_list_pdf, name="destruction_list_pdf"),
]
