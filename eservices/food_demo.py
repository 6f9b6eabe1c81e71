"""Demo food places: the three food-place services in each demo LGO, with cases in every state the law knows —
notified (receipt of notification issued), under review, defect notice sent, lapsed, refused, awaiting the fee,
certificate issued, a licence with an extension, a licence granted, and a holder's replacement request.

Idempotent: services already published are left alone; cases are only added for an LGO that has no food-place case.
Called by `eservices.demo.load`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from core import notifications
from core.demo import DemoContext

from . import library, services
from .deadlines import lapse_unanswered
from .kinds import food
from .library import services as library_services
from .models import ServicePage, Submission

FOOD_SERVICES = ("food-place-notification", "food-place-licence", "food-place-holder-request")

OPERATORS = (
    ("ร้านข้าวแกงป้าสำราญ", "นางสำราญ ใจงาม", "3570100111225", "0811112233", "samran@example.com", "48"),
    ("ร้านก๋วยเตี๋ยวเรือลุงชม", "นายชม รสเด็ด", "3570100222336", "0822223344", "chom@example.com", "36"),
    ("ร้านกาแฟบ้านดอย", "นางสาวดาว ดอยงาม", "1570100333447", "0833334455", "", "25.5"),
    ("ร้านชำแม่บุญ", "นางบุญ มีมาก", "3570100444558", "0844445566", "boon@example.com", "60"),
    ("ครัวหนองแก้ว", "นายสมปอง ครัวดี", "3570100555669", "0855556677", "sompong@example.com", "120"),
    ("ร้านส้มตำยายแดง", "นางแดง แซ่บมาก", "3570100666770", "0866667788", "", "30"),
    ("ร้านอาหารเรือนไทย", "นายเรือน ไทยแท้", "3570100777881", "0877778899", "ruen@example.com", "180"),
)


def load(ctx: DemoContext) -> None:
    for organization in ctx.organizations:
        index = library_services.ensure_catalogue(organization)
        departments = list(organization.departments.all())
        library_services.add_from_library(organization=organization, choices=[
            (key, library_services.default_department(organization, library.get(key), departments))
            for key in FOOD_SERVICES
        ])
        pages = {page.library_key: page for page in ServicePage.objects.child_of(index).exclude(library_key="")}
        kinds = (food.FOOD_NOTIFICATION, food.FOOD_LICENCE, food.FOOD_FOLLOWUP)
        if not Submission.objects.filter(organization=organization, service_kind__in=kinds).exists():
            with notifications.muted():
                _cases(ctx, organization, pages)
            ctx.say(f"สร้างคำขอสถานที่จำหน่ายอาหารตัวอย่างของ {organization.name_th}")


def _valid_id(national_id: str) -> str:
    from core.thai import national_id_checksum_ok

    while not national_id_checksum_ok(national_id):
        national_id = national_id[:12] + str((int(national_id[12]) + 1) % 10)
    return national_id


def _answers(index: int, organization, **extra: Any) -> dict[str, Any]:
    shop, name, national_id, phone, email, area = OPERATORS[index % len(OPERATORS)]
    return {
        "premises_name": shop, "premises_kind": food.PREMISES_KINDS[0 if index != 3 else 1], "area": area,
        "seats": str(8 + index * 4), "food_type": "อาหารตามสั่ง เครื่องดื่ม", "hours": "ทุกวัน 07:00–19:00 น.",
        "premises_address": {"line": f"{20 + index} หมู่ {index % 8 + 1}", "subdistrict": organization.district or "",
                             "district": organization.district or "", "province": organization.province or "",
                             "postcode": "57000"},
        "place": None, "not_in_market": True, "operator_type": food.OPERATOR_PERSON, "applicant_name": name,
        "national_id": _valid_id(national_id), "phone": phone, "email": email,
        "premises_right": food.OWN_PREMISES, "truthful": True, **extra,
    }


def _file(page: ServicePage, answers: dict[str, Any], key: str, *, when: dt.datetime, files=None) -> Submission:
    from .demo import _demo_file

    keys = files if files is not None else ["id_card", "house_registration"]
    return services.submit(service=page, answers=answers, files=[_demo_file(k) for k in keys],
                           idempotency_key=f"demo-food-{key}", now=when)


def _pay(case: Submission, reference: str) -> None:
    from payments.models import Invoice
    from payments.services import record_payment

    invoice = Invoice.objects.for_organization(case.organization).get(source_type=services.INVOICE_SOURCE_TYPE,
                                                                      source_id=str(case.pk))
    record_payment(invoice=invoice, amount=invoice.total, channel="counter_cash", provider="counter",
                   provider_reference=reference, paid_at=timezone.now())
    # The paid-invoice signal runs after commit (the demo runs in one transaction): advance the case now; the
    # signal's later call finds nothing left to do.
    services.record_payment(submission=case)


def _cases(ctx: DemoContext, organization, pages: dict[str, ServicePage]) -> None:
    code = organization.code
    actor = ctx.users.get(f"{code.lower()}-health-officer") or ctx.users.get(f"{code.lower()}-admin")
    head = ctx.users.get(f"{code.lower()}-admin")
    now = timezone.now()
    ago = lambda days: now - dt.timedelta(days=days)  # noqa: E731
    notification, licence = pages["food-place-notification"], pages["food-place-licence"]

    _file(notification, _answers(0, organization), f"{code}-1", when=ago(0))  # notified: receipt issued
    case = _file(notification, _answers(1, organization), f"{code}-2", when=ago(2))
    services.act(submission=case, action="accept", actor=actor)  # under review
    case = _file(notification, _answers(2, organization), f"{code}-3", when=ago(1))
    services.request_information(submission=case, actor=actor,  # defect notice, 7 working days to fix
                                 items="1. ติดตั้งอ่างล้างมือสำหรับผู้สัมผัสอาหารแยกจากอ่างล้างภาชนะ\n"
                                       "2. แนบหลักฐานการอบรมผู้สัมผัสอาหาร")
    case = _file(notification, _answers(3, organization), f"{code}-4", when=ago(3))
    services.request_information(submission=case, actor=actor, items="ยกระดับโต๊ะวางอาหารให้สูงจากพื้นอย่างน้อย 60 ซม.",
                                 reply_by=timezone.localdate() - dt.timedelta(days=1))
    lapse_unanswered()  # not fixed in time: the notification lapses
    case = _file(notification, _answers(4, organization), f"{code}-5", when=ago(4))
    services.act(submission=case, action="reject", actor=head,  # refused
                 note="สถานที่ตั้งอยู่ในตลาดสดเทศบาล ต้องขอจัดตั้งแผงตามข้อบัญญัติตลาด")
    case = _file(notification, _answers(5, organization), f"{code}-6", when=ago(5))
    services.act(submission=case, action="accept", actor=actor)
    services.act(submission=case, action="approve", actor=actor)  # awaiting the fee
    case = _file(notification, _answers(6, organization), f"{code}-7", when=ago(6))
    services.act(submission=case, action="accept", actor=actor)
    services.act(submission=case, action="approve", actor=actor)
    _pay(case, f"demo-food-{code}-7")  # certificate issued
    certificate = case.issued_documents.get(kind="certificate")
    holder = _answers(6, organization)
    followup = _file(pages["food-place-holder-request"], {
        "request": food.FOLLOWUP_REPLACEMENT, "document_code": certificate.number,
        "lost_on": (timezone.localdate() - dt.timedelta(days=3)).isoformat(), "loss_details": "หนังสือรับรองชำรุดจากน้ำท่วม",
        "applicant_name": holder["applicant_name"], "national_id": holder["national_id"], "phone": holder["phone"],
        "email": holder["email"], "truthful": True}, f"{code}-8", when=ago(0), files=[])
    services.act(submission=followup, action="accept", actor=actor)  # replacement under review
    big = _answers(4, organization, premises_name="ภัตตาคารริมน้ำ", area="420", seats="150")
    case = _file(licence, big, f"{code}-9", when=ago(20))
    services.act(submission=case, action="accept", actor=actor)
    services.extend_deadline(submission=case, actor=head,  # licence: first 15-day extension, with reasons
                             reason="รอผลตรวจคุณภาพน้ำใช้จากศูนย์อนามัยที่ 1 เชียงใหม่")
    case = _file(licence, _answers(1, organization, premises_name="คลังสินค้าอาหารแห้งลุงชม", area="650",
                                   premises_kind=food.PREMISES_KINDS[1]), f"{code}-10", when=ago(12))
    services.act(submission=case, action="accept", actor=actor)
    services.act(submission=case, action="approve", actor=head)
    _pay(case, f"demo-food-{code}-10")  # licence granted, valid one year
