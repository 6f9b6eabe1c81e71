"""Citizen pages: the pay page by signed link with its Thai QR, QR downloads, and the invoice include."""

from __future__ import annotations

import base64
import io
import re
from decimal import Decimal

import pytest
import zxingcpp
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import timezone
from PIL import Image

from organizations.models import Organization
from payments import models as payments_models
from payments.constants import PaymentChannel
from payments.links import invoice_public_url, invoice_token
from payments.services import record_payment
from payments.thaiqr import parse_payload

pytestmark = pytest.mark.django_db


def decode_png(data: bytes) -> str:
    results = zxingcpp.read_barcodes(Image.open(io.BytesIO(data)))
    assert len(results) == 1
    return results[0].text


def test_pay_page_shows_amount_and_a_qr_that_decodes_to_the_bill(client, make_invoice):
    invoice = make_invoice("345.50", ref1="SUB2569000042", ref2="2569")
    response = client.get(invoice_public_url(invoice))
    html = response.content.decode()
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert "ต้องชำระเงิน" in html and "345.50" in html
    data_uri = re.search(r'src="data:image/png;base64,([^"]+)"', html).group(1)
    parsed = parse_payload(decode_png(base64.b64decode(data_uri)))
    assert (parsed.biller_id, parsed.ref1, parsed.ref2, parsed.amount) == (
        invoice.organization.biller_id, "SUB2569000042", "2569", Decimal("345.50"))
    png = client.get(f"/pay/{invoice_token(invoice)}/qr.png")
    assert png["Content-Type"] == "image/png" and decode_png(png.content) == invoice.qr_payload()
    svg = client.get(f"/pay/{invoice_token(invoice)}/qr.svg")
    assert svg["Content-Type"] == "image/svg+xml" and b"<svg" in svg.content
    assert client.get(f"/en/pay/{invoice_token(invoice)}/").content.decode().count("Payment due") == 1


def test_pay_page_needs_a_valid_token(client, make_invoice):
    invoice = make_invoice()
    assert client.get(f"/pay/{invoice.pk}/").status_code == 404
    assert client.get(f"/pay/{invoice_token(invoice)[:-2]}zz/").status_code == 404


def test_include_shows_paid_with_receipt_link_after_payment(client, make_invoice):
    invoice = make_invoice("50.00")
    template = Template('{% include "payments/includes/invoice_pay.html" %}')
    assert "ต้องชำระเงิน" in template.render(Context({"invoice": invoice}))
    record_payment(invoice=invoice, amount=Decimal("50.00"), channel=PaymentChannel.GATEWAY, provider="gateway",
                   provider_reference="T-inc", paid_at=timezone.now())
    html = template.render(Context({"invoice": invoice}))
    assert "ชำระแล้ว" in html and "ต้องชำระเงิน" not in html
    link = re.search(r'href="(/payments/receipt/[^"]+)"', html).group(1)
    assert client.get(link)["Content-Type"] == "application/pdf"


def test_invoice_without_biller_id_points_to_the_counter(make_invoice, lgo):
    lgo.biller_id = ""
    lgo.save()
    invoice = make_invoice()
    invoice.organization.biller_id = ""
    html = Template('{% include "payments/includes/invoice_pay.html" %}').render(Context({"invoice": invoice}))
    assert "เคาน์เตอร์" in html and "data:image/png" not in html


def test_a_biller_id_with_a_wrong_check_digit_sends_citizens_to_the_counter(client, make_invoice, lgo, monkeypatch):
    """Saved before the LGO form checked it: the pages must not fail, and the LGO form now refuses it."""
    bad = "099400015880801"  # the tax ID part ends in 8 where its check digit is 7
    Organization.objects.filter(pk=lgo.pk).update(biller_id=bad, tax_id="")
    invoice = make_invoice("120.00")
    invoice.organization.refresh_from_db()
    logged = []
    monkeypatch.setattr(payments_models.logger, "exception", lambda *args: logged.append(args))
    assert invoice.qr_payload() is None and logged
    response = client.get(invoice_public_url(invoice))
    html = response.content.decode()
    assert response.status_code == 200 and "เคาน์เตอร์" in html and "data:image/png" not in html
    assert "/qr.png" not in html
    assert client.get(f"/pay/{invoice_token(invoice)}/qr.png").status_code == 404
    organization = Organization.objects.get(pk=lgo.pk)
    with pytest.raises(ValidationError) as caught:
        organization.full_clean()
    assert set(caught.value.message_dict) == {"biller_id"}
    organization.biller_id = bad[:12] + "701"
    organization.full_clean()


def test_a_part_payment_receipt_is_downloadable_at_once_from_the_pay_page(client, make_invoice):
    """Issue 9 item 15: the citizen need not wait for the bill to be settled to get the receipt of what they paid."""
    invoice = make_invoice("125.50")
    payment = record_payment(invoice=invoice, amount=Decimal("50.00"), channel=PaymentChannel.GATEWAY,
                             provider="gateway", provider_reference="T-part", paid_at=timezone.now())
    html = client.get(invoice_public_url(invoice)).content.decode()
    assert "75.50" in html  # still due, with its QR
    links = re.findall(r'href="(/payments/receipt/[^"]+)"[^>]*>([^<]+)<', html)
    assert [text for _link, text in links] == [f"ดาวน์โหลดใบเสร็จเลขที่ {payment.receipt.number} (PDF)"]
    pdf = client.get(links[0][0])
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
