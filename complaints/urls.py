"""Citizen URLs of complaints (language-prefixed: Thai at /…, English at /en/…)."""

from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("complaints/", views.board, name="board"),
    path("complaints/new/", views.report, name="report"),
    path("complaints/<int:report_id>/", views.detail, name="detail"),
    path("complaints/<int:report_id>/follow/", views.follow, name="follow"),
    path("complaints/r/<str:token>/", views.status, name="status"),
    path("complaints/r/<str:token>/rate/", views.rate, name="rate"),
    path("complaints/r/<str:token>/reopen/", views.reopen, name="reopen"),
    path("complaints/r/<str:token>/cancel/", views.cancel, name="cancel"),
    path("complaints/photo/<int:photo_id>/", views.photo, name="photo"),
]
