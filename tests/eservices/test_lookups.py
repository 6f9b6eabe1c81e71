"""Citizen look-ups and typed digits: Thai digits (๐–๙) are read as digits everywhere a citizen types them, never
crash a look-up or tell whether a reference exists; tracking lock-outs are per case, not per shared address."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from eservices.models import Submission

from .conftest import png_bytes, upload
from .test_citizen_flow import step_url

pytestmark = pytest.mark.django_db

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_tracking_accepts_thai_digits_and_a_wrong_answer_looks_the_same_for_any_reference(client, file_case):
    case = file_case()
    track = reverse("eservices:track")
    found = client.post(track, {"reference": case.reference.translate(THAI), "last4": "๕๖๗๘"})
    assert found.status_code == 302 and found.url == case.get_absolute_url()
    wrong = client.post(track, {"reference": case.reference, "last4": "๑๒๓๔"})
    missing = client.post(track, {"reference": "AAA-2569-999999", "last4": "๑๒๓๔"})
    assert wrong.status_code == missing.status_code == 400  # no 500, and no oracle on whether the case exists
    assert "ไม่พบคำขอ" in wrong.content.decode() and "ไม่พบคำขอ" in missing.content.decode()
    other_digits = client.post(track, {"reference": case.reference, "last4": "\u0661\u0662\u0663\u0664"})  # Arabic
    assert other_digits.status_code == 400


def test_a_wrong_thai_answer_counts_toward_the_lock_out(client, file_case, settings):
    case = file_case()
    settings.LOOKUP_THROTTLE_ATTEMPTS = 3
    for _ in range(3):
        client.post(reverse("eservices:track"), {"reference": case.reference, "last4": "๑๑๑๑"})
    response = client.post(reverse("eservices:track"), {"reference": case.reference, "last4": "5678"})
    assert response.status_code == 400 and "หลายครั้งเกินไป" in response.content.decode()


def test_failures_on_other_cases_from_a_shared_address_do_not_lock_out_a_citizen(client, file_case, settings):
    """A carrier NAT or an office kiosk: many people behind one address, each with their own case."""
    mine = file_case()
    settings.LOOKUP_THROTTLE_ATTEMPTS = 3
    track = reverse("eservices:track")
    for n in range(12):  # other people's typos on other references, all from the same address
        client.post(track, {"reference": f"AAA-2569-{n + 100:06d}", "last4": "0000"}, REMOTE_ADDR="10.1.1.1")
    response = client.post(track, {"reference": mine.reference, "last4": "5678"}, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 302 and response.url == mine.get_absolute_url()


def test_one_address_still_has_a_ceiling_across_references(client, file_case, settings):
    mine = file_case()
    settings.LOOKUP_THROTTLE_ATTEMPTS = 3
    settings.LOOKUP_THROTTLE_ADDRESS_ATTEMPTS = 5
    track = reverse("eservices:track")
    for n in range(5):
        client.post(track, {"reference": f"AAA-2569-{n + 100:06d}", "last4": "0000"}, REMOTE_ADDR="10.1.1.2")
    response = client.post(track, {"reference": mine.reference, "last4": "5678"}, REMOTE_ADDR="10.1.1.2")
    assert response.status_code == 400 and "หลายครั้งเกินไป" in response.content.decode()
    other_address = client.post(track, {"reference": mine.reference, "last4": "5678"}, REMOTE_ADDR="10.1.1.3")
    assert other_address.status_code == 302


def test_wizard_fields_accept_thai_digits_and_store_ascii_ones(client, service):
    client.post(reverse("eservices:start", kwargs={"service_id": service.pk}))
    response = client.post(step_url(service, "1"), {
        "applicant_name": "นางสมศรี มีสุข", "national_id": "๑-๑๐๑๗-๐๐๒๓๐-๗๐-๘", "phone": "๐๘๑-๒๓๔-๕๖๗๘",
        "email": "", "address_line": "๑๒ หมู่ ๓", "address_subdistrict": "ริมกก",
        "address_district": "เมืองเชียงราย", "address_province": "เชียงราย", "address_postcode": "๕๗๑๐๐"})
    assert response.status_code == 302, response.content.decode()[:2000]
    response = client.post(step_url(service, "2"), {"need": "อุปโภคบริโภค", "litres": "๒๐๐๐",
                                                     "wanted_on": "๑/๑๒/๒๕๖๙"})
    assert response.status_code == 302
    client.post(step_url(service, "4"), {"house_registration": upload("a.png", png_bytes(), "image/png"),
                                         "place_text": "", "place_lat": "๑๙.๙๑๐๕", "place_lng": "๙๙.๘๔๐๖",
                                         "truthful": "on"})
    assert client.post(reverse("eservices:check", kwargs={"service_id": service.pk})).status_code == 302
    answers = Submission.objects.get().answers
    assert answers["national_id"] == "1101700230708" and answers["phone"] == "0812345678"
    assert answers["address"]["postcode"] == "57100" and answers["address"]["line"] == "๑๒ หมู่ ๓"  # text as typed
    assert answers["litres"] == "2000" and answers["wanted_on"] == "2026-12-01"
    assert answers["place"]["lat"] == "19.910500"

