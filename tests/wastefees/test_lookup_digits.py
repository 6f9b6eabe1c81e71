"""The waste-fee look-up reads Thai digits (๐–๙) as digits: no 500, and no answer that tells a missing account."""

from __future__ import annotations

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def test_thai_digits_find_the_account_and_a_wrong_answer_looks_the_same_for_any_account(client, lgo, make_account):
    make_account(lgo, number="A00123", phone="0812341002")
    found = client.post("/waste-fees/", {"account_number": "A๐๐๑๒๓", "last_digits": "๑๐๐๒"})
    assert found.status_code == 302
    wrong = client.post("/waste-fees/", {"account_number": "A00123", "last_digits": "๙๙๙๙"})
    missing = client.post("/waste-fees/", {"account_number": "A99999", "last_digits": "๑๐๐๒"})
    assert wrong.status_code == missing.status_code == 400
    assert wrong.content.decode().count("ไม่พบบัญชี") == missing.content.decode().count("ไม่พบบัญชี") == 1
