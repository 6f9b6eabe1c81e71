"""A year of correspondence for the demo LGOs, written through the same services officers use.

Per LGO: a few hundred incoming letters of every kind and urgency (a few secret, some with stamped PDFs), routed to
departments with instructions, read and endorsed by heads and executives, some done and filed, some left stalled;
outgoing letters, memos, orders and announcements issued with typed signatures; a couple of drafts. Then one letter
from the first demo LGO to the second, registered there under its own number.

Services stamp the current moment, so the demo spreads the entries over this year afterwards (in number order).
Idempotent: an LGO that already has correspondence is left alone, and so is the letter between the two LGOs.
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import QuerySet
from django.utils import timezone

from core.demo import DemoContext
from organizations.constants import Role
from organizations.models import Membership, Organization

from . import services
from .constants import (
    DocumentKind,
    DocumentStatus,
    EndorsementKind,
    Instruction,
    LetterFormat,
    Register,
    RetentionClass,
    Secrecy,
    Urgency,
)
from .models import Document, DocumentEvent, Endorsement, Routing

INCOMING_PER_LGO = 240
SENDERS = (
    "ที่ทำการปกครองอำเภอ{district}", "สำนักงานส่งเสริมการปกครองท้องถิ่นจังหวัด{province}", "ศาลากลางจังหวัด{province}",
    "กรมส่งเสริมการปกครองท้องถิ่น", "โรงพยาบาลส่งเสริมสุขภาพตำบล{subdistrict}", "โรงเรียนบ้าน{subdistrict}",
    "การไฟฟ้าส่วนภูมิภาคอำเภอ{district}", "สถานีตำรวจภูธร{district}", "สำนักงานสาธารณสุขจังหวัด{province}",
    "สำนักงานคลังจังหวัด{province}", "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด{province}",
)
SUBJECTS = (
    ("ขอเชิญประชุมคณะกรรมการพัฒนาท้องถิ่น ครั้งที่ {n}/{year}", "health"),
    ("ขอความร่วมมือสำรวจข้อมูลผู้สูงอายุและผู้พิการ", "welfare"),
    ("แจ้งจัดสรรเงินอุดหนุนทั่วไป ประจำปีงบประมาณ {year}", "finance"),
    ("ขอความอนุเคราะห์ซ่อมแซมถนนคอนกรีตเสริมเหล็กหมู่ที่ {n}", "engineering"),
    ("การป้องกันและควบคุมโรคไข้เลือดออก", "health"),
    ("ขอเชิญร่วมงานวันเด็กแห่งชาติ", "education"),
    ("แนวทางการจัดเก็บภาษีที่ดินและสิ่งปลูกสร้าง", "finance"),
    ("ขอรับการสนับสนุนรถบรรทุกน้ำช่วยเหลือผู้ประสบภัยแล้ง", "office"),
    ("ซักซ้อมแนวทางการเบิกจ่ายเงินอุดหนุนอาหารกลางวัน", "education"),
    ("ขอความร่วมมือประชาสัมพันธ์การลงทะเบียนเบี้ยยังชีพ", "welfare"),
    ("รายงานผลการดำเนินงานตามแผนพัฒนาท้องถิ่น", "office"),
    ("ขออนุญาตใช้สถานที่จัดกิจกรรมชุมชน", "office"),
    ("การตรวจสอบคุณภาพน้ำประปาหมู่บ้าน", "health"),
    ("แจ้งกำหนดการตรวจติดตามการใช้จ่ายงบประมาณ", "finance"),
    ("ขอความร่วมมือรณรงค์คัดแยกขยะมูลฝอยต้นทาง", "health"),
    ("ขอเชิญเข้ารับการฝึกอบรมการใช้ระบบบัญชีคอมพิวเตอร์", "finance"),
    ("ขออนุญาตขุดวางท่อประปาเลียบถนนสาธารณะ", "engineering"),
)
SECRET_SUBJECTS = ("รายงานการสืบสวนข้อเท็จจริงกรณีร้องเรียนการจัดซื้อจัดจ้าง", "ผลการตรวจสอบวินัยพนักงานจ้าง")
OUTGOING = (
    (LetterFormat.EXTERNAL, "ขอความอนุเคราะห์ใช้สถานที่จัดงานประเพณีลอยกระทง", "ผู้อำนวยการโรงเรียนบ้าน{subdistrict}"),
    (LetterFormat.EXTERNAL, "รายงานผลการดำเนินงานป้องกันโรคไข้เลือดออก", "นายอำเภอ{district}"),
    (LetterFormat.EXTERNAL, "ขอรับการสนับสนุนวิทยากรอบรมการคัดแยกขยะ", "ท้องถิ่นจังหวัด{province}"),
    (LetterFormat.EXTERNAL, "ส่งแผนพัฒนาท้องถิ่น (พ.ศ. 2566–2570) เพิ่มเติม ฉบับที่ 2", "นายอำเภอ{district}"),
    (LetterFormat.EXTERNAL, "ขอเชิญร่วมพิธีเปิดศูนย์พัฒนาเด็กเล็ก", "ผู้กำกับการสถานีตำรวจภูธร{district}"),
    (LetterFormat.MEMO, "ขออนุมัติเดินทางไปราชการเข้ารับการฝึกอบรม", "นายกเทศมนตรี"),
    (LetterFormat.MEMO, "รายงานผลการจัดเก็บรายได้ประจำไตรมาส", "ปลัดเทศบาล"),
    (LetterFormat.ORDER, "แต่งตั้งคณะกรรมการตรวจรับพัสดุ", ""),
    (LetterFormat.ORDER, "แต่งตั้งคณะกรรมการทำลายหนังสือ", ""),
    (LetterFormat.ANNOUNCEMENT, "การรับชำระภาษีที่ดินและสิ่งปลูกสร้าง ประจำปี", ""),
)



def executive_title(organization) -> str:
    """How a letter addresses the LGO's chief executive: นายกเทศมนตรีตำบลหนองแก้ว for เทศบาลตำบลหนองแก้ว (a
    municipality's head is นายกเทศมนตรี, not "นายกเทศบาล"), นายกองค์การบริหารส่วนตำบล… for an อบต."""
    name = organization.name_th
    if name.startswith("เทศบาล"):
        return "นายกเทศมนตรี" + name.removeprefix("เทศบาล")
    return "นายก" + name

