"""Unprefixed URLs: the OpenAPI document of the non-Wagtail endpoints."""

from django.urls import path

from . import openapi

app_name = "insights_api"
urlpatterns = [
    path("api/schema/", openapi.schema_view, name="schema"),
]
