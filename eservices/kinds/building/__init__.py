"""Building permits (Building Control Act B.E. 2522): a service kind with a fixed ข.1 form, fees from the ministerial
schedule, the Act's clocks, officer actions, the permit (อ.1) and a public register. See `kind.py`."""

from __future__ import annotations


def register_kind() -> None:
    from ..registry import register
    from .kind import BuildingPermitKind

    register(BuildingPermitKind())


def on_permit_fee_paid(sender, invoice, **kwargs) -> None:
    """payments.signals.invoice_paid: the permit fee is paid, so the permit (อ.1) is issued (idempotent)."""
    from ...models import Submission
    from .constants import PERMIT_FEE_SOURCE
    from .services import issue

    if getattr(invoice, "source_type", "") != PERMIT_FEE_SOURCE:
        return
    case = Submission.objects.filter(pk=invoice.source_id, organization_id=invoice.organization_id).first()
    if case is not None:
        issue(submission=case)


def connect() -> None:
    from payments.signals import invoice_paid

    invoice_paid.connect(on_permit_fee_paid, dispatch_uid="eservices.building_permit_fee_paid")
