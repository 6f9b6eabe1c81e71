"""Open311 GeoReport v2 at /open311/v2/: every endpoint in JSON and XML as the spec shows, the spec's error
documents with the right HTTP status for bad input, API keys per client and LGO, and no personal data."""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from django.utils import timezone

from complaints.constants import Channel, ReportStatus
from complaints.models import Category, Report
from open311.models import ApiKey
from open311.services import issue_key, revoke_key

BASE = "/open311/v2"
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'


@pytest.fixture
def key(org_a) -> str:
    return issue_key(organization=org_a, client_name="Test app")[1]


@pytest.fixture
def lights(org_a) -> Category:
    return Category.objects.for_organization(org_a).get(code="lights")


def post(client, key: str, fmt: str = "json", **fields):
    data = {"api_key": key, "service_code": "lights", "lat": "19.910000", "long": "99.840000",
            "description": "ไฟถนนดับ 3 ต้น หน้าวัด", "first_name": "สมหญิง", "last_name": "รักดี",
            "phone": "0812345678", "email": "somying@example.com", **fields}
    return client.post(f"{BASE}/requests.{fmt}", {k: v for k, v in data.items() if v is not None})


def xml(response) -> ET.Element:
    text = response.content.decode()
    assert text.startswith(XML_DECLARATION), text[:80]
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return ET.fromstring(response.content)  # noqa: S314  (our own response)


def errors_of(response, fmt: str) -> list[tuple[int, str]]:
    if fmt == "xml":
        root = xml(response)
        assert root.tag == "errors"
        return [(int(e.findtext("code")), e.findtext("description")) for e in root.findall("error")]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return [(e["code"], e["description"]) for e in response.json()]


# --- Discovery and services ---

