"""Public (language-prefixed) URLs of the website beyond the page tree: Thai at /search/, English at /en/search/."""

from django.urls import path

from . import views

app_name = "home"

urlpatterns = [
    path("search/", views.search, name="search"),
]
