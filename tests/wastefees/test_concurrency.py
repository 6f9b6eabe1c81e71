"""Two officers start the same month's billing at the same moment: every account is billed once (PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from wastefees.billing import run_billing
from wastefees.models import Bill, BillingRun


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_bill_each_account_once(lgo, make_account):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")
    for n in range(40):
        make_account(lgo, number=f"C{n:04d}")
    barrier = threading.Barrier(3)
    errors: list[BaseException] = []

    def bill() -> None:
        try:
            barrier.wait()
            run_billing(organization=lgo["organization"], period=dt.date(2026, 11, 1))
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=bill) for _index in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Bill.objects.count() == 40
    runs = sorted(BillingRun.objects.values_list("bills_created", "bills_existing"))
    assert runs == [(0, 40), (0, 40), (40, 0)]
