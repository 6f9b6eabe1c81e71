"""A round trip over real HTTP with `georeport`, an Open311 GeoReport v2 client from PyPI: a request filed by POST
is read back through the client's own calls, in JSON and in XML (which it parses with xmltodict).

georeport has no POST call (it reads only), so the request is filed with `requests`, as georeport itself talks HTTP.
"""

from __future__ import annotations

import pytest
import requests as http
from georeport import GeoReport

from open311.services import issue_key


@pytest.mark.django_db(transaction=True)
def test_georeport_reads_back_what_was_posted(live_server, org_a):
    key = issue_key(organization=org_a, client_name="georeport")[1]
    root = f"{live_server.url}/open311/v2"
    answer = http.post(f"{root}/requests.json", data={
        "api_key": key, "jurisdiction_id": org_a.code, "service_code": "roads", "lat": "19.910100",
        "long": "99.840200", "description": "ถนนเป็นหลุมลึก หน้าตลาด", "first_name": "สมชาย", "last_name": "ใจดี",
        "email": "somchai@example.com", "attribute[depth]": "30 ซม.",
    }, timeout=30)
    assert answer.status_code == 200, answer.text
    request_id = answer.json()[0]["service_request_id"]

    for fmt in ("json", "xml"):
        client = GeoReport(root, jurisdiction=org_a.code, output_format=fmt)
        services = client.get_service_list()
        assert "roads" in [service["service_code"] for service in services]
        definition = client.get_service_definition("roads")
        assert definition["service_code"] == "roads"
        found = client.get_service_requests(service_code="roads", status="open")
        found = found if isinstance(found, list) else [found]  # xmltodict gives one element as a dict
        assert [row["service_request_id"] for row in found] == [request_id]
        one = client.get_service_request(request_id)
        assert one["service_request_id"] == request_id and one["status"] == "open"
        assert one["description"] == "ถนนเป็นหลุมลึก หน้าตลาด"
        assert "สมชาย" not in str(one) and "somchai@example.com" not in str(one)

    with pytest.raises(http.HTTPError) as error:  # the client surfaces the spec's 404 as an HTTP error
        GeoReport(root, jurisdiction=org_a.code).get_service_definition("nosuch")
    assert error.value.response.status_code == 404
    assert error.value.response.json()[0]["code"] == 404
