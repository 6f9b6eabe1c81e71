"""Background work of the payments app (run by the django-tasks worker in production, inline in development)."""

from __future__ import annotations

from django_tasks import task

from .models import Invoice
from .signals import invoice_paid

NOTIFY_CHUNK = 2000


@task()
def send_invoice_paid(invoice_ids: list[int]) -> int:
    """Send `invoice_paid` for invoices a bulk statement import settled.

    A file of 100,000 lines commits in seconds; what each billing app does when its bill is paid (advance a case,
    e-mail a citizen) runs here, after the commit, so it neither slows the import down nor rolls it back.
    """
    sent = 0
    for start in range(0, len(invoice_ids), NOTIFY_CHUNK):
        chunk = invoice_ids[start:start + NOTIFY_CHUNK]
        for invoice in Invoice.objects.filter(pk__in=chunk).select_related("organization").order_by("pk"):
            if invoice.is_settled:
                invoice_paid.send(sender=Invoice, invoice=invoice)
                sent += 1
    return sent
