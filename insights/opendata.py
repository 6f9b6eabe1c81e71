"""Open data of one LGO at `/open-data/` (its own host name): the datasets of `core.insights.open_datasets` as CSV
and JSON, a DCAT catalogue in JSON-LD that a national CKAN portal harvests (ckanext-dcat), and a page for people
listing each dataset with its licence.

Public and anonymous: datasets hold statistics only. Each table is computed at most once an hour per LGO and
language (the same cache rule as the dashboard).
"""

from __future__ import annotations

import json

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from core.insights import Dataset, Table, datasets, open_datasets
from organizations.links import absolute_url
from organizations.tenancy import current_organization

from .render import table_csv, table_records

CACHE_SECONDS = 3600
LICENCE_NAMES = {
    "https://creativecommons.org/licenses/by/4.0/": "Creative Commons Attribution 4.0 (CC BY 4.0)",
}
FREQUENCIES = {"monthly": "http://purl.org/cld/freq/monthly", "daily": "http://purl.org/cld/freq/daily",
               "irregular": "http://purl.org/cld/freq/irregular", "annual": "http://purl.org/cld/freq/annual"}
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json"}
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _organization(request: HttpRequest):
    organization = current_organization(request)
    if organization is None:
        raise Http404
    return organization


def dataset_table(dataset: Dataset, organization) -> Table:
    key = (f"insights:dataset:{dataset.key}:{organization.pk}:{translation.get_language()}:"
           f"{timezone.localtime():%Y%m%d%H}")
    table = cache.get(key)
    if table is None:
        table = dataset.compute(organization)
        cache.set(key, table, CACHE_SECONDS)
    return table


def _get(key: str) -> Dataset:
    dataset = open_datasets.get_or_none(key)
    if dataset is None:
        raise Http404
    return dataset


@require_GET
def open_data_index(request: HttpRequest) -> HttpResponse:
    organization = _organization(request)
    return render(request, "insights/open_data.html", {
        "organization": organization, "datasets": datasets(), "licence_names": LICENCE_NAMES,
        "catalogue_url": reverse("insights:catalogue"),
    })


@require_GET
def dataset_csv(request: HttpRequest, key: str) -> HttpResponse:
    organization, dataset = _organization(request), _get(key)
    response = HttpResponse(table_csv(dataset.columns, dataset_table(dataset, organization)),
                            content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{organization.code.lower()}-{key}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def dataset_json(request: HttpRequest, key: str) -> JsonResponse:
    organization, dataset = _organization(request), _get(key)
    payload = {
        "dataset": dataset.key, "title": str(dataset.title), "organization": organization.name_th,
        "dla_code": organization.dla_code, "licence": dataset.licence,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "columns": [{"key": c.key, "label": str(c.label), "type": c.kind} for c in dataset.columns],
        "rows": table_records(dataset.columns, dataset_table(dataset, organization)),
    }
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _text(value, language: str) -> dict:
    return {"@language": language, "@value": str(value)}


def _both(value) -> list[dict]:
    """A translatable string in Thai and in English, as language-tagged JSON-LD literals."""
    texts = []
    for language in ("th", "en"):
        with translation.override(language):
            texts.append(_text(value, language))
    return texts


def dcat_catalogue(request: HttpRequest, organization) -> dict:
    """The LGO's DCAT catalogue: one dcat:Dataset per registered dataset with CSV and JSON distributions."""
    def url(name: str, *args) -> str:
        with translation.override("th"):
            return absolute_url(reverse(name, args=args), organization, request=request)

    home = absolute_url("/", organization, request=request)
    publisher = {"@id": f"{home}#organization", "@type": "foaf:Organization", "foaf:name": organization.name_th,
                 "foaf:homepage": {"@id": home}}
    contact = {"@type": "vcard:Organization", "vcard:fn": organization.name_th}
    if organization.email:
        contact["vcard:hasEmail"] = {"@id": f"mailto:{organization.email}"}
    today = {"@value": timezone.localdate().isoformat(), "@type": "xsd:date"}
    entries = []
    for dataset in datasets():
        distributions = [{
            "@id": url(f"insights:dataset_{fmt}", dataset.key), "@type": "dcat:Distribution",
            "dct:title": _both(dataset.title), "dct:format": fmt.upper(),
            "dcat:mediaType": {"@id": f"https://www.iana.org/assignments/media-types/{MEDIA_TYPES[fmt]}"},
            "dcat:accessURL": {"@id": url(f"insights:dataset_{fmt}", dataset.key)},
            "dcat:downloadURL": {"@id": url(f"insights:dataset_{fmt}", dataset.key)},
            "dct:license": {"@id": dataset.licence},
        } for fmt in ("csv", "json")]
        entries.append({
            "@id": f"{url('insights:open_data')}#{dataset.key}", "@type": "dcat:Dataset",
            "dct:identifier": f"{organization.dla_code}-{dataset.key}",
            "dct:title": _both(dataset.title), "dct:description": _both(dataset.description),
            "dcat:keyword": list(dataset.keywords), "dct:publisher": {"@id": publisher["@id"]},
            "dcat:contactPoint": contact, "dct:license": {"@id": dataset.licence},
            "dct:accrualPeriodicity": {"@id": FREQUENCIES.get(dataset.frequency, FREQUENCIES["irregular"])},
            "dct:modified": today, "dct:language": [{"@id": "http://id.loc.gov/vocabulary/iso639-1/th"}],
            "dcat:landingPage": {"@id": url("insights:open_data")},
            "dcat:distribution": distributions, **dataset.extra,
        })
    return {
        "@context": CONTEXT, "@id": url("insights:catalogue"), "@type": "dcat:Catalog",
        "dct:title": [_text(f"ข้อมูลเปิดของ{organization.name_th}", "th"),
                      _text(f"Open data of {organization.name_en or organization.name_th}", "en")],
        "dct:publisher": publisher, "dct:modified": today, "foaf:homepage": {"@id": home},
        "dct:license": {"@id": "https://creativecommons.org/licenses/by/4.0/"},
        "dcat:dataset": entries,
    }


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    organization = _organization(request)
    body = json.dumps(dcat_catalogue(request, organization), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/ld+json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


