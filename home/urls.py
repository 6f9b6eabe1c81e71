"""Public (language-prefixed) URLs of the website beyond the page tree: Thai at /search/, English at /en/search/."""

from django.urls import path

from . import addresses, views

app_name = "home"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("e-service/", addresses.catalogue, name="catalogue"),
    path("complaint/", addresses.complaint, name="complaint"),
    path("pay/", addresses.pay, name="pay"),
]
