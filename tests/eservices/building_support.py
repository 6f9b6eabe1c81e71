"""Helpers of the building permit tests: the service published from the library, ข.1 answers, paying an invoice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from eservices import library
from eservices.library import services as library_services
from eservices.models import ServicePage
from eservices.services import StoredFile, idempotency_key, submit

BANGKOK_9AM = dt.time(2, 0)  # 09:00 in Bangkok, as UTC
VALID_ID = "1101700230708"


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, BANGKOK_9AM, tzinfo=dt.UTC)


def publish_permit_service(organization) -> ServicePage:
    template = library.get("building-permit")
    [page] = library_services.add_from_library(organization=organization, choices=[
        ("building-permit", library_services.default_department(organization, template))])
    return page


def answers(**overrides) -> dict:
    base = {
        "route": "ขออนุญาต (มาตรา 21)", "work": "ก่อสร้างอาคาร", "structure": "อาคาร",
        "applicant_name": "นางสมศรี มีสุข", "national_id": VALID_ID, "phone": "0812345678",
        "email": "somsri@example.com",
        "address": {"line": "12 หมู่ 3", "subdistrict": "ริมกก", "district": "เมืองเชียงราย", "province": "เชียงราย",
                    "postcode": "57100"},
        "owner": "ผู้ขอเป็นเจ้าของที่ดิน", "deed_type": "โฉนดที่ดิน", "deed_number": "12345", "parcel_number": "88",
        "site": {"text": "99 หมู่ 3 ถนนพหลโยธิน", "lat": "19.91", "lng": "99.84"},
        "building_type": "อาคารคอนกรีตเสริมเหล็ก", "use": "ที่พักอาศัย", "storeys": "2", "height": "8.50",
        "floor_area": "180.50", "units": "1", "parking": "2",
        "engineer_name": "นายวิศวะ ก่อสร้าง", "engineer_licence": "ภ-ย 12345", "engineer_level": "ภาคี",
        "engineer_expiry": "2030-01-01", "architect_name": "", "architect_licence": "", "architect_level": None,
        "architect_expiry": None, "supervisor_name": "นายคุม งาน", "supervisor_licence": "ส-ย 777",
        "truthful": True,
    }
    base.update(overrides)
    return base


def file_permit(page: ServicePage, key: str = "1", **overrides):
    data = answers(**overrides)
    files = [StoredFile(field_key="deed_copy", path="eservices/test/deed.pdf", name="โฉนด.pdf",
                        mime_type="application/pdf", size=10),
             StoredFile(field_key="plans", path="eservices/test/plans.pdf", name="แบบแปลน.pdf",
                        mime_type="application/pdf", size=10)]
    return submit(service=page, answers=data, files=files, idempotency_key=idempotency_key(f"bp-{key}", data))


def pay(invoice, *, when: dt.datetime | None = None):
    """Record the payment at the counter; its "invoice paid" signal (sent after commit) runs here."""
    from django.test import TestCase

    from payments.constants import PaymentChannel
    from payments.services import record_payment

    with TestCase.captureOnCommitCallbacks(execute=True):
        return record_payment(invoice=invoice, amount=Decimal(invoice.amount_due) or invoice.total,
                              channel=PaymentChannel.COUNTER_CASH, provider="counter",
                              provider_reference=f"pay-{invoice.pk}", paid_at=when or invoice.created_at)


def invoices(case, source: str | None = None) -> list:
    from eservices.kinds.building.constants import PERMIT_FEE_SOURCE
    from eservices.services import INVOICE_SOURCE_TYPE
    from payments.selectors import invoices_for_source

    return list(invoices_for_source(source or INVOICE_SOURCE_TYPE, str(case.pk))) if source != "permit" else \
        list(invoices_for_source(PERMIT_FEE_SOURCE, str(case.pk)))
