"""Admin URLs of complaints (mounted under /admin/complaints/ by wagtail_hooks; Wagtail adds its login check)."""

from django.urls import path

from . import admin_views

app_name = "complaints_admin"

urlpatterns = [
    path("", admin_views.InboxView.as_view(), name="inbox"),
    path("<int:pk>/", admin_views.ReportView.as_view(), name="report"),
    path("photos/<int:pk>/", admin_views.PhotoView.as_view(), name="photo"),
]
