"""Issue 9 item 18: an account with several unpaid months gets one Thai QR for everything owed, and the money that
comes back under that consolidated reference is split over the bills, oldest first, each with its receipt."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re
from decimal import Decimal

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

from payments.constants import CONSOLIDATED_REF2, InvoiceStatus, PaymentChannel, StatementLineOutcome
from payments.exceptions import InvalidInvoice
from payments.models import Payment, Receipt, StatementLine
from payments.reconciliation import import_statement
from payments.services import InvoiceLineData, create_invoice
from payments.thaiqr import parse_payload
from tests.payments.test_reconciliation import csv
from tests.payments.test_webhook import post
from wastefees.billing import run_billing
from wastefees.links import account_token
from wastefees.models import Bill

pytestmark = pytest.mark.django_db
MONTHS = [dt.date(2026, month, 1) for month in (6, 7, 8, 9, 10, 11)]


@pytest.fixture
def six_months(lgo, make_account):
    account = make_account(lgo, number="A00001", phone="0812341001")
    for period in MONTHS:
        run_billing(organization=lgo["organization"], period=period)
    return account


def bills(account) -> list:
    return [bill.invoice for bill in Bill.objects.filter(account=account).order_by("period").select_related("invoice")]


def pay_all(client, organization, amount: str, txn: str = "TXN-ALL-1"):
    return post(client, {"transaction_id": txn, "biller_id": organization.biller_id, "ref1": "A00001",
                         "ref2": CONSOLIDATED_REF2, "amount": amount, "paid_at": "2026-11-25T14:05:09+07:00"},
                event_id=txn)


def test_account_page_shows_one_qr_for_everything_owed_and_a_compact_list(client, six_months,
                                                                           django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        html = client.get(reverse("wastefees:account", kwargs={"token": account_token(six_months)})).content.decode()
    images = re.findall(r'<img src="data:image/png;base64,([^"]+)"', html)
    assert len(images) == 1
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(base64.b64decode(images[0]))))
    payload = parse_payload(decoded[0].text)
    assert (payload.ref1, payload.ref2, payload.amount) == ("A00001", "ALL", Decimal("240.00"))
    assert "ท่านมีใบแจ้งหนี้ค้างชำระ 6 ใบ รวม 240.00 บาท" in html
    assert html.count("ชำระเฉพาะใบนี้") == 6 and "ชำระยอดค้างทั้งหมดในครั้งเดียว" in html


def test_consolidated_payment_pays_every_bill_oldest_first_each_with_a_receipt(client, six_months, lgo):
    organization = lgo["organization"]
    response = pay_all(client, organization, "240.00")
    assert response.status_code == 200 and response.json()["status"] == "recorded"
    invoices = bills(six_months)
    for invoice in invoices:
        invoice.refresh_from_db()
    assert [i.status for i in invoices] == [InvoiceStatus.PAID] * 6
    receipts = Receipt.objects.filter(payment__invoice__in=invoices).order_by("sequence")
    assert [r.amount for r in receipts] == [Decimal("40.00")] * 6
    assert pay_all(client, organization, "240.00").json()["status"] == "duplicate"
    assert Payment.objects.count() == 6
    html = client.get(reverse("wastefees:account", kwargs={"token": account_token(six_months)})).content.decode()
    assert "ไม่มียอดค้างชำระ" in html


def test_part_of_the_total_pays_the_oldest_bills_and_an_excess_goes_on_the_newest(client, six_months, lgo):
    organization = lgo["organization"]
    pay_all(client, organization, "100.00")
    invoices = bills(six_months)
    for invoice in invoices:
        invoice.refresh_from_db()
    assert [i.amount_paid for i in invoices] == [Decimal("40.00"), Decimal("40.00"), Decimal("20.00"),
                                                 Decimal("0.00"), Decimal("0.00"), Decimal("0.00")]
    pay_all(client, organization, "150.00", txn="TXN-ALL-2")  # 140.00 owed: 10.00 too much
    for invoice in invoices:
        invoice.refresh_from_db()
    assert [i.status for i in invoices] == [InvoiceStatus.PAID] * 5 + [InvoiceStatus.OVERPAID]
    assert invoices[-1].refund_pending and invoices[-1].overpaid_amount == Decimal("10.00")


def test_statement_line_confirms_the_consolidated_online_payment_or_splits_itself(client, six_months, lgo, clerk):
    organization = lgo["organization"]
    pay_all(client, organization, "80.00")
    result = import_statement(organization=organization, content=csv("25/11/2569,14:05,A00001,ALL,80.00,BK-ALL-1"),
                              file_name="a.csv", actor=clerk)
    assert result.statement.confirmed_count == 1 and Payment.objects.count() == 2
    assert StatementLine.objects.get().outcome == StatementLineOutcome.CONFIRMED
    # Paid at a bank branch with the same QR, never reported online: the statement line itself is split.
    result = import_statement(organization=organization, content=csv("26/11/2569,09:00,A00001,ALL,160.00,BK-ALL-2"),
                              file_name="b.csv", actor=clerk)
    assert result.statement.matched_count == 1
    invoices = bills(six_months)
    for invoice in invoices:
        invoice.refresh_from_db()
    assert [i.status for i in invoices] == [InvoiceStatus.PAID] * 6
    split = Payment.objects.filter(channel=PaymentChannel.BANK_STATEMENT).order_by("pk")
    assert [p.provider_reference for p in split] == ["BK-ALL-2", "BK-ALL-2/2", "BK-ALL-2/3", "BK-ALL-2/4"]


def test_no_invoice_may_take_the_consolidated_ref2(lgo):
    with pytest.raises(InvalidInvoice):
        create_invoice(organization=lgo["organization"], payer_name="นายทดสอบ", ref1="X1", ref2="all",
                       lines=[InvoiceLineData(description="ค่าธรรมเนียม", amount=Decimal("10"))],
                       due_date=None, source_type="", source_id="")


def test_nothing_owed_is_queued(client, lgo, make_account):
    make_account(lgo, number="A00001", phone="0812341001")
    response = pay_all(client, lgo["organization"], "40.00")
    assert response.json()["status"] == "queued"
    assert json.loads(response.content)["status"] == "queued"
