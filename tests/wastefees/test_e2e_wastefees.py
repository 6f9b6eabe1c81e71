"""In a real browser: a citizen looks up their account, sees the unpaid bill with a Thai QR, the gateway reports the
payment, and the citizen sees it paid and downloads the receipt PDF."""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
import re
import time

import pytest
import zxingcpp
from django.utils import timezone
from PIL import Image

from core.pdf import extract_text
from payments.models import Receipt
from payments.providers.gateway import sign
from payments.thaiqr import parse_payload
from wastefees.billing import run_billing
from wastefees.models import Bill


@pytest.mark.browser
def test_look_up_pay_by_qr_and_download_the_receipt(page, live_server, transactional_db, lgo, make_account):
    account = make_account(lgo, number="A00001", phone="0810001001", owner_name="นายสมชาย ใจดี")
    period = timezone.localdate().replace(day=1)
    run_billing(organization=lgo["organization"], period=period)
    invoice = Bill.objects.get(account=account).invoice

    page.goto(f"{live_server.url}/waste-fees/")
    page.fill("#id_account_number", "a00001")
    page.fill("#id_last_digits", "1001")
    page.locator("#main").get_by_role("button", name="ค้นหา").click()
    page.wait_for_url(re.compile(r"/waste-fees/account/[^/]+/$"))
    assert page.get_by_text("ท่านมีใบแจ้งหนี้ค้างชำระ 1 ใบ รวม 40.00 บาท").is_visible()

    # The QR on the page decodes to the bill-payment payload of this invoice: biller ID, Ref1, Ref2, amount.
    src = page.locator(".invoice-pay__qr img").get_attribute("src")
    assert src.startswith("data:image/png;base64,")
    image = Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1])))
    decoded = zxingcpp.read_barcodes(image)
    assert len(decoded) == 1 and decoded[0].text == invoice.qr_payload()
    payload = parse_payload(decoded[0].text)
    assert (payload.ref1, payload.ref2, str(payload.amount)) == ("A00001", invoice.ref2, "40.00")

    # The gateway tells us the citizen paid (signed webhook, as the bank's API would).
    body = json.dumps({
        "transaction_id": "TXN-E2E-0001", "biller_id": lgo["organization"].biller_id, "ref1": "A00001",
        "ref2": invoice.ref2, "amount": "40.00", "paid_at": dt.datetime.now(dt.UTC).isoformat(),
    }).encode()
    timestamp = str(int(time.time()))
    response = page.request.post(f"{live_server.url}/payments/webhook/gateway/", data=body, headers={
        "Content-Type": "application/json", "X-Thongthin-Timestamp": timestamp,
        "X-Thongthin-Signature": sign(body, timestamp)})
    assert response.status == 200 and response.json()["status"] == "recorded"

    page.reload()
    assert page.get_by_text("ไม่มียอดค้างชำระ").is_visible()
    receipt = Receipt.objects.get(payment__invoice=invoice)
    link = page.get_by_role("link", name=f"ใบเสร็จเลขที่ {receipt.number} (PDF)")
    with page.expect_download() as download_info:
        link.click()
    pdf = download_info.value.path().read_bytes()
    assert pdf.startswith(b"%PDF")
    text = extract_text(pdf)
    assert receipt.number in text and "สี่สิบบาทถ้วน" in text
