"""Open data per LGO: a human page with licences, CSV and JSON per dataset, a DCAT catalogue that is valid JSON-LD."""

from __future__ import annotations

import csv
import io

import pytest
from pyld import jsonld

from core.insights import datasets

DCAT = "http://www.w3.org/ns/dcat#"


@pytest.fixture
def filed(org_a, org_b, make_service, file_case):
    water = make_service("ขอรถบรรทุกน้ำ")
    return [file_case(water) for _ in range(3)]


def test_the_page_lists_every_dataset_with_its_licence(client, org_a, filed):
    html = client.get("/open-data/").content.decode()
    for dataset in datasets():
        assert f"/open-data/{dataset.key}.csv" in html and f"/open-data/{dataset.key}.json" in html
    assert 'rel="license"' in html and "Creative Commons Attribution 4.0" in html
    assert "/open-data/catalog.jsonld" in html
    english = client.get("/en/open-data/").content.decode()
    assert "Open data" in english and "Monthly e-service request statistics" in english


def test_csv_and_json_hold_statistics_of_this_lgo_only(client, org_a, org_b, filed):
    rows = list(csv.reader(io.StringIO(client.get("/open-data/case-statistics.csv").content.decode("utf-8-sig"))))
    assert [row[1:3] for row in rows[1:]] == [["ขอรถบรรทุกน้ำ", "3"]]
    data = client.get("/open-data/case-statistics.json").json()
    assert data["dla_code"] == org_a.dla_code and data["rows"][0]["received"] == 3
    assert "นางสมศรี" not in str(data) and "0812345678" not in str(data)
    services = client.get("/open-data/services.json").json()["rows"]
    assert sorted(row["title"] for row in services) == ["ขอรถบรรทุกน้ำ", "ขอรับบริการน้ำอุปโภคบริโภค"]
    other = client.get("/open-data/case-statistics.json", HTTP_HOST="b.test").json()
    assert other["rows"] == [] and other["dla_code"] == org_b.dla_code
    assert client.get("/open-data/nothing.json").status_code == 404


def test_dcat_catalogue_is_valid_json_ld_with_a_dataset_per_entry(client, org_a, filed):
    response = client.get("/open-data/catalog.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    document = response.json()
    # Expansion fails on invalid JSON-LD (bad @context, bad @id or @value shapes); the context is inline, so no
    # document is fetched from the network.
    expanded = jsonld.expand(document)
    assert expanded and f"{DCAT}Catalog" in expanded[0]["@type"]
    quads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    dataset_lines = [line for line in quads.splitlines()
                     if line.endswith(f"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{DCAT}Dataset> .")]
    assert len(dataset_lines) == len(datasets())
    assert f"<{DCAT}downloadURL> <http://testserver/open-data/services.csv>" in quads
    assert '"E-service catalogue"@en' in quads and '"รายการบริการ e-Service"@th' in quads
    assert "<http://purl.org/dc/terms/license> <https://creativecommons.org/licenses/by/4.0/>" in quads
