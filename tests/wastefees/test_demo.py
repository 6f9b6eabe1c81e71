"""The demo: 200 accounts in 3 zones, 6 months of bills from billing runs, some paid with receipts; idempotent."""

from __future__ import annotations

import io

from core.demo import DemoContext
from payments.constants import InvoiceStatus
from payments.models import Invoice, Receipt
from wastefees import demo
from wastefees.models import Bill, BillingRun, ServiceAccount, Zone


def test_demo_loads_once_and_a_second_run_adds_nothing(org_a):
    ctx = DemoContext(stdout=io.StringIO(), password="x", organizations=[org_a])
    demo.load(ctx)
    org_a.refresh_from_db()
    assert org_a.biller_id
    assert ServiceAccount.objects.filter(organization=org_a).count() == 200
    assert Zone.objects.filter(organization=org_a).count() == 3
    assert Bill.objects.filter(organization=org_a).values("period").distinct().count() == 6
    assert Bill.objects.count() == 6 * 200
    paid = Invoice.objects.filter(status=InvoiceStatus.PAID).count()
    assert 600 < paid < 1000 and Receipt.objects.count() == paid
    assert Invoice.objects.filter(status=InvoiceStatus.OPEN, ref1="A00001").count() == 6
    counts = (ServiceAccount.objects.count(), Bill.objects.count(), Invoice.objects.count(), Receipt.objects.count(),
              BillingRun.objects.count())

    demo.load(ctx)

    assert (ServiceAccount.objects.count(), Bill.objects.count(), Invoice.objects.count(), Receipt.objects.count(),
            BillingRun.objects.count()) == counts