def load(ctx: DemoContext) -> None:
    for index, organization in enumerate(ctx.organizations):
        if Document.objects.for_organization(organization).exists():
            continue
        _load_organization(ctx, organization, random.Random(1000 + index))
    if len(ctx.organizations) >= 2:
        _letter_between(ctx, ctx.organizations[0], ctx.organizations[1])


def _member(organization: Organization, role: str, department: str | None = None):
    memberships = Membership.objects.for_organization(organization).filter(role=role).select_related("user")
    if department:
        memberships = memberships.filter(department__code=department)
    membership = memberships.order_by("pk").first()
    return membership.user if membership else None


def _fill(text: str, organization: Organization, **extra) -> str:
    return text.format(district=organization.district, province=organization.province,
                       subdistrict=organization.subdistrict or organization.district, **extra)


def _sample_pdf(organization: Organization, subject: str, sender: str, number: str) -> SimpleUploadedFile:
    from core.pdf import render_html_to_pdf

    html = (f'<!doctype html><html lang="th"><meta charset="utf-8"><body style="margin:0">'
            f'<p style="margin-top:4cm">ที่ {number}</p><p style="text-align:right">{sender}</p>'
            f"<p>เรื่อง {subject}</p><p>เรียน นายก{organization.name_th}</p>"
            f'<p style="text-indent:2.5cm">ด้วย{sender}ขอแจ้งเรื่องดังกล่าวเพื่อโปรดทราบและพิจารณาดำเนินการต่อไป</p>'
            f'<p style="margin-left:8cm;margin-top:1cm">ขอแสดงความนับถือ</p></body></html>')
    return SimpleUploadedFile("letter.pdf", render_html_to_pdf(html), content_type="application/pdf")


def _spread(organization: Organization, count: int) -> list[dt.datetime]:
    """`count` office-hour moments from 1 January of this year to now, in order."""
    now = timezone.localtime()
    start = now.replace(month=1, day=1, hour=8, minute=30, second=0, microsecond=0)
    if (now - start).days < 30:  # early January: use the last month instead of a few days
        start = now - dt.timedelta(days=30)
    span = (now - start).total_seconds()
    moments = [start + dt.timedelta(seconds=span * (i + 0.5) / count) for i in range(count)]
    return [moment.replace(hour=8 + (i * 7) % 8, minute=(i * 13) % 60) if moment.date() < now.date() else moment
            for i, moment in enumerate(moments)]


