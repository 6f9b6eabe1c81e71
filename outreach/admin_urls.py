"""Admin URLs of outreach (mounted under /admin/outreach/ by wagtail_hooks; Wagtail adds its login check)."""

from django.urls import path

from . import admin_views

app_name = "outreach_admin"

urlpatterns = [
    path("posters/", admin_views.PosterListView.as_view(), name="posters"),
    path("posters/<str:key>.<str:fmt>.pdf", admin_views.PosterDownloadView.as_view(), name="poster"),
    path("channels/", admin_views.ChannelFiguresView.as_view(), name="channels"),
    path("counter/", admin_views.CounterView.as_view(), name="counter"),
]
