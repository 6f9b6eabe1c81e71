"""Citizen URLs of eservices (language-prefixed: Thai at /…, English at /en/…)."""

from django.urls import path

from . import views

app_name = "eservices"

urlpatterns = [
    path("track/<str:token>/", views.track_detail, name="track_detail"),
    path("verify/<str:code>/", views.verify, name="verify"),
]
