"""What an invoice's billing app calls the record it billed, for officers' pages.

Payments knows nothing of who bills: an invoice carries only `source_type`/`source_id`. A billing app that wants
its record named and linked on the invoice page (the case "NKW-2569-000019" rather than "eservices.submission 31")
registers a Wagtail hook under `DESCRIBE_SOURCE_HOOK`: a function taking the invoice and returning a
`SourceDescription`, or None when the invoice is not its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from wagtail import hooks

from .models import Invoice

DESCRIBE_SOURCE_HOOK = "payments_describe_invoice_source"


@dataclass(frozen=True)
class SourceDescription:
    label: str
    admin_url: str = ""


def describe_source(invoice: Invoice) -> SourceDescription | None:
    """The first description a billing app gives of the invoice's source record, or None."""
    if not invoice.source_type:
        return None
    for describe in hooks.get_hooks(DESCRIBE_SOURCE_HOOK):
        found = describe(invoice)
        if found is not None:
            return found
    return None
