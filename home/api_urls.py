"""Unprefixed URLs: one robots.txt and one sitemap.xml per site (covering both languages), and the headless content
API (Wagtail API v2) of the site's LGO."""

from django.urls import path

from . import views
from .api import api_router

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_xml, name="sitemap_xml"),
    path("api/v2/", api_router.urls),
]
