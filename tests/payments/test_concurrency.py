"""Row locks under real concurrency (PostgreSQL): no double counting, no duplicate or missing receipt numbers."""

from __future__ import annotations

import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from payments.constants import InvoiceStatus, PaymentChannel
from payments.models import Invoice, Payment, Receipt
from payments.services import record_payment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("row-lock concurrency needs PostgreSQL")


def run_threads(count: int, work) -> list[BaseException]:
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def target(n: int) -> None:
        try:
            barrier.wait()
            work(n)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def pay(invoice_pk: int, amount: str, reference: str) -> None:
    record_payment(invoice=Invoice.objects.get(pk=invoice_pk), amount=Decimal(amount),
                   channel=PaymentChannel.GATEWAY, provider="gateway", provider_reference=reference,
                   paid_at=timezone.now())


def test_two_concurrent_payments_are_not_double_counted(make_invoice):
    invoice = make_invoice("100.00")
    errors = run_threads(8, lambda n: pay(invoice.pk, "10.00", f"conc-{n}"))
    assert errors == []
    invoice.refresh_from_db()
    assert invoice.amount_paid == Decimal("80.00") and invoice.status == InvoiceStatus.PARTIALLY_PAID
    assert Payment.objects.count() == 8


def test_the_same_notice_at_once_records_one_payment(make_invoice):
    invoice = make_invoice("100.00")
    errors = run_threads(6, lambda n: pay(invoice.pk, "100.00", "same-txn"))
    assert errors == []
    invoice.refresh_from_db()
    assert invoice.amount_paid == Decimal("100.00") and Payment.objects.count() == 1 == Receipt.objects.count()


def test_receipt_numbers_are_gap_free_under_concurrency(make_invoice):
    invoices = [make_invoice("5.00") for _ in range(20)]
    errors = run_threads(20, lambda n: pay(invoices[n].pk, "5.00", f"gap-{n}"))
    assert errors == []
    sequences = sorted(Receipt.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, 21))
