"""Background work: billing runs (tens of thousands of invoices in one go).

With the immediate task backend (development, tests) these run inline; in production a `db_worker` runs them so an
officer's request returns at once.
"""

from __future__ import annotations

import contextlib

from django_tasks import task


@task()
def billing_run_task(run_id: int) -> None:
    from .billing import BillingError, execute_run
    from .models import BillingRun

    run = BillingRun.objects.select_related("organization").get(pk=run_id)
    with contextlib.suppress(BillingError):  # the reason is recorded on the run for the officer to read
        execute_run(run)