def _load_organization(ctx: DemoContext, organization: Organization, rng: random.Random) -> None:
    clerk = _member(organization, Role.CORRESPONDENCE_ADMIN)
    executive = _member(organization, Role.EXECUTIVE)
    head = _member(organization, Role.DEPARTMENT_HEAD)
    officer = _member(organization, Role.OFFICER)
    if clerk is None or head is None:
        ctx.say(f"ข้าม สารบรรณ ของ {organization.name_th}: ไม่มีเจ้าหน้าที่สารบรรณหรือผู้อำนวยการกอง")
        return
    departments = {dept.code: dept for dept in organization.departments.all()}
    moments = _spread(organization, INCOMING_PER_LGO)
    year = timezone.localdate().year + 543
    urgencies = [Urgency.NORMAL] * 6 + [Urgency.URGENT] * 2 + [Urgency.VERY_URGENT, Urgency.MOST_URGENT]
    kinds = [DocumentKind.EXTERNAL] * 6 + [DocumentKind.STAMPED, DocumentKind.DIRECTIVE,
                                           DocumentKind.PUBLIC_RELATIONS, DocumentKind.EVIDENCE]
    for index, moment in enumerate(moments):
        secret = index % 23 == 7
        subject, dept_code = rng.choice(SUBJECTS)
        subject = _fill(subject, organization, n=rng.randint(1, 12), year=year)
        if secret:
            subject = rng.choice(SECRET_SUBJECTS)
        sender = _fill(rng.choice(SENDERS), organization)
        reference = f"{organization.document_prefix.split()[0] if organization.document_prefix else 'ชร'} " \
                    f"{rng.choice(['0023', '0017.2', '0818', '0032.4'])}/ว {rng.randint(100, 9999)}"
        pdf = _sample_pdf(organization, subject, sender, reference) if index % 40 == 0 else None
        document = services.register_incoming(
            organization=organization, user=clerk, pdf=pdf,
            data=services.IncomingData(
                subject=subject, sender=sender, recipient=executive_title(organization), reference_number=reference,
                dated=(moment - dt.timedelta(days=rng.randint(1, 5))).date(), kind=rng.choice(kinds),
                urgency=rng.choice(urgencies),
                secrecy=Secrecy.SECRET if secret and index % 2 else Secrecy.CONFIDENTIAL if secret else Secrecy.NORMAL,
                retention_class=RetentionClass.ONE_YEAR if index % 9 == 0 else RetentionClass.TEN_YEARS,
            ),
        )
        _route_and_work(document, rng, index, len(moments), clerk=clerk, executive=executive,
                        department=departments.get(dept_code) or departments.get("office"),
                        head=head, officer=officer)
        _backdate(document, moment)
    _outgoing(ctx, organization, rng, head=head, executive=executive, officer=officer or head)
    ctx.say(f"สารบรรณ: {Document.objects.for_organization(organization).count()} ฉบับ ใน {organization.name_th}")


def _route_and_work(document: Document, rng: random.Random, index: int, total: int, *, clerk, executive,
                    department, head, officer) -> None:
    """Most letters are routed; older ones are read, endorsed, done and filed; the newest wait; a few stall."""
    if index % 10 == 9:
        return  # registered, not yet routed
    head_department = Membership.objects.filter(user=head, role=Role.DEPARTMENT_HEAD).values_list(
        "department__code", flat=True).first()
    if department.code != head_department and rng.random() < 0.8:
        department = document.organization.departments.get(code=head_department)
    instruction = rng.choice([Instruction.FOR_ACTION, Instruction.FOR_ACTION, Instruction.FOR_INFORMATION,
                              Instruction.FOR_CONSIDERATION])
    officers = [officer] if officer and document.is_secret else []
    [routing, *_] = services.route(document=document, user=clerk, departments=[] if officers else [department],
                                   officers=officers, instruction=instruction)
    age = 1 - index / total
    if age < 0.04 and index % 3:
        return  # newest: still unread
    reader = officer if routing.to_user_id else head
    if routing.to_department_id and department.code != head_department:
        reader = None
    if reader is None:
        return  # routed to a department without a demo officer: shows as stalled
    services.acknowledge(routing=routing, user=reader)
    if executive and index % 3 == 0:
        services.endorse(document=document, user=head, kind=EndorsementKind.OPINION,
                         text="เรียน นายก เห็นควรมอบกองที่เกี่ยวข้องดำเนินการ", routing=routing)
        services.endorse(document=document, user=executive, kind=EndorsementKind.ORDER,
                         text=rng.choice(["อนุมัติ ดำเนินการตามเสนอ", "ทราบ มอบกองคลังดำเนินการ",
                                          "มอบปลัดพิจารณา", "ทราบ แจ้งเวียนทุกกอง"]), routing=routing)
    if age > 0.1 and index % 4:
        services.complete_routing(routing=routing, user=reader, action="ดำเนินการแล้ว")
        if index % 2:
            services.change_status(document=document, user=clerk, to_status=DocumentStatus.FILED)


