"""A receipt's verification QR opens where the site is served; a receipt drawn for another address is drawn again."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from payments.constants import PaymentChannel
from payments.links import receipt_token
from payments.services import record_payment

from .test_receipts import qr_texts

pytestmark = pytest.mark.django_db


def test_receipt_download_verifies_on_the_host_and_port_used(client, make_invoice):
    invoice = make_invoice()
    receipt = record_payment(invoice=invoice, amount=Decimal("100.00"), channel=PaymentChannel.COUNTER_CASH,
                             provider="counter", provider_reference="r-host", paid_at=timezone.now()).receipt
    url = reverse("payments_api:receipt_pdf", kwargs={"token": receipt_token(receipt)})
    verify = reverse("payments_api:verify_receipt", kwargs={"code": receipt.verification_code})
    first = client.get(url, HTTP_HOST="testserver:8123")
    assert first.status_code == 200
    assert qr_texts(first.content) == [f"http://testserver:8123{verify}"]
    moved = client.get(url, HTTP_HOST="testserver:9000").content
    assert qr_texts(moved) == [f"http://testserver:9000{verify}"]
