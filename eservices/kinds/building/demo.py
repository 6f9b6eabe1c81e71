"""Demo building permits: one case in every state the permit passes through, filed and moved through the real
services (fees paid at the counter), so the inbox, the officer panel, the register and /verify/ have something to
show. Idempotent: only for an LGO whose permit service has no cases yet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from . import services as permits
from .constants import PERMIT_FEE_SOURCE

NOTIFY = "แจ้งแทนการขออนุญาต (มาตรา 39 ทวิ)"


def _answers(person: dict[str, Any], n: int, **overrides: Any) -> dict[str, Any]:
    answers = {
        **person, "route": "ขออนุญาต (มาตรา 21)", "work": "ก่อสร้างอาคาร", "structure": "อาคาร",
        "owner": "ผู้ขอเป็นเจ้าของที่ดิน", "deed_type": "โฉนดที่ดิน", "deed_number": f"{4100 + n}",
        "parcel_number": f"{20 + n}", "site": {"text": f"{30 + n} หมู่ {n % 9 + 1} ถนนพหลโยธิน", "lat": "19.9105",
                                                "lng": "99.8406"},
        "building_type": "อาคารคอนกรีตเสริมเหล็ก", "use": "ที่พักอาศัย", "storeys": "2", "height": "8.50",
        "floor_area": f"{150 + 10 * n}.50", "units": "1", "parking": "2",
        "engineer_name": "นายวิศวะ ก่อสร้างดี", "engineer_licence": "ภ-ย 12345", "engineer_level": "ภาคี",
        "engineer_expiry": "2030-12-31", "supervisor_name": "นายคุมงาน มั่นคง", "supervisor_licence": "ส-ย 7788",
        "truthful": True,
    }
    answers.update(overrides)
    return answers


def _pay(invoice) -> None:
    from payments.constants import PaymentChannel
    from payments.services import record_payment

    record_payment(invoice=invoice, amount=Decimal(invoice.amount_due), channel=PaymentChannel.COUNTER_CASH,
                   provider="counter", provider_reference=f"demo-{invoice.pk}", paid_at=timezone.now())


def _pay_case(case, source: str | None = None) -> None:
    from payments.selectors import invoices_for_source

    from ... import services as engine
    from ...services import INVOICE_SOURCE_TYPE

    for invoice in invoices_for_source(source or INVOICE_SOURCE_TYPE, str(case.pk)):
        if invoice.is_payable:
            _pay(invoice)
    # "Invoice paid" is announced after commit; inside an outer transaction (tests, a wrapped loader) it would come
    # too late for the next step, so advance the case now (both calls are idempotent, the signal then does nothing).
    if source == PERMIT_FEE_SOURCE:
        permits.issue(submission=case)
    else:
        engine.record_payment(submission=case)
    case.refresh_from_db()


def load(*, organization, page, actor, person, file) -> None:
    """File and move the demo permits (`file(page, answers, key, when=…)` is the demo's filing helper)."""
    from ... import services as engine
    from ...models import Submission

    if Submission.objects.filter(service=page).exists():
        return
    now = timezone.now()
    code = organization.code
    ago = lambda days: now - dt.timedelta(days=days)  # noqa: E731
    today = timezone.localdate()

    file(page, _answers(person(0), 1), f"{code}-bp-1", when=ago(0))  # AWAITING_PAYMENT (plan-check fee)
    case = file(page, _answers(person(1), 2, storeys="5", height="18", floor_area="2400"), f"{code}-bp-2",
                when=ago(1))
    _pay_case(case)  # SUBMITTED: the licence check flags an associate engineer for a 5-storey building
    case = file(page, _answers(person(2), 3), f"{code}-bp-3", when=ago(3))
    _pay_case(case)
    engine.request_information(submission=case, actor=actor,  # INFO_REQUESTED: the one defect list
                               items="1. สำเนาโฉนดที่ดินหน้า-หลัง\n2. แผนผังบริเวณแสดงระยะร่น")
    case = file(page, _answers(person(3), 4), f"{code}-bp-4", when=ago(10))
    _pay_case(case)
    engine.act(submission=case, action="accept", actor=actor)  # IN_REVIEW with an inspection and an extension
    permits.schedule_inspection(submission=case, on=today, inspector="นายช่างโยธา สมชาย", actor=actor)
    permits.record_inspection(submission=case, on=today, inspector="นายช่างโยธา สมชาย", actor=actor,
                              findings="แนวเขตที่ดินตรงตามแผนผัง ระยะร่นด้านหน้า 3 เมตร")
    permits.extend(submission=case, reasons="รอความเห็นแขวงทางหลวงเรื่องทางเชื่อม", actor=actor)
    case = file(page, _answers(person(0), 5, work="ดัดแปลงอาคาร"), f"{code}-bp-5", when=ago(12))
    _pay_case(case)
    engine.act(submission=case, action="accept", actor=actor)
    permits.order_correction(submission=case, actor=actor,  # IN_REVIEW, waiting for corrected plans
                             items="แก้ไขแบบโครงหลังคาให้ตรงกับรายการคำนวณ")
    case = file(page, _answers(person(1), 6), f"{code}-bp-6", when=ago(20))
    _pay_case(case)
    engine.act(submission=case, action="accept", actor=actor)
    permits.approve(submission=case, actor=actor, validity_days=365,  # APPROVED, permit fee not yet paid
                    conditions="ห้ามก่อสร้างล้ำแนวเขตทางสาธารณะ")
    case = file(page, _answers(person(2), 7), f"{code}-bp-7", when=ago(30))
    _pay_case(case)
    engine.act(submission=case, action="accept", actor=actor)
    permits.approve(submission=case, actor=actor, validity_days=365,
                    conditions="ต้องจัดให้มีผู้ควบคุมงานตลอดระยะเวลาก่อสร้าง")
    _pay_case(case, PERMIT_FEE_SOURCE)  # APPROVED with the permit (อ.1) issued: in the public register
    case = file(page, _answers(person(3), 8), f"{code}-bp-8", when=ago(15))
    _pay_case(case)
    engine.act(submission=case, action="accept", actor=actor)
    permits.refuse(submission=case, actor=actor,  # REJECTED, with the appeal window
                   reasons="อาคารอยู่ในเขตห้ามก่อสร้างตามผังเมืองรวม")
    case = file(page, _answers(person(0), 9, route=NOTIFY), f"{code}-bp-9", when=ago(5))
    _pay_case(case)
    engine.act(submission=case, action="accept", actor=actor)
    permits.approve(submission=case, actor=actor, validity_days=365)  # receipt of notification issued
