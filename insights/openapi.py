"""The OpenAPI 3 document of every endpoint that is not Wagtail's API v2 (`/api/schema/`): open data, the payment
gateway webhook, receipt verification, robots.txt and sitemap.xml. Wagtail's own endpoints (`/api/v2/…`) are
described by Wagtail's documentation; this one is checked against the running code by a schemathesis run in the
test suite (tests/insights/test_openapi.py), which must find no 5xx answer.
"""

from __future__ import annotations

from typing import Any, get_args

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from core.insights import ColumnKind, datasets

_ERROR = {"description": "Not found (unknown dataset, or no LGO served on this host)"}


def _text(media_type: str, description: str) -> dict[str, Any]:
    return {"description": description, "content": {media_type: {"schema": {"type": "string"}}}}


def openapi_document() -> dict[str, Any]:
    keys = [dataset.key for dataset in datasets()]
    dataset_parameter = {"name": "dataset", "in": "path", "required": True,
                         "description": "The dataset key, as listed in the DCAT catalogue.",
                         "schema": {"type": "string", "enum": keys}}
    table = {
        "type": "object",
        "required": ["dataset", "title", "organization", "dla_code", "licence", "columns", "rows"],
        "properties": {
            "dataset": {"type": "string"}, "title": {"type": "string"}, "organization": {"type": "string"},
            "dla_code": {"type": "string", "pattern": "^[0-9]{7}$"}, "licence": {"type": "string", "format": "uri"},
            "generated_at": {"type": "string", "format": "date-time"},
            "columns": {"type": "array", "items": {
                "type": "object", "required": ["key", "label", "type"], "properties": {
                    "key": {"type": "string"}, "label": {"type": "string"},
                    "type": {"type": "string", "enum": list(get_args(ColumnKind))}}}},
            "rows": {"type": "array", "items": {"type": "object"}},
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Thongthin: open data and machine endpoints of one LGO",
            "version": "1",
            "description": "Every path answers for the LGO whose host name serves the request. Page content is "
                           "Wagtail's API v2 at /api/v2/ (pages, images, documents, services, news, ita).",
            "license": {"name": "AGPL-3.0-or-later"},
        },
        "paths": {
            "/open-data/catalog.jsonld": {"get": {
                "summary": "DCAT catalogue of the LGO's open datasets (JSON-LD, for CKAN's DCAT harvester)",
                "operationId": "openDataCatalogue",
                "responses": {"200": {"description": "A dcat:Catalog", "content": {
                    "application/ld+json": {"schema": {"type": "object", "required": ["@context", "@type"]}}}},
                    "404": _ERROR}}},
            "/open-data/{dataset}.json": {"get": {
                "summary": "One open dataset as JSON", "operationId": "openDataJson",
                "parameters": [dataset_parameter],
                "responses": {"200": {"description": "The table", "content": {
                    "application/json": {"schema": table}}}, "404": _ERROR}}},
            "/open-data/{dataset}.csv": {"get": {
                "summary": "One open dataset as CSV (UTF-8 with BOM, header row)", "operationId": "openDataCsv",
                "parameters": [dataset_parameter],
                "responses": {"200": _text("text/csv", "The table"), "404": _ERROR}}},
            "/payments/webhook/{provider}/": {"post": {
                "summary": "Payment notice from a payment gateway (HMAC-signed; see the README)",
                "operationId": "paymentWebhook",
                "parameters": [
                    {"name": "provider", "in": "path", "required": True, "schema": {"type": "string",
                                                                                     "pattern": "^[-a-zA-Z0-9_]+$"}},
                    {"name": "X-Thongthin-Timestamp", "in": "header", "required": False, "schema": {"type": "string"}},
                    {"name": "X-Thongthin-Signature", "in": "header", "required": False, "schema": {"type": "string"}},
                ],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "properties": {
                        "transaction_id": {"type": "string"}, "ref1": {"type": "string"}, "ref2": {"type": "string"},
                        "amount": {"type": "string"}, "paid_at": {"type": "string"}, "biller_id": {"type": "string"},
                        "event_id": {"type": "string"}}}}}},
                "responses": {"200": {"description": "Recorded or already recorded"},
                              "400": {"description": "Malformed notice"},
                              "401": {"description": "Bad or missing signature"},
                              "404": {"description": "Unknown provider"},
                              "405": {"description": "Only POST"},
                              "409": {"description": "Conflict"},
                              "413": {"description": "Too large"},
                              "415": {"description": "Not JSON"},
                              "422": {"description": "Valid notice that cannot be applied"}}}},
            "/verify/r/{code}/": {"get": {
                "summary": "Public verification page of an e-receipt (printed as a QR code)",
                "operationId": "verifyReceipt",
                "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {"200": _text("text/html", "The receipt's details, or that it is not valid"),
                              "404": {"description": "No such receipt"},
                              "429": {"description": "Too many look-ups"}}}},
            "/robots.txt": {"get": {"summary": "Crawler rules", "operationId": "robots",
                                    "responses": {"200": _text("text/plain", "robots.txt")}}},
            "/sitemap.xml": {"get": {"summary": "Sitemap of the LGO's public pages (both languages)",
                                     "operationId": "sitemap",
                                     "responses": {"200": _text("application/xml", "sitemap")}}},
            "/api/schema/": {"get": {"summary": "This document", "operationId": "schema",
                                     "responses": {"200": {"description": "OpenAPI 3 document", "content": {
                                         "application/json": {"schema": {"type": "object"}}}}}}},
        },
    }


@require_GET
def schema_view(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(openapi_document(), json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response
