"""Issue 9 items 13 and 14: biller IDs belong to one LGO; every bad webhook call gets a 4xx JSON answer and a log row.

Run these on PostgreSQL too: NUL characters, over-long references and "not-an-ip" only fail there.
"""

from __future__ import annotations

import json
import time

import pytest
from django.test import override_settings

from organizations.constants import Role
from organizations.models import Organization
from payments.constants import InvoiceStatus, WebhookOutcome
from payments.models import Payment, ReconciliationItem, WebhookEvent
from payments.providers.gateway import sign

from .conftest import BILLER_ID
from .test_webhook import URL, notice, post

pytestmark = pytest.mark.django_db


def post_raw(client, body: bytes, *, timestamp: int | None = None, **headers):
    timestamp = int(time.time()) if timestamp is None else timestamp
    return client.post(URL, data=body, content_type="application/json", HTTP_X_THONGTHIN_TIMESTAMP=str(timestamp),
                       HTTP_X_THONGTHIN_SIGNATURE=sign(body, timestamp), **headers)


# --- Item 13: one biller ID, one LGO ------------------------------------------------------------------------------


def test_lgo_form_refuses_another_lgos_biller_id_in_thai(client, lgo, org_b, make_officer):
    admin_b = make_officer(org_b, Role.LGO_ADMIN, username="b-admin")
    client.force_login(admin_b)
    url = f"/admin/lgo/profile/edit/{org_b.pk}/"
    page = client.get(url, HTTP_HOST="b.test")
    assert page.status_code == 200
    form = page.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(tax_id=BILLER_ID[:13], biller_id=BILLER_ID, logo="")
    response = client.post(url, data, HTTP_HOST="b.test")
    assert response.status_code == 200  # the form again, with the error
    errors = response.context["form"].errors
    assert errors["biller_id"] == [
        "อปท. อื่นในระบบนี้ใช้ Biller ID นี้แล้ว กรุณาตรวจสอบเลข 15 หลักตามสัญญาบริการรับชำระเงินของธนาคาร"]
    assert "Constraint" not in response.content.decode()
    org_b.refresh_from_db()
    assert org_b.biller_id == ""
    # The LGO's own biller ID still saves.
    data.update(tax_id="0994000654324", biller_id="099400065432400")
    assert client.post(url, data, HTTP_HOST="b.test").status_code == 302
    org_b.refresh_from_db()
    assert org_b.biller_id == "099400065432400"


def test_database_refuses_a_second_holder_of_a_biller_id(lgo, org_b):
    from django.db import IntegrityError, transaction

    org_b.biller_id = BILLER_ID
    with pytest.raises(IntegrityError), transaction.atomic():
        org_b.save(update_fields=["biller_id"])
    Organization.objects.filter(pk=org_b.pk).update(biller_id="")  # blank stays allowed for many
    assert Organization.objects.filter(biller_id="").count() >= 1


@pytest.mark.django_db(transaction=True)  # SQLite changes schemas only outside a transaction
def test_migration_keeps_the_first_holder_and_clears_later_copies(lgo, org_b, make_organization):
    import importlib

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("organizations.migrations.0004_biller_id_unique")
    org_c = make_organization(code="CCC", hostname="c.test")
    with connection.schema_editor() as editor:  # the state before the migration: the constraint did not exist
        editor.remove_constraint(Organization, Organization._meta.constraints[0])
    try:
        Organization.objects.filter(pk__in=[org_b.pk, org_c.pk]).update(biller_id=BILLER_ID)
        migration.clear_duplicate_biller_ids(apps, None)
    finally:
        with connection.schema_editor() as editor:
            editor.add_constraint(Organization, Organization._meta.constraints[0])
    assert dict(Organization.objects.filter(pk__in=[lgo.pk, org_b.pk, org_c.pk]).values_list("code", "biller_id")) \
        == {"AAA": BILLER_ID, "BBB": "", "CCC": ""}


def test_notice_is_recorded_for_the_lgo_that_owns_the_biller_id_and_invoice(client, lgo, org_b, make_invoice):
    """Both LGOs have an invoice with the same Ref1: the biller ID decides, whichever host the gateway calls."""
    org_b.tax_id, org_b.biller_id = "0994000654324", "099400065432400"
    org_b.save()
    mine = make_invoice("150.00", ref1="SAMEREF")
    theirs = make_invoice("150.00", ref1="SAMEREF", organization=org_b)
    response = client.post(URL, data=json.dumps(notice(mine)).encode(), content_type="application/json",
                           HTTP_HOST="b.test", **_signed(json.dumps(notice(mine)).encode()))
    assert response.json()["status"] == WebhookOutcome.RECORDED
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.status == InvoiceStatus.PAID and theirs.status == InvoiceStatus.OPEN
    assert WebhookEvent.objects.get().organization == lgo


def _signed(body: bytes) -> dict:
    timestamp = int(time.time())
    return {"HTTP_X_THONGTHIN_TIMESTAMP": str(timestamp), "HTTP_X_THONGTHIN_SIGNATURE": sign(body, timestamp)}


