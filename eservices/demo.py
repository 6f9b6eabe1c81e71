"""Demo catalogue: a ServiceIndexPage under each demo LGO's home page with 14 real LGO services (citizen manuals and
online forms in Thai), and demo cases in every status, filed and moved through `services` like real ones.

Idempotent: the catalogue and services are found by slug and left alone when they exist; cases are only created for
an LGO that has none.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from core import notifications
from core.demo import DemoContext

from . import services
from .constants import DocumentKind, FeePoint, ServiceCategory, ServiceType
from .forms.definition import question
from .models import ServiceIndexPage, ServicePage, Submission

WEEKDAYS = "วันจันทร์ถึงวันศุกร์ (เว้นวันหยุดราชการ) เวลา 08:30–16:30 น."
DAMRONGDHAM = ("1. {org} โทร. {phone}\n2. ศูนย์ดำรงธรรมอำเภอ/จังหวัด หรือสายด่วน 1567\n"
               "3. ศูนย์รับเรื่องราวร้องทุกข์ของรัฐบาล สายด่วน 1111 หรือ www.1111.go.th")


def F(kind: str, key: str, label: str, requirement: str = "required", **extra: Any) -> tuple[str, dict]:
    """One question as StreamField raw data."""
    return (kind, question(kind, key, label, requirement, **extra))


def S(title: str, *fields: tuple[str, dict], description: str = "", show_if: tuple[str, str] = ("", "")) -> tuple:
    return ("step", {"title": title, "description": description, "fields": list(fields),
                     "show_if_field": show_if[0], "show_if_value": show_if[1]})


def P(description: str, duration: str, unit: str) -> tuple:
    return ("step", {"description": description, "duration": duration, "responsible_unit": unit})


def D(name: str, copy_kind: str = "copy", count: int = 1, issued_by: str = "", note: str = "") -> tuple:
    return ("document", {"name": name, "issued_by": issued_by, "copy_kind": copy_kind, "count": count, "note": note})


def applicant_step(*, with_id: bool = True, with_address: bool = True) -> tuple:
    fields = [F("short_text", "applicant_name", "ชื่อ-นามสกุล", role="name", help_text="พร้อมคำนำหน้าชื่อ เช่น นาย นาง นางสาว")]
    if with_id:
        fields.append(F("national_id", "national_id", "เลขประจำตัวประชาชน 13 หลัก", role="national_id"))
    fields += [
        F("phone", "phone", "เบอร์โทรศัพท์ที่ติดต่อได้", role="phone"),
        F("email", "email", "อีเมล", "soft", role="email",
          help_text="เราจะส่งเลขที่คำขอและแจ้งความคืบหน้าทางอีเมลนี้"),
    ]
    if with_address:
        fields.append(F("address", "address", "ที่อยู่ตามทะเบียนบ้าน"))
    return S("ข้อมูลผู้ยื่นคำขอ", *fields)


def declaration_step(*uploads: tuple[str, dict], statement: str = "") -> tuple:
    statement = statement or "ข้าพเจ้าขอรับรองว่าข้อความและเอกสารที่ยื่นเป็นความจริงทุกประการ"
    return S("เอกสารประกอบและคำรับรอง", *uploads, F("declaration", "truthful", statement))


def upload(key: str, label: str, requirement: str = "required", *, count: int = 1, **extra: Any) -> tuple:
    return F("file", key, label, requirement, allowed_types=["application/pdf", "image/jpeg", "image/png"],
             max_size_mb=10, max_count=count, **extra)


def catalogue() -> list[dict[str, Any]]:
    """The 14 demo services: manual fields plus the online form (steps) of each."""
    return [
        {
            "slug": "elderly-allowance", "title": "ลงทะเบียนรับเงินเบี้ยยังชีพผู้สูงอายุ",
            "summary": "สำหรับผู้ที่มีอายุครบ 60 ปีบริบูรณ์ขึ้นไป หรือจะมีอายุครบในปีงบประมาณถัดไป",
            "category": ServiceCategory.WELFARE, "service_type": ServiceType.WELFARE, "department": "welfare",
            "process_name": "การลงทะเบียนและยื่นคำขอรับเงินเบี้ยยังชีพผู้สูงอายุ",
            "legal_basis": "ระเบียบกระทรวงมหาดไทยว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยยังชีพผู้สูงอายุขององค์กรปกครองส่วนท้องถิ่น "
                           "พ.ศ. 2552 และที่แก้ไขเพิ่มเติม",
            "time_limit_days": 5, "total_time_days": 5,
            "criteria": "1. มีสัญชาติไทย\n2. มีภูมิลำเนาอยู่ในเขตพื้นที่ตามทะเบียนบ้าน\n"
                        "3. มีอายุ 60 ปีบริบูรณ์ขึ้นไป\n4. ไม่เป็นผู้ได้รับสวัสดิการหรือสิทธิประโยชน์อื่นใดจากหน่วยงานของรัฐ "
                        "เช่น ผู้รับเงินบำนาญ เบี้ยหวัด บำนาญพิเศษ",
            "process_steps": [P("ยื่นคำขอและตรวจสอบคุณสมบัติ", "1 วันทำการ", "กองสวัสดิการสังคม"),
                              P("พิจารณาและจัดทำทะเบียนผู้มีสิทธิ", "3 วันทำการ", "กองสวัสดิการสังคม"),
                              P("แจ้งผลการพิจารณา", "1 วันทำการ", "กองสวัสดิการสังคม")],
            "documents": [D("บัตรประจำตัวประชาชน"), D("ทะเบียนบ้าน"),
                          D("สมุดบัญชีเงินฝากธนาคาร (กรณีรับเงินผ่านบัญชี)")],
            "steps": [
                applicant_step(),
                S("ข้อมูลการรับเงิน",
                  F("date", "birth_date", "วันเดือนปีเกิด", date_range="past", help_text="เช่น 15/08/2509"),
                  F("choice", "payment_method", "ต้องการรับเงินโดย", style="radios",
                    options="รับเงินสดด้วยตนเอง\nโอนเข้าบัญชีเงินฝากธนาคารในนามผู้มีสิทธิ"),
                  F("choice", "other_benefit", "ท่านได้รับบำนาญหรือเงินเดือนประจำจากรัฐหรือไม่", style="radios",
                    options="ไม่ได้รับ\nได้รับ")),
                S("บัญชีธนาคาร",
                  F("choice", "bank", "ธนาคาร", style="select",
                    options="ธนาคารกรุงไทย\nธนาคารเพื่อการเกษตรและสหกรณ์การเกษตร\nธนาคารออมสิน\nธนาคารกรุงเทพ\nธนาคารกสิกรไทย"),
                  F("short_text", "account_number", "เลขที่บัญชี", max_length=20),
                  upload("bankbook", "สำเนาหน้าสมุดบัญชีเงินฝาก"),
                  show_if=("payment_method", "โอนเข้าบัญชีเงินฝากธนาคารในนามผู้มีสิทธิ")),
                declaration_step(upload("id_card", "สำเนาบัตรประจำตัวประชาชน"),
                                 upload("house_registration", "สำเนาทะเบียนบ้าน", "soft"),
                                 statement="ข้าพเจ้าขอรับรองว่าไม่ได้รับสวัสดิการอื่นจากรัฐตามเงื่อนไข "
                                           "และข้อความข้างต้นเป็นความจริง"),
            ],
        },
        {
            "slug": "disability-allowance", "title": "ลงทะเบียนรับเงินเบี้ยความพิการ",
            "summary": "สำหรับคนพิการที่มีบัตรประจำตัวคนพิการ และมีภูมิลำเนาในเขตพื้นที่",
            "category": ServiceCategory.WELFARE, "service_type": ServiceType.WELFARE, "department": "welfare",
            "process_name": "การลงทะเบียนและยื่นคำขอรับเงินเบี้ยความพิการ",
            "legal_basis": "ระเบียบกระทรวงมหาดไทยว่าด้วยหลักเกณฑ์การจ่ายเงินเบี้ยความพิการให้คนพิการขององค์กรปกครองส่วนท้องถิ่น "
                           "พ.ศ. 2553 และที่แก้ไขเพิ่มเติม",
            "time_limit_days": 5, "total_time_days": 5,
            "criteria": "1. มีสัญชาติไทย\n2. มีภูมิลำเนาอยู่ในเขตพื้นที่ตามทะเบียนบ้าน\n"
                        "3. มีบัตรประจำตัวคนพิการตามกฎหมายว่าด้วยการส่งเสริมและพัฒนาคุณภาพชีวิตคนพิการ\n"
                        "4. ไม่เป็นบุคคลซึ่งอยู่ในความอุปการะของสถานสงเคราะห์ของรัฐ",
            "process_steps": [P("ยื่นคำขอและตรวจสอบเอกสาร", "1 วันทำการ", "กองสวัสดิการสังคม"),
                              P("พิจารณาคุณสมบัติ", "3 วันทำการ", "กองสวัสดิการสังคม"),
                              P("แจ้งผล", "1 วันทำการ", "กองสวัสดิการสังคม")],
            "documents": [D("บัตรประจำตัวคนพิการ"), D("ทะเบียนบ้าน"),
                          D("หนังสือมอบอำนาจ (กรณียื่นแทน)", note="เฉพาะกรณีคนพิการเป็นผู้เยาว์หรือไม่สามารถมายื่นเองได้")],
            "steps": [
                applicant_step(),
                S("ข้อมูลความพิการ",
                  F("choice", "disability_type", "ประเภทความพิการ", style="select",
                    options="ทางการเห็น\nทางการได้ยินหรือสื่อความหมาย\nทางการเคลื่อนไหวหรือทางร่างกาย\n"
                            "ทางจิตใจหรือพฤติกรรม\nทางสติปัญญา\nทางการเรียนรู้\nออทิสติก"),
                  F("short_text", "disability_card", "เลขที่บัตรประจำตัวคนพิการ", max_length=30),
                  F("choice", "filed_by", "ผู้ยื่นคำขอคือ", style="radios", options="คนพิการเอง\nผู้ดูแลคนพิการ")),
                S("ข้อมูลผู้ดูแล",
                  F("short_text", "carer_name", "ชื่อ-นามสกุลผู้ดูแล"),
                  F("choice", "carer_relation", "ความเกี่ยวข้องกับคนพิการ", style="radios",
                    options="บิดา/มารดา\nบุตร\nคู่สมรส\nพี่น้อง\nอื่น ๆ"),
                  show_if=("filed_by", "ผู้ดูแลคนพิการ")),
                declaration_step(upload("disability_card_copy", "สำเนาบัตรประจำตัวคนพิการ"),
                                 upload("house_registration", "สำเนาทะเบียนบ้าน")),
            ],
        },
        {
            "slug": "official-information", "title": "ขอข้อมูลข่าวสารของราชการ",
            "summary": "ขอดูหรือขอสำเนาข้อมูลข่าวสารที่อยู่ในความครอบครองของหน่วยงาน",
            "category": ServiceCategory.PUBLIC, "service_type": ServiceType.INFORMATION, "department": "office",
            "process_name": "การขอข้อมูลข่าวสารของราชการตามพระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540",
            "legal_basis": "พระราชบัญญัติข้อมูลข่าวสารของราชการ พ.ศ. 2540 มาตรา 11",
            "time_limit_days": 15, "total_time_days": 15,
            "criteria": "บุคคลใดก็ได้มีสิทธิขอข้อมูลข่าวสารของราชการ โดยระบุข้อมูลที่ต้องการให้ชัดเจนพอที่จะค้นหาได้ "
                        "ข้อมูลที่กฎหมายห้ามเปิดเผยจะแจ้งเหตุผลให้ทราบ",
            "process_steps": [P("รับคำขอและตรวจสอบความชัดเจน", "1 วันทำการ", "สำนักปลัด"),
                              P("ค้นหาและพิจารณาการเปิดเผย", "12 วันทำการ", "หน่วยงานเจ้าของข้อมูล"),
                              P("แจ้งผลและส่งมอบข้อมูล", "2 วันทำการ", "สำนักปลัด")],
            "no_documents_required": True,
            "fee_text": "ไม่มีค่าธรรมเนียมการยื่นคำขอ หากขอสำเนาเอกสาร เสียค่าถ่ายสำเนาตามประกาศของหน่วยงาน (หน้าละ 1 บาท)",
            "steps": [
                applicant_step(with_address=False),
                S("ข้อมูลที่ต้องการ",
                  F("long_text", "information", "ข้อมูลข่าวสารที่ต้องการ", max_length=3000,
                    help_text="ระบุให้ชัดเจน เช่น ชื่อโครงการ ปีงบประมาณ เลขที่สัญญา"),
                  F("long_text", "purpose", "วัตถุประสงค์ในการนำไปใช้", "optional", max_length=1000),
                  F("choice", "format", "รูปแบบที่ต้องการ", style="checkboxes",
                    options="ขอดูเอกสาร\nขอสำเนาเอกสาร (รับรองสำเนาถูกต้อง)\nไฟล์อิเล็กทรอนิกส์ทางอีเมล")),
                declaration_step(upload("attachment", "เอกสารประกอบ (ถ้ามี)", "optional", count=3)),
            ],
        },
        {
            "slug": "water-truck", "title": "ขอรับบริการน้ำอุปโภคบริโภค (รถบรรทุกน้ำ)",
            "summary": "ขอรับน้ำสะอาดเมื่อขาดแคลนน้ำ เช่น ภัยแล้ง น้ำประปาไม่ไหล",
            "category": ServiceCategory.PUBLIC, "service_type": ServiceType.REQUEST, "department": "office",
            "process_name": "การขอรับการสนับสนุนน้ำอุปโภคบริโภค",
            "legal_basis": "พระราชบัญญัติป้องกันและบรรเทาสาธารณภัย พ.ศ. 2550\n"
                           "ระเบียบกระทรวงมหาดไทยว่าด้วยค่าใช้จ่ายเพื่อช่วยเหลือประชาชนตามอำนาจหน้าที่"
                           "ขององค์กรปกครองส่วนท้องถิ่น พ.ศ. 2560",
            "time_limit_days": 3, "total_time_days": 3,
            "criteria": "ผู้ขาดแคลนน้ำอุปโภคบริโภคในเขตพื้นที่ ให้บริการตามลำดับความเดือดร้อนและรถที่มีอยู่",
            "process_steps": [P("รับคำขอ ตรวจสอบพื้นที่", "1 วันทำการ", "งานป้องกันและบรรเทาสาธารณภัย"),
                              P("จัดรถบรรทุกน้ำออกให้บริการ", "2 วันทำการ", "งานป้องกันและบรรเทาสาธารณภัย")],
            "no_documents_required": True,
            "steps": [
                applicant_step(with_address=False),
                S("ความต้องการน้ำ",
                  F("choice", "reason", "สาเหตุที่ขาดแคลนน้ำ", style="radios",
                    options="ภัยแล้ง\nน้ำประปาไม่ไหล\nอื่น ๆ"),
                  F("number", "people", "จำนวนคนในครัวเรือน", min_value="1", max_value="100", decimal_places=0,
                    unit="คน"),
                  F("number", "litres", "ปริมาณน้ำที่ต้องการ", min_value="100", max_value="12000",
                    decimal_places=0, unit="ลิตร"),
                  F("date", "wanted_on", "วันที่ต้องการรับน้ำ", "optional", date_range="future")),
                S("จุดส่งน้ำ",
                  F("location", "place", "จุดส่งน้ำ", help_text="ที่อยู่หรือจุดสังเกต รถบรรทุกน้ำต้องเข้าถึงได้"),
                  F("declaration", "truthful", "ข้าพเจ้าขอรับรองว่าขาดแคลนน้ำอุปโภคบริโภคจริง")),
            ],
        },
        {
            "slug": "tree-cutting", "title": "ขอให้ตัดหรือตัดแต่งกิ่งต้นไม้",
            "summary": "แจ้งต้นไม้ในที่สาธารณะที่อาจเป็นอันตราย หรือขอให้ตัดแต่งกิ่งที่พาดสายไฟ",
            "category": ServiceCategory.PUBLIC, "service_type": ServiceType.REQUEST, "department": "engineering",
            "process_name": "การขอรับบริการตัดต้นไม้หรือตัดแต่งกิ่งไม้ในที่สาธารณะ",
            "legal_basis": "พระราชบัญญัติเทศบาล พ.ศ. 2496 / พระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537 "
                           "(อำนาจหน้าที่ดูแลทางและที่สาธารณะ)",
            "time_limit_days": 10, "total_time_days": 10,
            "criteria": "ต้นไม้ในที่สาธารณะหรือที่อาจก่ออันตรายต่อประชาชน กรณีต้นไม้ในที่ดินเอกชน "
                        "เจ้าของที่ดินต้องยินยอมเป็นหนังสือ",
            "process_steps": [P("รับคำขอ", "1 วันทำการ", "กองช่าง"), P("ออกสำรวจ", "3 วันทำการ", "กองช่าง"),
                              P("ดำเนินการตัด/ตัดแต่ง", "6 วันทำการ", "กองช่าง")],
            "no_documents_required": True,
            "steps": [
                applicant_step(with_id=False, with_address=False),
                S("ต้นไม้ที่แจ้ง",
                  F("choice", "land", "ต้นไม้อยู่ในที่ดินประเภทใด", style="radios",
                    options="ที่สาธารณะ (ริมถนน ทางเท้า)\nที่ดินของผู้ยื่นคำขอ\nที่ดินของผู้อื่น"),
                  F("choice", "danger", "ลักษณะที่เป็นปัญหา", style="checkboxes",
                    options="กิ่งพาดสายไฟฟ้า\nต้นเอียงเสี่ยงล้ม\nกิ่งบังป้ายหรือไฟจราจร\nรากทำให้ทางชำรุด"),
                  F("location", "place", "ตำแหน่งต้นไม้")),
                declaration_step(upload("photo", "ภาพถ่ายต้นไม้", "soft", count=3)),
            ],
        },
        {
            "slug": "venue-equipment-loan", "title": "ขอใช้สถานที่และยืมวัสดุอุปกรณ์",
            "summary": "ยืมเต็นท์ โต๊ะ เก้าอี้ เครื่องเสียง หรือขอใช้อาคารอเนกประสงค์สำหรับงานส่วนรวม",
            "category": ServiceCategory.PUBLIC, "service_type": ServiceType.REQUEST, "department": "office",
            "process_name": "การขออนุญาตใช้สถานที่และยืมพัสดุ",
            "legal_basis": "ระเบียบกระทรวงการคลังว่าด้วยการจัดซื้อจัดจ้างและการบริหารพัสดุภาครัฐ พ.ศ. 2560 ข้อ 207–210",
            "time_limit_days": 3, "total_time_days": 3,
            "criteria": "ให้ยืมเพื่องานที่เป็นประโยชน์ต่อส่วนรวม งานประเพณี หรืองานศพ ผู้ยืมต้องส่งคืนในสภาพเดิม "
                        "หากชำรุดเสียหายต้องซ่อมแซมหรือชดใช้",
            "process_steps": [P("ยื่นคำขอ", "1 วันทำการ", "สำนักปลัด"), P("ตรวจสอบพัสดุคงเหลือ", "1 วันทำการ", "งานพัสดุ"),
                              P("อนุญาตและนัดรับพัสดุ", "1 วันทำการ", "สำนักปลัด")],
            "no_documents_required": True,
            "steps": [
                applicant_step(with_address=False),
                S("รายการที่ขอ",
                  F("choice", "items", "สิ่งที่ต้องการยืม/ขอใช้", style="checkboxes",
                    options="เต็นท์\nโต๊ะ\nเก้าอี้\nเครื่องเสียง\nอาคารอเนกประสงค์"),
                  F("number", "chairs", "จำนวนเก้าอี้", "optional", min_value="1", max_value="500",
                    decimal_places=0, unit="ตัว"),
                  F("date", "from_date", "วันที่เริ่มใช้", date_range="future"),
                  F("date", "to_date", "วันที่ส่งคืน", date_range="future"),
                  F("long_text", "purpose", "ใช้ในงาน", max_length=500, help_text="เช่น งานบุญประจำปีหมู่บ้าน งานศพ")),
                declaration_step(statement="ข้าพเจ้าจะดูแลและส่งคืนพัสดุในสภาพเดิม หากชำรุดเสียหายยินดีชดใช้"),
            ],
        },
        {
            "slug": "waste-collection", "title": "ขอรับบริการเก็บขนขยะมูลฝอย",
            "summary": "สมัครรับบริการเก็บขยะสำหรับบ้านเรือนหรือสถานประกอบการใหม่",
            "category": ServiceCategory.HEALTH, "service_type": ServiceType.REQUEST, "department": "health",
            "process_name": "การขอรับบริการเก็บและขนมูลฝอย",
            "legal_basis": "พระราชบัญญัติการสาธารณสุข พ.ศ. 2535 มาตรา 18–20\nข้อบัญญัติท้องถิ่นเรื่อง การจัดการสิ่งปฏิกูลและมูลฝอย",
            "time_limit_days": 7, "total_time_days": 7,
            "criteria": "บ้านเรือนและสถานประกอบการในเขตพื้นที่ที่รถเก็บขยะเข้าถึงได้ ต้องมีภาชนะรองรับขยะที่มีฝาปิด",
            "process_steps": [P("รับคำขอ", "1 วันทำการ", "กองสาธารณสุขและสิ่งแวดล้อม"),
                              P("สำรวจจุดตั้งถังและประเมินปริมาณขยะ", "3 วันทำการ", "กองสาธารณสุขและสิ่งแวดล้อม"),
                              P("ลงทะเบียนผู้รับบริการและกำหนดวันเก็บ", "3 วันทำการ", "กองสาธารณสุขและสิ่งแวดล้อม")],
            "documents": [D("ทะเบียนบ้าน หรือหนังสือแสดงกรรมสิทธิ์/สัญญาเช่าอาคาร")],
            "fee_text": "ไม่มีค่าธรรมเนียมในการยื่นคำขอ ค่าเก็บขนขยะรายเดือนตามข้อบัญญัติ (บ้านเรือนทั่วไปเดือนละ 20 บาท) "
                        "เรียกเก็บในใบแจ้งค่าธรรมเนียมรายเดือน",
            "steps": [
                applicant_step(),
                S("สถานที่รับบริการ",
                  F("choice", "premises", "ประเภทสถานที่", style="radios",
                    options="บ้านพักอาศัย\nร้านค้า/สถานประกอบการ\nหอพัก/อาคารชุด"),
                  F("number", "litres_per_day", "ปริมาณขยะโดยประมาณต่อวัน", min_value="1", max_value="5000",
                    decimal_places=0, unit="ลิตร", help_text="ถังขนาดมาตรฐาน 1 ใบ ประมาณ 20 ลิตร"),
                  F("location", "place", "สถานที่ตั้งถังขยะ")),
                declaration_step(upload("house_registration", "สำเนาทะเบียนบ้านหรือหนังสือแสดงสิทธิในอาคาร", "soft")),
            ],
        },
        {
            "slug": "commercial-registration", "title": "จดทะเบียนพาณิชย์ (ตั้งใหม่) บุคคลธรรมดา",
            "summary": "ผู้ประกอบพาณิชยกิจต้องจดทะเบียนภายใน 30 วันนับแต่วันเริ่มประกอบกิจการ",
            "category": ServiceCategory.BUSINESS, "service_type": ServiceType.REGISTRATION, "department": "finance",
            "process_name": "การจดทะเบียนพาณิชย์ (ตั้งใหม่) ตาม พ.ร.บ.ทะเบียนพาณิชย์ พ.ศ. 2499 กรณีผู้ขอเป็นบุคคลธรรมดา",
            "legal_basis": "พระราชบัญญัติทะเบียนพาณิชย์ พ.ศ. 2499\n"
                           "ประกาศกระทรวงพาณิชย์ เรื่อง การตั้งสำนักงานทะเบียนพาณิชย์และแต่งตั้งพนักงานเจ้าหน้าที่",
            "time_limit_days": 1, "total_time_days": 1,
            "criteria": "ผู้ประกอบพาณิชยกิจตามที่กฎกระทรวงกำหนด ยื่นจดทะเบียนภายใน 30 วันนับแต่วันเริ่มประกอบกิจการ",
            "process_steps": [P("ยื่นคำขอและตรวจสอบเอกสาร", "30 นาที", "กองคลัง"),
                              P("ชำระค่าธรรมเนียม", "10 นาที", "กองคลัง"),
                              P("นายทะเบียนพิจารณาและออกใบทะเบียนพาณิชย์", "20 นาที", "กองคลัง")],
            "documents": [D("บัตรประจำตัวประชาชน"), D("ทะเบียนบ้าน"),
                          D("หนังสือให้ความยินยอมให้ใช้สถานที่ตั้งสำนักงานแห่งใหญ่", note="กรณีไม่ได้เป็นเจ้าบ้าน"),
                          D("แผนที่แสดงที่ตั้งสำนักงานแห่งใหญ่")],
            "fee_point": FeePoint.ON_SUBMIT, "fee_amount": Decimal("50.00"),
            "fee_text": "ค่าธรรมเนียมจดทะเบียนพาณิชย์ (ตั้งใหม่) 50 บาท",
            "issues_document": DocumentKind.REGISTRATION,
            "steps": [
                applicant_step(),
                S("ข้อมูลร้านค้า",
                  F("short_text", "shop_name", "ชื่อที่ใช้ในการประกอบพาณิชยกิจ", help_text="ชื่อร้าน"),
                  F("choice", "business_type", "ชนิดแห่งพาณิชยกิจ", style="select",
                    options="ขายปลีก\nขายส่ง\nร้านอาหาร/เครื่องดื่ม\nบริการ\nอื่น ๆ"),
                  F("number", "capital", "จำนวนเงินทุน", min_value="1", max_value="100000000", decimal_places=0,
                    unit="บาท"),
                  F("date", "start_date", "วันที่เริ่มประกอบกิจการ", date_range="past"),
                  F("address", "shop_address", "ที่ตั้งสำนักงานแห่งใหญ่")),
                declaration_step(upload("id_card", "สำเนาบัตรประจำตัวประชาชน"),
                                 upload("consent", "หนังสือยินยอมให้ใช้สถานที่ (ถ้าไม่ได้เป็นเจ้าบ้าน)", "optional"),
                                 upload("map", "แผนที่ตั้งร้าน", "soft")),
            ],
        },
        {
            "slug": "health-hazard-business", "title": "ขอรับใบอนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพ",
            "summary": "กิจการตามประกาศกระทรวงสาธารณสุข เช่น ร้านเสริมสวย ร้านซ่อมรถ โรงงานน้ำแข็ง",
            "category": ServiceCategory.HEALTH, "service_type": ServiceType.PERMIT, "department": "health",
            "process_name": "การขออนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพ",
            "legal_basis": "พระราชบัญญัติการสาธารณสุข พ.ศ. 2535 มาตรา 31–33\n"
                           "ข้อบัญญัติท้องถิ่นเรื่อง กิจการที่เป็นอันตรายต่อสุขภาพ",
            "time_limit_days": 30, "total_time_days": 30,
            "criteria": "สถานประกอบการต้องถูกสุขลักษณะตามข้อบัญญัติ ไม่ก่อเหตุรำคาญ มีการจัดการน้ำเสียและขยะที่เหมาะสม",
            "process_steps": [P("ยื่นคำขอและตรวจสอบเอกสาร", "1 วันทำการ", "กองสาธารณสุขและสิ่งแวดล้อม"),
                              P("ตรวจสถานประกอบการ", "15 วันทำการ", "เจ้าพนักงานสาธารณสุข"),
                              P("พิจารณาออกใบอนุญาต", "14 วันทำการ", "เจ้าพนักงานท้องถิ่น")],
            "documents": [D("บัตรประจำตัวประชาชน"), D("ทะเบียนบ้าน"), D("ใบทะเบียนพาณิชย์", note="ถ้ามี"),
                          D("แผนผังสถานประกอบการ")],
            "fee_point": FeePoint.ON_APPROVAL, "fee_amount": Decimal("500.00"),
            "fee_text": "ค่าธรรมเนียมใบอนุญาตตามข้อบัญญัติ ตั้งแต่ 100–3,000 บาทต่อปี ตามประเภทและขนาดกิจการ "
                        "(ตัวอย่างนี้ 500 บาท) ชำระเมื่อได้รับอนุมัติ",
            "issues_document": DocumentKind.LICENCE, "document_validity_days": 365,
            "steps": [
                applicant_step(),
                S("ข้อมูลกิจการ",
                  F("short_text", "business_name", "ชื่อสถานประกอบการ"),
                  F("choice", "business_kind", "ประเภทกิจการ", style="select",
                    options="ร้านเสริมสวย/แต่งผม\nอู่ซ่อมรถยนต์/จักรยานยนต์\nผลิตน้ำแข็ง\nสถานที่ออกกำลังกาย\n"
                            "การเลี้ยงสัตว์\nอื่น ๆ ตามประกาศกระทรวงสาธารณสุข"),
                  F("number", "area", "พื้นที่ประกอบกิจการ", min_value="1", max_value="100000", decimal_places=0,
                    unit="ตารางเมตร"),
                  F("number", "workers", "จำนวนคนงาน", min_value="0", max_value="10000", decimal_places=0, unit="คน"),
                  F("location", "place", "ที่ตั้งสถานประกอบการ")),
                declaration_step(upload("plan", "แผนผังสถานประกอบการ"),
                                 upload("commercial_registration", "สำเนาใบทะเบียนพาณิชย์", "optional")),
            ],
        },
        {
            "slug": "disaster-relief", "title": "ขอรับการช่วยเหลือผู้ประสบสาธารณภัย",
            "summary": "ผู้ได้รับความเสียหายจากอุทกภัย วาตภัย อัคคีภัย หรือภัยพิบัติอื่น",
            "category": ServiceCategory.WELFARE, "service_type": ServiceType.WELFARE, "department": "office",
            "process_name": "การให้ความช่วยเหลือผู้ประสบสาธารณภัย",
            "legal_basis": "ระเบียบกระทรวงมหาดไทยว่าด้วยค่าใช้จ่ายเพื่อช่วยเหลือประชาชนตามอำนาจหน้าที่ขององค์กรปกครองส่วนท้องถิ่น "
                           "พ.ศ. 2560\nระเบียบกระทรวงการคลังว่าด้วยเงินทดรองราชการเพื่อช่วยเหลือผู้ประสบภัยพิบัติกรณีฉุกเฉิน พ.ศ. 2562",
            "time_limit_days": 15, "total_time_days": 15,
            "criteria": "ผู้ประสบภัยในเขตพื้นที่ ยื่นภายใน 90 วันนับแต่วันเกิดภัย",
            "process_steps": [P("รับคำขอ", "1 วันทำการ", "งานป้องกันและบรรเทาสาธารณภัย"),
                              P("ตรวจสอบความเสียหาย", "7 วันทำการ", "คณะกรรมการตรวจสอบ"),
                              P("พิจารณาให้ความช่วยเหลือ", "7 วันทำการ", "ผู้บริหารท้องถิ่น")],
            "documents": [D("บัตรประจำตัวประชาชน"), D("ทะเบียนบ้าน"), D("ภาพถ่ายความเสียหาย", count=3)],
            "steps": [
                applicant_step(),
                S("ความเสียหาย",
                  F("choice", "disaster", "ภัยที่ได้รับ", style="radios",
                    options="อุทกภัย (น้ำท่วม)\nวาตภัย (พายุ)\nอัคคีภัย (ไฟไหม้)\nดินโคลนถล่ม\nอื่น ๆ"),
                  F("date", "disaster_date", "วันที่เกิดภัย", date_range="past"),
                  F("choice", "damage", "ความเสียหาย", style="checkboxes",
                    options="บ้านเสียหายบางส่วน\nบ้านเสียหายทั้งหลัง\nทรัพย์สิน/เครื่องใช้\nพืชผลทางการเกษตร\nบาดเจ็บ"),
                  F("long_text", "details", "รายละเอียดความเสียหาย", max_length=3000),
                  F("location", "place", "สถานที่เกิดเหตุ")),
                declaration_step(upload("photos", "ภาพถ่ายความเสียหาย", count=5)),
            ],
        },
        {
            "slug": "general-request", "title": "คำร้องทั่วไป",
            "summary": "ยื่นเรื่องหรือขอรับบริการที่ไม่มีแบบคำขอเฉพาะ",
            "category": ServiceCategory.PUBLIC, "service_type": ServiceType.REQUEST, "department": "office",
            "process_name": "การยื่นคำร้องทั่วไป",
            "legal_basis": "พระราชบัญญัติวิธีปฏิบัติราชการทางปกครอง พ.ศ. 2539\n"
                           "พระราชบัญญัติการปฏิบัติราชการทางอิเล็กทรอนิกส์ พ.ศ. 2565",
            "time_limit_days": 15, "total_time_days": 15,
            "criteria": "บุคคลทั่วไปยื่นคำร้องได้ โดยระบุเรื่องและสิ่งที่ต้องการให้ชัดเจน",
            "process_steps": [P("รับคำร้อง", "1 วันทำการ", "สำนักปลัด"),
                              P("ส่งหน่วยงานที่เกี่ยวข้องพิจารณา", "12 วันทำการ", "หน่วยงานที่เกี่ยวข้อง"),
                              P("แจ้งผล", "2 วันทำการ", "สำนักปลัด")],
            "no_documents_required": True,
            "steps": [
                applicant_step(with_id=False),
                S("เรื่องที่ร้อง",
                  F("short_text", "subject", "เรื่อง", max_length=200),
                  F("long_text", "details", "รายละเอียด", max_length=5000),
                  F("long_text", "wanted", "สิ่งที่ต้องการให้ดำเนินการ", max_length=2000)),
                declaration_step(upload("attachments", "เอกสารประกอบ", "optional", count=5)),
            ],
        },
        {
            "slug": "job-seeker", "title": "ลงทะเบียนผู้หางาน",
            "summary": "ลงทะเบียนเพื่อรับข่าวตำแหน่งงานว่างและการฝึกอาชีพในพื้นที่",
            "category": ServiceCategory.LABOUR, "service_type": ServiceType.REGISTRATION, "department": "welfare",
            "process_name": "การลงทะเบียนผู้ประสงค์จะหางานทำและฝึกอาชีพ",
            "legal_basis": "พระราชบัญญัติจัดหางานและคุ้มครองคนหางาน พ.ศ. 2528\n"
                           "บันทึกความร่วมมือกับสำนักงานจัดหางานจังหวัด",
            "time_limit_days": 5, "total_time_days": 5,
            "criteria": "ผู้มีอายุ 15 ปีขึ้นไปที่ต้องการหางานทำหรือฝึกอาชีพ",
            "process_steps": [P("ลงทะเบียน", "15 นาที", "กองสวัสดิการสังคม"),
                              P("ส่งข้อมูลให้สำนักงานจัดหางานจังหวัดและนายจ้างในพื้นที่", "5 วันทำการ",
                                "กองสวัสดิการสังคม")],
            "no_documents_required": True,
            "steps": [
                applicant_step(),
                S("การศึกษาและงานที่ต้องการ",
                  F("choice", "education", "การศึกษาสูงสุด", style="select",
                    options="ประถมศึกษา\nมัธยมศึกษาตอนต้น\nมัธยมศึกษาตอนปลาย/ปวช.\nปวส./อนุปริญญา\nปริญญาตรี\nสูงกว่าปริญญาตรี"),
                  F("short_text", "wanted_job", "ตำแหน่งงานที่ต้องการ"),
                  F("choice", "job_kind", "ลักษณะงาน", style="checkboxes",
                    options="งานประจำ\nงานพาร์ทไทม์\nงานรับจ้างรายวัน\nฝึกอาชีพ"),
                  F("long_text", "skills", "ทักษะและประสบการณ์", "soft", max_length=2000)),
                declaration_step(upload("resume", "ประวัติย่อ (ถ้ามี)", "optional")),
            ],
        },
        {
            "slug": "complaint", "title": "แจ้งเรื่องร้องเรียน ร้องทุกข์ และแจ้งเหตุ",
            "summary": "ถนนชำรุด ไฟดับ ขยะไม่ได้เก็บ เหตุเดือดร้อนรำคาญ หรือการทุจริตของเจ้าหน้าที่",
            "category": ServiceCategory.COMPLAINT, "service_type": ServiceType.COMPLAINT, "department": "office",
            "service_kind": "complaint",
            "process_name": "การรับเรื่องร้องเรียน/ร้องทุกข์",
            "legal_basis": "ระเบียบสำนักนายกรัฐมนตรีว่าด้วยการจัดการเรื่องราวร้องทุกข์ พ.ศ. 2552\n"
                           "พระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. 2546 มาตรา 38",
            "time_limit_days": 15, "total_time_days": 15,
            "criteria": "ผู้ร้องต้องระบุชื่อและช่องทางติดต่อกลับ ข้อมูลผู้ร้องเรียนจะเก็บเป็นความลับ",
            "process_steps": [P("รับเรื่องและลงทะเบียน", "1 วันทำการ", "ศูนย์รับเรื่องร้องเรียน สำนักปลัด"),
                              P("ส่งหน่วยงานรับผิดชอบตรวจสอบแก้ไข", "12 วันทำการ", "หน่วยงานที่รับผิดชอบ"),
                              P("แจ้งผลการดำเนินการแก่ผู้ร้อง", "2 วันทำการ", "ศูนย์รับเรื่องร้องเรียน สำนักปลัด")],
            "no_documents_required": True,
            "steps": [],
        },
        {
            "slug": "building-notice", "title": "แจ้งก่อสร้างอาคาร (มาตรา 39 ทวิ)",
            "summary": "แจ้งก่อสร้างอาคารโดยไม่ต้องยื่นขออนุญาต พร้อมแบบที่สถาปนิกและวิศวกรรับรอง",
            "category": ServiceCategory.CONSTRUCTION, "service_type": ServiceType.NOTIFICATION,
            "department": "engineering",
            "process_name": "การแจ้งก่อสร้างอาคารตามมาตรา 39 ทวิ",
            "legal_basis": "พระราชบัญญัติควบคุมอาคาร พ.ศ. 2522 มาตรา 39 ทวิ\nกฎกระทรวงกำหนดค่าธรรมเนียม พ.ศ. 2528",
            "time_limit_days": 7, "total_time_days": 7,
            "criteria": "ผู้แจ้งต้องมีผู้ออกแบบและควบคุมงานที่เป็นผู้ประกอบวิชาชีพสถาปัตยกรรมและวิศวกรรมควบคุม",
            "process_steps": [P("รับแจ้งและตรวจสอบเอกสาร", "1 วันทำการ", "กองช่าง"),
                              P("ออกใบรับแจ้ง (แบบ กทม./อ.1 หรือเทียบเท่า)", "1 วันทำการ", "กองช่าง"),
                              P("ตรวจสอบแบบภายหลัง (ภายใน 120 วัน)", "5 วันทำการ", "นายช่างโยธา")],
            "documents": [D("แบบแปลนอาคาร", "original", 5), D("รายการคำนวณโครงสร้าง", "original"),
                          D("สำเนาโฉนดที่ดิน"), D("หนังสือรับรองของผู้ออกแบบและผู้ควบคุมงาน", "original")],
            "fee_point": FeePoint.ON_SUBMIT, "fee_amount": Decimal("100.00"),
            "fee_text": "ค่าธรรมเนียมตรวจแบบตามพื้นที่อาคาร ตามกฎกระทรวง (ตัวอย่างนี้ 100 บาท)",
            "issues_document": DocumentKind.RECEIPT_OF_NOTICE,
            "steps": [
                applicant_step(),
                S("ข้อมูลอาคาร",
                  F("choice", "building_use", "ประเภทการใช้อาคาร", style="radios",
                    options="อาคารพักอาศัย\nอาคารพาณิชย์\nโกดัง\nอื่น ๆ"),
                  F("number", "floor_area", "พื้นที่อาคาร", min_value="1", max_value="100000", decimal_places=2,
                    unit="ตารางเมตร"),
                  F("number", "storeys", "จำนวนชั้น", min_value="1", max_value="50", decimal_places=0, unit="ชั้น"),
                  F("short_text", "deed", "เลขที่โฉนดที่ดิน"),
                  F("location", "place", "ที่ตั้งอาคาร")),
                declaration_step(upload("plans", "แบบแปลนอาคาร (PDF)", count=3),
                                 upload("engineer", "หนังสือรับรองผู้ออกแบบและผู้ควบคุมงาน")),
            ],
        },
    ]


def load(ctx: DemoContext) -> None:
    for organization in ctx.organizations:
        index = _catalogue_page(organization)
        pages = {spec["slug"]: _service_page(organization, index, spec) for spec in catalogue()}
        if not Submission.objects.filter(organization=organization).exists():
            with notifications.muted():
                _demo_cases(ctx, organization, pages)
            ctx.say(f"สร้างคำขอตัวอย่างของ {organization.name_th}")


def _catalogue_page(organization) -> ServiceIndexPage:
    home = organization.site.root_page.specific
    existing = ServiceIndexPage.objects.child_of(home).first()
    if existing:
        return existing
    index = ServiceIndexPage(
        title="บริการออนไลน์ (e-Service)", slug="e-service",
        intro="<p>ยื่นคำขอได้ตลอด 24 ชั่วโมง ไม่ต้องเดินทางมาที่สำนักงาน คำขอที่ยื่นนอกเวลาราชการ"
              "ถือว่าได้รับในเวลาทำการถัดไป</p>",
        contact_text=f"ต้องการความช่วยเหลือในการยื่นคำขอ ติดต่อ {organization.name_th} โทร. {organization.phone} "
                     f"{organization.office_hours}",
    )
    home.add_child(instance=index)
    return index


def _service_page(organization, index: ServiceIndexPage, spec: dict[str, Any]) -> ServicePage:
    existing = ServicePage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if existing:
        return existing
    department = organization.departments.get(code=spec["department"])
    page = ServicePage(
        title=spec["title"], slug=spec["slug"], summary=spec["summary"], category=spec["category"],
        service_type=spec["service_type"], process_name=spec["process_name"], department=department,
        legal_basis=spec["legal_basis"], time_limit_days=spec["time_limit_days"],
        total_time_days=spec["total_time_days"], process_steps=spec["process_steps"],
        channels=f"1. ยื่นออนไลน์ผ่านเว็บไซต์นี้ได้ตลอด 24 ชั่วโมง\n2. ยื่นด้วยตนเองที่{department.name_th} "
                 f"{organization.name_th}\n3. สอบถามทางโทรศัพท์ {organization.phone}",
        service_hours=WEEKDAYS, criteria=spec["criteria"],
        no_documents_required=spec.get("no_documents_required", False),
        required_documents=spec.get("documents", []),
        fee_point=spec.get("fee_point", FeePoint.NONE), fee_amount=spec.get("fee_amount"),
        fee_text=spec.get("fee_text", ""),
        complaint_channel=DAMRONGDHAM.format(org=organization.name_th, phone=organization.phone),
        online_filing=True, service_kind=spec.get("service_kind", "generic"),
        issues_document=spec.get("issues_document", DocumentKind.NONE),
        document_validity_days=spec.get("document_validity_days"),
        form_steps=spec["steps"],
    )
    index.add_child(instance=page)
    return page


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