def _backdate(document: Document, moment: dt.datetime) -> None:
    """Move a demo entry's times to `moment` (history rows are updated in bulk: demo data only)."""
    Document.objects.filter(pk=document.pk).update(received_at=moment, registered_at=moment, created_at=moment)
    routings = Routing.objects.filter(document=document)
    for routing in routings:
        due_shift = routing.due_date - routing.sent_at.date() if routing.sent_at else dt.timedelta()
        ack_shift = routing.acknowledge_by - routing.sent_at.date()
        Routing.objects.filter(pk=routing.pk).update(
            sent_at=moment + dt.timedelta(hours=1), due_date=moment.date() + due_shift,
            acknowledge_by=moment.date() + ack_shift,
            acknowledged_at=moment + dt.timedelta(hours=20) if routing.acknowledged_at else None,
            done_at=moment + dt.timedelta(days=3) if routing.done_at else None,
        )
    # Demo history is made now and dated back to when the story happened: the one place history rows are rewritten,
    # so through a plain queryset (the append-only manager rightly refuses it everywhere else).
    QuerySet(Endorsement).filter(document=document).update(at=moment + dt.timedelta(days=1))
    QuerySet(DocumentEvent).filter(document=document).update(at=moment)


def _outgoing(ctx: DemoContext, organization: Organization, rng: random.Random, *, head, executive, officer) -> None:
    contact = f"กองคลัง\nโทร. {organization.phone or '053 000 000'}\nอีเมล {organization.email or '-'}"
    for index, (letter_format, subject, recipient) in enumerate(OUTGOING):
        recipient = _fill(recipient, organization)
        document = services.create_draft(organization=organization, user=officer, data=services.LetterData(
            letter_format=letter_format, subject=subject, recipient=recipient or "ประชาชนทั่วไป",
            salutation=recipient,
            body="ด้วย" + organization.name_th + "มีความประสงค์ดำเนินการเรื่องดังกล่าว รายละเอียดตามสิ่งที่ส่งมาด้วย\n"
                 "จึงเรียนมาเพื่อโปรดพิจารณา",
            contact_text=contact if letter_format == LetterFormat.EXTERNAL else "",
            urgency=Urgency.URGENT if index == 1 else Urgency.NORMAL,
        ))
        if index in (4, 6):
            continue  # left as drafts for the signer
        signer = executive if letter_format in (LetterFormat.ORDER, LetterFormat.ANNOUNCEMENT) and executive else head
        services.issue(document=document, user=signer, password=ctx.password)
    issued = Document.objects.for_organization(organization).exclude(register=Register.INCOMING).count()
    ctx.say(f"สารบรรณ: หนังสือส่ง คำสั่ง และประกาศ {issued} ฉบับ")


def _letter_between(ctx: DemoContext, sender: Organization, receiver: Organization) -> None:
    """One letter from the first demo LGO to the second, registered there under the second's own number."""
    if Document.objects.for_organization(sender).filter(target_organization=receiver).exists():
        return
    head = _member(sender, Role.DEPARTMENT_HEAD)
    clerk = _member(receiver, Role.CORRESPONDENCE_ADMIN)
    if head is None or clerk is None:
        return
    draft = services.create_draft(organization=sender, user=head, data=services.LetterData(
        letter_format=LetterFormat.EXTERNAL, subject="ขอเชิญร่วมประชุมเครือข่ายการจัดการขยะมูลฝอยระหว่างท้องถิ่น",
        recipient=executive_title(receiver), salutation=executive_title(receiver), target_organization=receiver,
        body=f"ด้วย{sender.name_th}กำหนดจัดประชุมเครือข่ายการจัดการขยะมูลฝอยระหว่างท้องถิ่น ณ ห้องประชุม"
             f"{sender.name_th}\nจึงเรียนมาเพื่อโปรดพิจารณามอบผู้แทนเข้าร่วมประชุม",
        contact_text=f"กองสาธารณสุขและสิ่งแวดล้อม\nโทร. {sender.phone or '053 000 000'}",
    ))
    issued = services.issue(document=draft, user=head, password=ctx.password)
    queued = Document.objects.get(source_document=issued)
    received = services.receive_pending(document=queued, user=clerk)
    ctx.say(f"สารบรรณ: {sender.name_th} ส่ง {issued.reference_number} ถึง {receiver.name_th} "
            f"ลงรับเลขที่ {received.register_label}")