# --- Item 14: every bad call is a 4xx JSON answer and a log row --------------------------------------------------


@pytest.mark.parametrize("overrides", [
    {"paid_at": "2026-02-30T10:00:00+07:00"},
    {"paid_at": "2026-11-25T25:00:00+07:00"},
    {"paid_at": "2026-11-25T10:61:00"},
    {"ref1": "R" * 51},
    {"ref2": "R" * 51},
    {"transaction_id": "T" * 101},
    {"ref1": "REF\x0000001"},
    {"transaction_id": "TXN\x00"},
    {"event_id": "evt\x00"},
], ids=["30-february", "hour-25", "minute-61", "ref1-51", "ref2-51", "txn-101", "nul-ref1", "nul-txn", "nul-event"])
def test_bad_values_are_refused_with_json_and_logged(client, make_invoice, overrides):
    invoice = make_invoice("150.00")
    response = post(client, notice(invoice, **overrides), event_id="")
    assert response.status_code == 400
    assert response.json()["status"] == WebhookOutcome.MALFORMED
    event = WebhookEvent.objects.get()
    assert event.outcome == WebhookOutcome.MALFORMED and event.signature_valid and event.detail
    assert "\x00" not in event.body
    assert not Payment.objects.exists() and not ReconciliationItem.objects.exists()


def test_long_references_within_the_queue_limit_are_queued_not_refused(client, make_invoice):
    invoice = make_invoice("150.00")
    response = post(client, notice(invoice, ref1="R" * 50))
    assert response.status_code == 200 and response.json()["status"] == WebhookOutcome.QUEUED
    assert ReconciliationItem.objects.get().ref1 == "R" * 50


def test_raw_nul_byte_in_body_is_refused_and_logged(client, make_invoice):
    invoice = make_invoice("150.00")
    body = json.dumps(notice(invoice)).encode().replace(b'"TXN0001"', b'"TXN\x000001"')
    response = post_raw(client, body)
    assert response.status_code == 400 and response.json()["status"] == WebhookOutcome.MALFORMED
    event = WebhookEvent.objects.get()
    assert "\x00" not in event.body and "TXN\ufffd0001" in event.body
    # NUL outside any string, and a body that is not UTF-8 at all.
    assert post_raw(client, b"\x00" + json.dumps(notice(invoice)).encode()).status_code == 400
    assert post_raw(client, b"\xff\xfe\x00\x00").status_code == 400
    assert WebhookEvent.objects.filter(outcome=WebhookOutcome.MALFORMED).count() == 3
    assert not Payment.objects.exists()


@override_settings(TRUSTED_PROXY_HOPS=1)
def test_forwarded_for_that_is_not_an_address_is_logged_without_one(client, make_invoice):
    invoice = make_invoice("150.00")
    body = json.dumps(notice(invoice)).encode()
    response = post_raw(client, body, HTTP_X_FORWARDED_FOR="not-an-ip")
    assert response.status_code == 200 and response.json()["status"] == WebhookOutcome.RECORDED
    assert WebhookEvent.objects.get().remote_addr is None
    forged = post_raw(client, body, HTTP_X_FORWARDED_FOR="203.0.113.9, not-an-ip", timestamp=1)
    assert forged.status_code == 400
    good = post_raw(client, body, HTTP_X_FORWARDED_FOR="not-an-ip, 203.0.113.7")
    assert good.json()["status"] == WebhookOutcome.DUPLICATE
    assert WebhookEvent.objects.filter(remote_addr="203.0.113.7").count() == 1


def test_old_timestamp_is_logged_as_stale_with_a_valid_signature(client, make_invoice):
    invoice = make_invoice("150.00")
    response = post(client, notice(invoice), timestamp=int(time.time()) - 3600)
    assert response.status_code == 400 and response.json()["status"] == WebhookOutcome.STALE
    event = WebhookEvent.objects.get()
    assert event.outcome == WebhookOutcome.STALE and event.signature_valid
    assert "window" in event.detail
    # A forged call with an old timestamp is still a bad signature, not a stale one.
    forged = post(client, notice(invoice), timestamp=int(time.time()) - 3600, signature="sha256=" + "0" * 64)
    assert forged.status_code == 401
    assert WebhookEvent.objects.filter(outcome=WebhookOutcome.BAD_SIGNATURE, signature_valid=False).count() == 1


def test_a_failure_of_ours_is_logged_and_answered_with_json(client, make_invoice, monkeypatch, caplog):
    from payments import reconciliation

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(reconciliation, "invoice_for_references", broken)
    invoice = make_invoice("150.00")
    response = post(client, notice(invoice))
    assert response.status_code == 500 and response.json()["status"] == WebhookOutcome.ERROR
    assert WebhookEvent.objects.get().outcome == WebhookOutcome.ERROR
    assert "Payment webhook" in caplog.text
