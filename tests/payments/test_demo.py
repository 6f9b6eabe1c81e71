"""The payments demo loads on the demo LGOs and a second run adds nothing."""

from __future__ import annotations

import io

import pytest

from core.demo import DemoContext
from organizations import demo as organizations_demo
from payments import demo
from payments.constants import InvoiceStatus
from payments.models import Invoice, Payment, Receipt, ReconciliationItem

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_covers_every_state():
    ctx = DemoContext(stdout=io.StringIO(), password="demo-Password-1")
    organizations_demo.load(ctx)
    demo.load(ctx)
    counts = (Invoice.objects.count(), Payment.objects.count(), Receipt.objects.count(),
              ReconciliationItem.objects.count())
    demo.load(ctx)
    assert counts == (Invoice.objects.count(), Payment.objects.count(), Receipt.objects.count(),
                      ReconciliationItem.objects.count())
    statuses = set(Invoice.objects.values_list("status", flat=True))
    assert {InvoiceStatus.OPEN, InvoiceStatus.PARTIALLY_PAID, InvoiceStatus.PAID, InvoiceStatus.OVERPAID} <= statuses
    assert Receipt.objects.filter(voided=True).count() == len(ctx.organizations)
    assert ReconciliationItem.objects.count() == 2 * len(ctx.organizations)
    assert all(org.biller_id for org in ctx.organizations)
