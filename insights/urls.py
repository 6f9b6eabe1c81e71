"""Open data, language-prefixed like every public page (Thai at /open-data/, English at /en/open-data/)."""

from django.urls import path

from . import opendata

app_name = "insights"
urlpatterns = [
    path("open-data/", opendata.open_data_index, name="open_data"),
    path("open-data/catalog.jsonld", opendata.catalogue, name="catalogue"),
    path("open-data/<slug:key>.csv", opendata.dataset_csv, name="dataset_csv"),
    path("open-data/<slug:key>.json", opendata.dataset_json, name="dataset_json"),
]
