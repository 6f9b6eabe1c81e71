"""Demo catalogue: each demo LGO publishes 14 services from the standard-service library (the same templates every
LGO picks from in the admin), and demo cases in every status, filed and moved through `services` like real ones.

Idempotent: services already published are left alone; cases are only created for an LGO that has none.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from core import notifications
from core.demo import DemoContext

from . import library, services
from .library import services as library_services
from .models import ServicePage, Submission

#: The demo LGOs offer these standard services from the library (eservices/library/services/*.json).
DEMO_SERVICES = (
    "elderly-allowance", "disability-allowance", "official-information", "water-truck", "tree-cutting",
    "venue-equipment-loan", "waste-collection", "commercial-registration", "health-hazard-business",
    "disaster-relief", "general-request", "job-seeker", "complaint", "building-notice", "building-permit",
)


def load(ctx: DemoContext) -> None:
    for organization in ctx.organizations:
        index = library_services.ensure_catalogue(organization)
        departments = list(organization.departments.all())
        library_services.add_from_library(organization=organization, choices=[
            (key, library_services.default_department(organization, library.get(key), departments))
            for key in DEMO_SERVICES
        ])
        pages = {page.slug: page for page in ServicePage.objects.child_of(index)}
        if not Submission.objects.for_organization(organization).exists():
            with notifications.muted():
                _demo_cases(ctx, organization, pages)
            ctx.say(f"สร้างคำขอตัวอย่างของ {organization.name_th}")
        if "building-permit" in pages:
            from .kinds.building import demo as building_demo

            with notifications.muted():
                building_demo.load(organization=organization, page=pages["building-permit"], file=_file,
                                   actor=ctx.users.get(f"{organization.code.lower()}-admin"), person=_person)
    from . import food_demo

    food_demo.load(ctx)  # food places: their own services and cases (added to an existing demo too)


PEOPLE = (
    ("นางสมศรี มีสุข", "3570100234561", "0812345678", "somsri@example.com"),
    ("นายบุญมา ใจดี", "3570100345672", "0891112222", "boonma@example.com"),
    ("นางสาวกาญจนา แก้วมณี", "1570100456783", "0623334444", ""),
    ("นายประยูร ทองคำ", "3570100567894", "0935556666", "prayoon@example.com"),
)


def _person(index: int) -> dict[str, Any]:
    from core.thai import national_id_checksum_ok

    name, national_id, phone, email = PEOPLE[index % len(PEOPLE)]
    while not national_id_checksum_ok(national_id):  # keep the demo IDs valid if the table above is edited
        national_id = national_id[:12] + str((int(national_id[12]) + 1) % 10)
    return {"applicant_name": name, "national_id": national_id, "phone": phone, "email": email,
            "address": {"line": f"{10 + index} หมู่ {index % 9 + 1}", "subdistrict": "หนองแก้ว",
                        "district": "เมืองเชียงราย", "province": "เชียงราย", "postcode": "57000"}}


def _file(page: ServicePage, answers: dict[str, Any], key: str, *, when: dt.datetime) -> Submission:
    from .forms.definition import visible_steps

    definition = page.form_definition()
    files = []
    for step in visible_steps(definition, answers):
        for spec in step["fields"]:
            if spec["type"] == "file" and spec.get("requirement") == "required":
                files.append(_demo_file(spec["key"]))
    return services.submit(service=page, answers=answers, files=files, idempotency_key=f"demo-{key}",
                           definition=definition, now=when)


def _demo_file(field_key: str) -> services.StoredFile:
    from django.core.files.base import ContentFile

    from core.files import private_storage, private_upload_path

    pdf = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
           b"trailer<</Root 1 0 R>>\n%%EOF\n")
    path = private_storage().save(private_upload_path("eservices/demo", "pdf"), ContentFile(pdf))
    return services.StoredFile(field_key=field_key, path=path, name=f"{field_key}.pdf",
                               mime_type="application/pdf", size=len(pdf))


def _demo_cases(ctx: DemoContext, organization, pages: dict[str, ServicePage]) -> None:
    """One or more cases in every status, moved by the LGO administrator through the real workflow."""
    actor = ctx.users.get(f"{organization.code.lower()}-admin")
    now = timezone.now()
    ago = lambda days: now - dt.timedelta(days=days)  # noqa: E731

    water = {**_person(0), "reason": "ภัยแล้ง", "people": "5", "litres": "2000",
             "place": {"text": "หน้าศาลาหมู่บ้าน หมู่ 3", "lat": "19.9105", "lng": "99.8406"}, "truthful": True}
    _file(pages["water-truck"], water, f"{organization.code}-1", when=ago(0))  # SUBMITTED
    general = {**_person(1), "subject": "ขอให้ติดตั้งไฟส่องสว่างซอย 5", "details": "ซอย 5 มืดมากตอนกลางคืน",
               "wanted": "ติดตั้งไฟถนน 3 ต้น", "truthful": True}
    case = _file(pages["general-request"], general, f"{organization.code}-2", when=ago(25))
    services.act(submission=case, action="accept", actor=actor)  # IN_REVIEW and overdue
    elderly = {**_person(3), "birth_date": "1966-03-01", "payment_method": "รับเงินสดด้วยตนเอง",
               "other_benefit": "ไม่ได้รับ", "truthful": True}
    case = _file(pages["elderly-allowance"], elderly, f"{organization.code}-3", when=ago(3))
    services.request_information(submission=case, actor=actor,  # INFO_REQUESTED
                                 items="1. สำเนาทะเบียนบ้านหน้าที่มีชื่อผู้ยื่นคำขอ\n2. สำเนาบัตรประชาชนที่ยังไม่หมดอายุ")
    info = {**_person(2), "information": "สัญญาจ้างก่อสร้างถนนคอนกรีตหมู่ 5 ปีงบประมาณ 2569",
            "format": ["ขอสำเนาเอกสาร (รับรองสำเนาถูกต้อง)"], "truthful": True}
    case = _file(pages["official-information"], info, f"{organization.code}-4", when=ago(6))
    services.request_information(submission=case, actor=actor, items="โปรดระบุเลขที่สัญญาหรือช่วงเดือนที่ทำสัญญา")
    services.answer_information_request(submission=case, text="สัญญาเลขที่ 12/2569 ลงวันที่ 15 มกราคม 2569")
    trees = {**_person(1), "land": "ที่สาธารณะ (ริมถนน ทางเท้า)", "danger": ["กิ่งพาดสายไฟฟ้า"],
             "place": {"text": "ริมถนนสายหลักหน้าโรงเรียน", "lat": "", "lng": ""}, "truthful": True}
    case = _file(pages["tree-cutting"], trees, f"{organization.code}-5", when=ago(10))
    services.act(submission=case, action="accept", actor=actor)
    services.act(submission=case, action="complete", actor=actor, note="ตัดแต่งกิ่งไม้เรียบร้อยแล้ว")  # COMPLETED
    shop = {**_person(0), "shop_name": "ร้านสมศรีพาณิชย์", "business_type": "ขายปลีก", "capital": "50000",
            "start_date": "2026-11-01", "shop_address": _person(0)["address"], "truthful": True}
    _file(pages["commercial-registration"], shop, f"{organization.code}-6", when=ago(1))  # AWAITING_PAYMENT
    loan = {**_person(3), "items": ["เต็นท์", "เก้าอี้"], "chairs": "100", "from_date": "2026-12-05",
            "to_date": "2026-12-06", "purpose": "งานบุญประจำปีหมู่บ้าน", "truthful": True}
    case = _file(pages["venue-equipment-loan"], loan, f"{organization.code}-7", when=ago(4))
    services.act(submission=case, action="accept", actor=actor)
    services.act(submission=case, action="approve", actor=actor)  # APPROVED
    disability = {**_person(2), "disability_type": "ทางการเคลื่อนไหวหรือทางร่างกาย", "disability_card": "57-0001234",
                  "filed_by": "คนพิการเอง", "truthful": True}
    case = _file(pages["disability-allowance"], disability, f"{organization.code}-8", when=ago(8))
    services.act(submission=case, action="reject", actor=actor,  # REJECTED
                 note="ผู้ยื่นคำขอมีภูมิลำเนาอยู่นอกเขตพื้นที่ กรุณายื่นที่ อปท. ตามทะเบียนบ้าน")
    job = {**_person(1), "education": "ปริญญาตรี", "wanted_job": "เจ้าหน้าที่ธุรการ", "job_kind": ["งานประจำ"],
           "truthful": True}
    case = _file(pages["job-seeker"], job, f"{organization.code}-9", when=ago(2))
    services.act(submission=case, action="cancel", actor=actor, note="ผู้ยื่นคำขอแจ้งขอยกเลิกเนื่องจากได้งานแล้ว")
    health = {**_person(3), "business_name": "ร้านเสริมสวยบิวตี้", "business_kind": "ร้านเสริมสวย/แต่งผม",
              "area": "40", "workers": "2", "place": {"text": "ตลาดสดเทศบาล แผงที่ 12", "lat": "", "lng": ""},
              "truthful": True}
    case = _file(pages["health-hazard-business"], health, f"{organization.code}-10", when=ago(12))
    services.act(submission=case, action="accept", actor=actor)
    services.act(submission=case, action="approve", actor=actor)  # AWAITING_PAYMENT (fee on approval)
    complaint = {"topic": "ไฟฟ้าส่องสว่างสาธารณะดับ/ชำรุด", "subject": "ไฟถนนดับ 3 ต้น",
                 "details": "ไฟถนนหน้าวัดดับมา 1 สัปดาห์ อันตรายตอนกลางคืน",
                 "place": {"text": "ถนนหน้าวัดศรีบุญเรือง", "lat": "", "lng": ""},
                 "applicant_name": "นายบุญมา ใจดี", "phone": "0891112222", "email": "", "truthful": True}
    case = _file(pages["complaint"], complaint, f"{organization.code}-11", when=ago(5))
    services.act(submission=case, action="accept", actor=actor)
    services.add_message(submission=case, body="ได้ส่งเรื่องให้งานไฟฟ้า กองช่าง ออกตรวจสอบแล้ว", author=actor)
