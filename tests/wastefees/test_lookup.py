"""The citizen look-up: second factor, rate limit, signed expiring link, tenancy, QR on the page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from wastefees.billing import run_billing
from wastefees.links import account_token
from wastefees.models import Bill

LOOKUP = "/waste-fees/"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def billed(lgo, make_account):
    account = make_account(lgo, number="A00001", phone="0812341001", tax_id="1101700230708")
    run_billing(organization=lgo["organization"], period=dt.date(2026, 10, 1))
    run_billing(organization=lgo["organization"], period=dt.date(2026, 11, 1))
    return account


def test_the_phone_or_id_digits_open_the_account_page_with_its_unpaid_bills(client, billed):
    response = client.post(LOOKUP, {"account_number": " a00001 ", "last_digits": "1001"})
    assert response.status_code == 302
    assert "A00001" not in response["Location"]  # the URL carries a signed token, not the account number
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and page["Cache-Control"].startswith("max-age=0")
    assert "นายทดสอบ" in html and "A00001" in html
    assert "ท่านมีใบแจ้งหนี้ค้างชำระ 2 ใบ รวม 80.00 บาท" in html
    assert "ใบแจ้งหนี้ประจำเดือนพฤศจิกายน 2569" in html
    assert len(re.findall(r'<img src="data:image/png;base64,', html)) == 1  # one Thai QR for all (issue 9 #18)
    by_id = client.post(LOOKUP, {"account_number": "A00001", "last_digits": "0708"})
    assert by_id.status_code == 302


def test_a_wrong_second_factor_gets_a_thai_error_that_does_not_say_which_half_was_wrong(client, billed):
    wrong_digits = client.post(LOOKUP, {"account_number": "A00001", "last_digits": "9999"})
    no_account = client.post(LOOKUP, {"account_number": "ZZZ999", "last_digits": "1001"})
    for response in (wrong_digits, no_account):
        assert response.status_code == 400
        assert "ไม่พบบัญชีที่ตรงกับเลขที่บัญชีและตัวเลขนี้" in response.content.decode()
    invalid = client.post(LOOKUP, {"account_number": "", "last_digits": "12"})
    html = invalid.content.decode()
    assert "กรุณากรอกเลขที่บัญชี" in html and "ตัวเลข 4 หลัก" in html
    assert 'class="error-summary"' in html


def test_look_ups_are_rate_limited_per_account_and_address(client, billed, settings):
    settings.LOOKUP_THROTTLE_ATTEMPTS = 3
    for _attempt in range(3):
        assert client.post(LOOKUP, {"account_number": "A00001", "last_digits": "0000"}).status_code == 400
    blocked = client.post(LOOKUP, {"account_number": "A00001", "last_digits": "1001"})
    assert blocked.status_code == 429
    assert "ลองหลายครั้งเกินไป" in blocked.content.decode()
    cache.clear()
    assert client.post(LOOKUP, {"account_number": "A00001", "last_digits": "1001"}).status_code == 302


def test_the_account_link_expires_and_cannot_be_forged(client, billed, lgo):
    with time_machine.travel(dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC), tick=False):
        url = reverse("wastefees:account", kwargs={"token": account_token(billed)})
        assert client.get(url).status_code == 200
    with time_machine.travel(dt.datetime(2026, 11, 25, 9, 31, tzinfo=dt.UTC), tick=False):
        expired = client.get(url)
    assert expired.status_code == 410 and "ลิงก์นี้หมดอายุแล้ว" in expired.content.decode()
    forged = url.replace(url.split("/")[-2][:1], "9", 1)
    assert client.get(forged).status_code == 410


def test_an_account_of_another_lgo_is_not_shown_on_this_site(client, billed, org_b, make_account):
    from tests.wastefees.conftest import setup_lgo

    other = make_account({"organization": org_b, **setup_lgo(org_b)}, number="B00001", phone="0812341001")
    url = reverse("wastefees:account", kwargs={"token": account_token(other)})
    assert client.get(url).status_code == 410  # testserver is org_a's site
    assert client.post(LOOKUP, {"account_number": "B00001", "last_digits": "1001"}).status_code == 400


def test_paid_bills_show_in_history_with_a_receipt_link(client, billed):
    from payments.constants import PaymentChannel
    from payments.services import record_payment

    bill = Bill.objects.get(account=billed, period=dt.date(2026, 10, 1))
    record_payment(invoice=bill.invoice, amount=bill.total, channel=PaymentChannel.COUNTER_CASH, provider="counter",
                   provider_reference="CASH-1", paid_at=dt.datetime(2026, 11, 2, 3, tzinfo=dt.UTC))
    html = client.get(reverse("wastefees:account", kwargs={"token": account_token(billed)})).content.decode()
    assert "ท่านมีใบแจ้งหนี้ค้างชำระ 1 ใบ รวม 40.00 บาท" in html
    assert re.search(r'href="/payments/receipt/[^"]+"[^>]*>ใบเสร็จเลขที่ \d{4}/\d{6} \(PDF\)', html)


def test_a_part_payment_receipt_shows_on_the_account_page_at_once(client, billed):
    """Issue 9 item 15: a bill paid in part lists its receipt beside what is still due."""
    from payments.constants import PaymentChannel
    from payments.services import record_payment

    bill = Bill.objects.get(account=billed, period=dt.date(2026, 10, 1))
    payment = record_payment(invoice=bill.invoice, amount=bill.total - 15, channel=PaymentChannel.COUNTER_CASH,
                             provider="counter", provider_reference="CASH-P", paid_at=dt.datetime(2026, 11, 2,
                                                                                                  tzinfo=dt.UTC))
    html = client.get(reverse("wastefees:account", kwargs={"token": account_token(billed)})).content.decode()
    link = re.search(r'href="(/payments/receipt/[^"]+)"[^>]*>[^<]*' + re.escape(payment.receipt.number), html)
    assert link is not None
    assert client.get(link.group(1))["Content-Type"] == "application/pdf"