@pytest.mark.django_db
def test_discovery_in_json_and_xml(client, org_a):
    data = client.get(f"{BASE}/discovery.json").json()
    assert data["changeset"] and org_a.name_th in data["contact"]
    endpoint = data["endpoints"][0]
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["formats"] == ["application/json", "text/xml"]

    root = xml(client.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    assert [child.tag for child in root] == ["changeset", "contact", "key_service", "endpoints"]
    formats = root.find("endpoints/endpoint/formats")
    assert [f.text for f in formats.findall("format")] == ["application/json", "text/xml"]


@pytest.mark.django_db
def test_services_list_the_lgos_active_topics(client, org_a, org_b, lights):
    Category.objects.for_organization(org_b).filter(code="lights").update(name_th="ของบี")
    Category.objects.for_organization(org_a).filter(code="animals").update(is_active=False)
    services = client.get(f"{BASE}/services.json").json()
    codes = [s["service_code"] for s in services]
    assert "lights" in codes and "animals" not in codes and "corruption" in codes
    light = next(s for s in services if s["service_code"] == "lights")
    assert light["service_name"] == lights.name_th and "ของบี" not in json.dumps(services, ensure_ascii=False)
    assert light["metadata"] is False and light["type"] == "realtime"
    assert list(light) == ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"]

    root = xml(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services"
    first = root.find("service")
    assert [child.tag for child in first] == list(light)
    assert root.find("service[service_code='lights']/metadata").text == "false"
    assert len(root.findall("service")) == len(services)
    # English for a client that asks for it
    english = client.get(f"{BASE}/services.json", HTTP_ACCEPT_LANGUAGE="en").json()
    assert next(s for s in english if s["service_code"] == "lights")["service_name"] == lights.name_en


@pytest.mark.django_db
def test_service_definition_and_unknown_service(client, org_a, lights):
    assert client.get(f"{BASE}/services/lights.json").json() == {"service_code": "lights", "attributes": []}
    root = xml(client.get(f"{BASE}/services/lights.xml"))
    assert root.tag == "service_definition" and root.findtext("service_code") == "lights"
    for fmt in ("json", "xml"):
        response = client.get(f"{BASE}/services/nosuch.{fmt}")
        assert response.status_code == 404
        assert errors_of(response, fmt)[0][0] == 404


# --- Filing (POST) ---

@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_post_files_one_report_and_a_retry_gets_the_same_id(client, org_a, key, fmt):
    response = post(client, key, fmt, **{"attribute[pole]": "P-17"})
    assert response.status_code == 200, response.content.decode()
    if fmt == "json":
        body = response.json()[0]
        assert list(body) == ["service_request_id", "token", "service_notice", "account_id"]
        request_id, token = body["service_request_id"], body["token"]
        assert body["account_id"] is None
    else:
        root = xml(response)
        assert root.tag == "service_requests"
        request = root.find("request")
        assert [c.tag for c in request] == ["service_request_id", "token", "service_notice", "account_id"]
        assert "<account_id/>" in response.content.decode()
        request_id, token = request.findtext("service_request_id"), request.findtext("token")
    report = Report.objects.get(submission__reference=request_id)
    assert report.organization == org_a and report.channel == Channel.OPEN311
    assert report.attributes == {"pole": "P-17"} and str(report.latitude) == "19.910000"
    assert report.submission.applicant_name == "สมหญิง รักดี"

    again = post(client, key, fmt, **{"attribute[pole]": "P-17"})
    assert again.status_code == 200 and Report.objects.count() == 1
    assert request_id in again.content.decode() and token in again.content.decode()
    assert client.get(f"{BASE}/tokens/{token}.json").json() == [{"service_request_id": request_id, "token": token}]


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(("fields", "status"), [
    ({"api_key": ""}, 403),
    ({"api_key": "not-a-key"}, 403),
    ({"service_code": ""}, 400),
    ({"service_code": "nosuch"}, 400),
    ({"lat": None, "long": None}, 400),
    ({"lat": "abc"}, 400),
    ({"lat": "91", "long": "99"}, 400),
    ({"long": None}, 400),
    ({"description": ""}, 400),
    ({"first_name": None, "last_name": None, "phone": None, "email": None}, 400),
    ({"description": "ก" * 2001}, 400),
    ({"media_url": "javascript:alert(1)"}, 400),
    ({"media_url": "https://example.org/" + "a" * 500}, 400),
    ({"lat": "NaN", "long": "Infinity"}, 400),
    ({"jurisdiction_id": "elsewhere.example"}, 404),
])
def test_bad_posts_get_the_specs_error_document(client, org_a, key, fmt, fields, status):
    response = post(client, key, fmt, **fields)
    assert response.status_code == status, response.content.decode()
    errors = errors_of(response, fmt)
    assert errors and all(code == status and description for code, description in errors)
    assert Report.objects.count() == 0


@pytest.mark.django_db
def test_address_string_alone_is_a_place_and_a_revoked_or_other_lgos_key_is_refused(client, org_a, org_b, key):
    response = post(client, key, lat=None, long=None, address_string="หน้าวัดหนองแก้ว")
    assert response.status_code == 200
    assert Report.objects.get().address == "หน้าวัดหนองแก้ว"
    other = issue_key(organization=org_b, client_name="B app")[1]
    assert post(client, other, description="อีกเรื่อง").status_code == 403
    revoke_key(api_key=ApiKey.objects.get(client_name="Test app"))
    assert post(client, key, description="อีกเรื่อง").status_code == 403
    assert Report.objects.count() == 1


# --- Reading requests ---

@pytest.fixture
def filed(org_a, key, client):
    ids = {}
    for code, words in (("lights", "ไฟดับ"), ("roads", "ถนนเป็นหลุม"), ("garbage", "ขยะไม่เก็บ")):
        ids[code] = post(client, key, service_code=code, description=words).json()[0]["service_request_id"]
    Report.objects.filter(submission__reference=ids["garbage"]).update(status=ReportStatus.DONE,
                                                                        public_note="เก็บแล้ว")
    return ids


@pytest.mark.django_db
def test_get_requests_filters(client, org_a, filed):
    def ids(**query):
        return {r["service_request_id"] for r in client.get(f"{BASE}/requests.json", query).json()}

    assert ids() == set(filed.values())
    assert ids(service_code="lights,roads") == {filed["lights"], filed["roads"]}
    assert ids(status="closed") == {filed["garbage"]}
    assert ids(status="open") == {filed["lights"], filed["roads"]}
    assert ids(service_request_id=f"{filed['roads']},{filed['garbage']}", status="open") == {
        filed["roads"], filed["garbage"]}  # service_request_id overrides the other filters
    now = timezone.localtime()
    assert ids(start_date=(now - dt.timedelta(days=1)).isoformat(), end_date=now.isoformat()) == set(filed.values())
    assert ids(end_date=(now - dt.timedelta(days=1)).isoformat()) == set()
    assert ids(start_date=(now + dt.timedelta(days=1)).isoformat()) == set()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize("query", [
    {"start_date": "yesterday"},
    {"end_date": "2026-13-45T00:00:00Z"},
    {"start_date": "2026-01-01T00:00:00+07:00", "end_date": "2026-06-01T00:00:00+07:00"},
    {"start_date": "2026-06-01T00:00:00+07:00", "end_date": "2026-01-01T00:00:00+07:00"},
    {"status": "pending"},
])
def test_bad_get_filters_get_400(client, org_a, fmt, query):
    response = client.get(f"{BASE}/requests.{fmt}", query)
    assert response.status_code == 400
    assert errors_of(response, fmt)[0][0] == 400


@pytest.mark.django_db
def test_a_request_in_json_and_xml_without_personal_data(client, org_a, filed):
    garbage = filed["garbage"]
    rows = client.get(f"{BASE}/requests/{garbage}.json").json()
    assert len(rows) == 1
    row = rows[0]
    assert list(row) == ["service_request_id", "status", "status_notes", "service_name", "service_code",
                         "description", "agency_responsible", "service_notice", "requested_datetime",
                         "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long",
                         "media_url"]
    assert row["status"] == "closed" and row["status_notes"] == "เก็บแล้ว" and row["service_code"] == "garbage"
    assert row["requested_datetime"].endswith("+07:00")
    # the place is rounded to the public ~50 m grid unless the LGO publishes exact points
    assert (row["lat"], row["long"]) == (19.91, 99.84)
    root = xml(client.get(f"{BASE}/requests/{garbage}.xml"))
    assert root.tag == "service_requests"
    assert [c.tag for c in root.find("request")] == list(row)
    for response in (client.get(f"{BASE}/requests.json"), client.get(f"{BASE}/requests.xml")):
        text = response.content.decode()
        for personal in ("สมหญิง", "รักดี", "0812345678", "somying@example.com"):
            assert personal not in text


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_unknown_request_token_and_another_lgos_request_are_404(client, org_a, org_b, filed, fmt):
    for path in ("requests/NOSUCH-1", "tokens/nosuch", f"requests/{filed['lights']}"):
        host = "b.test" if path.endswith(filed["lights"]) else "testserver"
        response = client.get(f"{BASE}/{path}.{fmt}", HTTP_HOST=host)
        assert response.status_code == 404, path
        assert errors_of(response, fmt)[0][0] == 404
    assert client.get(f"{BASE}/requests.json", HTTP_HOST="b.test").json() == []


@pytest.mark.django_db
def test_wrong_method_unknown_path_and_jurisdiction(client, org_a):
    response = client.delete(f"{BASE}/services.xml")
    assert response.status_code == 405 and errors_of(response, "xml")[0][0] == 405
    assert client.post(f"{BASE}/services.json").status_code == 405
    response = client.get(f"{BASE}/services.html")
    assert response.status_code == 404 and errors_of(response, "json")[0][0] == 404
    assert client.get(f"{BASE}/services.json", {"jurisdiction_id": "AAA"}).status_code == 200
    assert client.get(f"{BASE}/services.json", {"jurisdiction_id": "testserver"}).status_code == 200
    response = client.get(f"{BASE}/services.xml", {"jurisdiction_id": "BBB"})
    assert response.status_code == 404 and errors_of(response, "xml")[0][0] == 404


@pytest.mark.django_db
def test_listing_costs_a_fixed_number_of_queries(client, org_a, key, django_assert_max_num_queries):
    for n in range(12):
        post(client, key, description=f"ไฟดับ {n}", lat=f"19.91{n:02d}")
    with django_assert_max_num_queries(8):
        rows = client.get(f"{BASE}/requests.xml").content
    assert rows.count(b"<request>") == 12


# --- Keys: command and admin screen ---

@pytest.mark.django_db
def test_command_prints_the_key_alone_on_its_last_line(client, org_a, capsys):
    call_command("issue_open311_key", "aaa", "Traffy Fondue")
    printed = capsys.readouterr().out.strip().splitlines()
    key = printed[-1]
    assert " " not in key and len(key) >= 40
    assert ApiKey.objects.get().client_name == "Traffy Fondue"
    assert key not in ApiKey.objects.values_list("key_digest", flat=True)[0]  # only a digest is kept
    assert post(client, key).status_code == 200


@pytest.mark.django_db
def test_command_refuses_an_unknown_lgo():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("issue_open311_key", "ZZZ", "App")


@pytest.mark.django_db
def test_lgo_admin_issues_and_revokes_keys_on_the_admin_screen(client, org_a, org_b, make_officer):
    from organizations.constants import Role

    admin = make_officer(org_a, Role.LGO_ADMIN, username="a-admin")
    other_key = issue_key(organization=org_b, client_name="B app")[0]
    client.force_login(admin)
    page = client.get("/admin/open311/keys/")
    assert page.status_code == 200 and "B app" not in page.content.decode()
    response = client.post("/admin/open311/keys/", {"client_name": "แอปจังหวัด"})
    text = response.content.decode()
    row = ApiKey.objects.for_organization(org_a).get()
    assert row.client_name == "แอปจังหวัด" and row.created_by == admin
    new_key = text.split('id="new-key">')[1].split("<")[0]
    assert new_key.startswith(row.key_prefix)
    assert "ไม่แสดงอีก" in text  # Thai: "it is not shown again"
    assert new_key not in client.get("/admin/open311/keys/").content.decode()
    assert post(client, new_key).status_code == 200
    assert client.post(f"/admin/open311/keys/{other_key.pk}/revoke/").status_code == 404
    client.post(f"/admin/open311/keys/{row.pk}/revoke/")
    assert post(client, new_key, description="อีกเรื่อง").status_code == 403
    # an empty client name keeps the form with a Thai error
    response = client.post("/admin/open311/keys/", {"client_name": "  "})
    assert "error-summary" in response.content.decode()


@pytest.mark.django_db
def test_officers_cannot_open_the_key_screen(client, org_a, make_officer):
    from organizations.constants import Role

    client.force_login(make_officer(org_a, Role.OFFICER))
    response = client.get("/admin/open311/keys/")
    assert response.status_code == 302 and response["Location"] == "/admin/"  # Wagtail's "permission denied"
    assert client.post("/admin/open311/keys/", {"client_name": "x"}).status_code == 302
    assert not ApiKey.objects.exists()
