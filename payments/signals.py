"""Signals other apps listen to. Payments knows nothing of who bills; receivers decide what a payment means."""

from django.dispatch import Signal

# Sent once, after the transaction commits, when an invoice becomes settled (PAID or OVERPAID).
# Arguments: sender=Invoice, invoice=<Invoice>. Receivers must be idempotent: a settled invoice whose receipt is
# voided and which is paid again sends it again.
invoice_paid = Signal()
