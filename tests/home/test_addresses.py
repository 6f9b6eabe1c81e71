"""Stable addresses on every LGO: /e-service/, /complaint/, /pay/ and /track/, whatever the pages are called."""

from __future__ import annotations

import pytest

from eservices.library import services as library_services
from eservices.models import ServiceIndexPage
from home.defaults import create_default_pages

pytestmark = pytest.mark.django_db


def test_every_new_lgo_answers_the_stable_addresses(org_a, client):
    create_default_pages(org_a)
    assert client.get("/e-service/").status_code == 200
    # No complaint service yet: /complaint/ leads to the catalogue; once published, to the service.
    assert client.get("/complaint/")["Location"] == "/e-service/"
    library_services.add_from_library(organization=org_a, choices=[
        ("complaint", org_a.departments.get(code="office"))])
    assert client.get("/complaint/")["Location"] == "/e-service/complaint/"
    assert client.get("/pay/")["Location"] == "/track/"
    assert client.get("/track/").status_code == 200


def test_a_renamed_catalogue_is_still_found_at_e_service(org_a, client):
    create_default_pages(org_a)
    index = ServiceIndexPage.objects.get()
    index.slug = "online-services"
    index.save_revision().publish()
    response = client.get("/e-service/")
    assert response.status_code == 302 and response["Location"] == "/online-services/"


def test_e_service_finds_the_catalogue_without_the_tree_until_it_moves(org_a, client, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 0  # every visit renders
    create_default_pages(org_a)
    assert client.get("/e-service/").status_code == 200
    with CaptureQueriesContext(connection) as again:
        assert client.get("/e-service/").status_code == 200
    tables = " ".join(q["sql"] for q in again.captured_queries)
    assert "wagtailcore_page" not in tables and "wagtailcore_locale" not in tables
    index = ServiceIndexPage.objects.get()
    index.slug = "online-services"
    index.save_revision().publish()
    response = client.get("/e-service/")
    assert response.status_code == 302 and response["Location"] == "/online-services/"
