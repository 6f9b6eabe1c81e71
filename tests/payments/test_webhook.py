"""The gateway webhook: signed, time-boxed, replay-proof; forged calls change nothing and are logged."""

from __future__ import annotations

import json
import time
from decimal import Decimal

import pytest

from payments.constants import InvoiceStatus, ReconciliationReason, WebhookOutcome
from payments.models import Payment, Receipt, ReconciliationItem, WebhookEvent
from payments.providers.gateway import sign

pytestmark = pytest.mark.django_db
URL = "/payments/webhook/gateway/"


def post(client, payload: dict, *, timestamp: int | None = None, signature: str | None = None, event_id="evt-1"):
    body = json.dumps(payload).encode()
    timestamp = int(time.time()) if timestamp is None else timestamp
    headers = {"HTTP_X_THONGTHIN_TIMESTAMP": str(timestamp),
               "HTTP_X_THONGTHIN_SIGNATURE": signature if signature is not None else sign(body, timestamp),
               "HTTP_X_THONGTHIN_EVENT_ID": event_id}
    return client.post(URL, data=body, content_type="application/json", **headers)


def notice(invoice, **overrides) -> dict:
    return {"transaction_id": "TXN0001", "biller_id": invoice.organization.biller_id, "ref1": invoice.ref1,
            "ref2": invoice.ref2, "amount": str(invoice.amount_due), "paid_at": "2026-11-25T14:05:09+07:00",
            **overrides}


def test_delivered_twice_records_one_payment(client, make_invoice):
    invoice = make_invoice("150.00", ref1="SUB2569000123", ref2="2569")
    first = post(client, notice(invoice))
    second = post(client, notice(invoice))
    third = post(client, notice(invoice), event_id="evt-other")  # same transaction, new event id
    assert first.status_code == 200 and first.json()["status"] == WebhookOutcome.RECORDED
    assert second.json()["status"] == third.json()["status"] == WebhookOutcome.DUPLICATE
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID and invoice.amount_paid == Decimal("150.00")
    assert Payment.objects.count() == 1 and Receipt.objects.count() == 1
    payment = Payment.objects.get()
    assert payment.paid_at.isoformat() == "2026-11-25T07:05:09+00:00"
    assert WebhookEvent.objects.filter(outcome=WebhookOutcome.DUPLICATE).count() == 2


def test_bad_signature_changes_nothing_and_is_logged(client, make_invoice):
    invoice = make_invoice("150.00")
    response = post(client, notice(invoice), signature="sha256=" + "0" * 64)
    assert response.status_code == 401
    missing = post(client, notice(invoice), signature="")
    assert missing.status_code == 401
    wrong_secret = post(client, notice(invoice), signature=sign(json.dumps(notice(invoice)).encode(),
                                                                int(time.time()), secret="guess"))
    assert wrong_secret.status_code == 401
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.OPEN
    assert not Payment.objects.exists() and not ReconciliationItem.objects.exists()
    events = WebhookEvent.objects.all()
    assert [e.outcome for e in events] == [WebhookOutcome.BAD_SIGNATURE] * 3
    assert not any(e.signature_valid for e in events)
    # A forged call cannot burn the event id: the real delivery afterwards still records.
    assert post(client, notice(invoice)).json()["status"] == WebhookOutcome.RECORDED


def test_stale_or_future_timestamp_changes_nothing(client, make_invoice):
    invoice = make_invoice("150.00")
    old = post(client, notice(invoice), timestamp=int(time.time()) - 301)
    future = post(client, notice(invoice), timestamp=int(time.time()) + 301)
    assert old.status_code == future.status_code == 400
    assert not Payment.objects.exists()
    assert list(WebhookEvent.objects.values_list("outcome", flat=True)) == [WebhookOutcome.STALE] * 2


def test_malformed_payloads_are_refused(client, make_invoice):
    invoice = make_invoice("150.00")
    assert post(client, {**notice(invoice), "amount": 150.0}).status_code == 400  # JSON number, not a string
    assert post(client, {**notice(invoice), "amount": "150.001"}).status_code == 400
    assert post(client, {k: v for k, v in notice(invoice).items() if k != "transaction_id"}).status_code == 400
    assert post(client, {**notice(invoice), "biller_id": "012345678901234"}).status_code == 400
    assert post(client, {**notice(invoice), "amount": "99999999999.00"}).status_code == 400
    assert not Payment.objects.exists()
    assert set(WebhookEvent.objects.values_list("outcome", flat=True)) == {
        WebhookOutcome.MALFORMED, WebhookOutcome.UNKNOWN_BILLER}


def test_partial_payment_and_unknown_reference(client, make_invoice):
    invoice = make_invoice("150.00")
    assert post(client, notice(invoice, amount="50.00")).json()["status"] == WebhookOutcome.RECORDED
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PARTIALLY_PAID
    response = post(client, notice(invoice, ref1="NOSUCHREF", transaction_id="TXN0002"), event_id="evt-2")
    assert response.json()["status"] == WebhookOutcome.QUEUED
    item = ReconciliationItem.objects.get()
    assert item.reason == ReconciliationReason.UNKNOWN_REFERENCE and item.amount == Decimal("100.00")


def test_only_post_and_known_providers(client):
    assert client.get(URL).status_code == 405
    assert client.post("/payments/webhook/counter/", data=b"{}", content_type="application/json").status_code == 404
