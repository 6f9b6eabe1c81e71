"""Registers, numbering, stamping, letters, routing and the refusal of top-secret matters."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.pdf import extract_text
from core.thai import thai_datetime
from organizations.constants import Role
from saraban import services
from saraban.constants import (
    TOP_SECRET,
    DocumentStatus,
    EndorsementKind,
    Instruction,
    LetterFormat,
    Register,
    RoutingStatus,
    Secrecy,
    Urgency,
)
from saraban.models import Document, DocumentEvent, Endorsement

from .conftest import pdf_text

BANGKOK = zoneinfo.ZoneInfo("Asia/Bangkok")
pytestmark = pytest.mark.django_db


def test_incoming_numbers_run_per_register_and_lgo(lgo, org_b, incoming, make_officer):
    first, second = incoming(), incoming(subject="เรื่องที่สอง")
    assert (first.number, second.number) == (1, 2)
    assert first.year == dt.date.today().year + 543 or first.year == second.year
    clerk_b = make_officer(org_b, "correspondence_admin", username="clerk-b")
    other = services.register_incoming(organization=org_b, user=clerk_b,
                                       data=services.IncomingData(subject="หนังสือของบี", sender="จังหวัด"))
    assert other.number == 1


def test_numbering_restarts_on_first_of_january(incoming):
    with time_machine.travel(dt.datetime(2026, 12, 31, 23, 50, tzinfo=BANGKOK), tick=False):
        last_of_2569 = [incoming(subject=f"ปลายปี {i}") for i in range(3)][-1]
    with time_machine.travel(dt.datetime(2027, 1, 1, 0, 5, tzinfo=BANGKOK), tick=False):
        first_of_2570 = incoming(subject="ต้นปี")
    assert (last_of_2569.year, last_of_2569.number) == (2569, 3)
    assert (first_of_2570.year, first_of_2570.number) == (2570, 1)


def test_top_secret_is_refused_with_the_reason(incoming, draft):
    with pytest.raises(ValidationError) as error:
        incoming(secrecy=TOP_SECRET)
    assert "ลับที่สุด" in str(error.value) or "Top-secret" in str(error.value)
    with pytest.raises(ValidationError):
        draft(secrecy=TOP_SECRET)
    assert not Document.objects.exists()


def test_stamped_pdf_carries_the_receipt_number_and_keeps_the_original(lgo, incoming, pdf_upload, letter_pdf):
    with time_machine.travel(dt.datetime(2026, 11, 25, 14, 5, tzinfo=BANGKOK), tick=False):
        incoming(subject="ก่อนหน้า")
        document = incoming(pdf=pdf_upload())
    assert document.number == 2
    with document.original_file.open("rb") as handle:
        assert handle.read() == letter_pdf
    with document.stamped_file.open("rb") as handle:
        text = extract_text(handle.read())
    assert "เลขรับ 2/2569" in text
    assert "25 พ.ย. 2569" in text
    assert "14:05 น." in text
    assert lgo.name_th in text  # exactly as written: sara am reads "ำ"
    assert "เรื่อง ขอเชิญประชุมคณะกรรมการ" in text  # the letter itself is still there


def test_letter_number_appears_only_after_issue(lgo, draft, head):
    document = draft()
    assert document.number is None and document.reference_number == ""
    from saraban.letters import render_letter

    preview = extract_text(render_letter(document))
    assert "ที่ ชร 52301/ (ร่าง)" in preview
    assert "ชร 52301/1" not in preview
    with time_machine.travel(dt.datetime(2026, 11, 25, 10, 0, tzinfo=BANGKOK), tick=False):
        issued = services.issue(document=document, user=head, password=head.plain_password)
    assert issued.reference_number == "ชร 52301/1"
    assert issued.status == DocumentStatus.ISSUED and issued.register == Register.OUTGOING
    with issued.letter_file.open("rb") as handle:
        text = extract_text(handle.read())
    lines = [line.strip() for line in text.splitlines()]
    assert "ที่ ชร 52301/1" in text
    assert "25 พฤศจิกายน 2569" in lines
    assert "เรื่อง ขอความอนุเคราะห์ใช้สถานที่จัดงานประเพณีลอยกระทง" in lines
    assert "เรียน ผู้อำนวยการโรงเรียนบ้านดอย" in lines
    assert "ขอแสดงความนับถือ" in lines
    assert "(สมชาย ใจดี)" in lines
    assert "ผู้อำนวยการกองคลัง" in lines
    assert "จึงเรียนมาเพื่อโปรดพิจารณาอนุเคราะห์" in lines
    assert "(ร่าง)" not in text


def test_issue_needs_the_password_and_a_signer(draft, head, officer):
    document = draft()
    with pytest.raises(ValidationError):
        services.issue(document=document, user=head, password="wrong-password")
    with pytest.raises(PermissionDenied):
        services.issue(document=document, user=officer, password=officer.plain_password)
    document.refresh_from_db()
    assert document.number is None and document.status == DocumentStatus.DRAFT


def test_memo_and_order_layouts(draft, head):
    memo = services.issue(document=draft(LetterFormat.MEMO), user=head, password=head.plain_password)
    order = services.issue(document=draft(LetterFormat.ORDER, subject="แต่งตั้งคณะกรรมการตรวจรับพัสดุ"),
                           user=head, password=head.plain_password)
    with memo.letter_file.open("rb") as handle:
        assert "บันทึกข้อความ" in extract_text(handle.read())
    assert order.register == Register.ORDER and order.number == 1
    with order.letter_file.open("rb") as handle:
        text = extract_text(handle.read())
    assert f"ที่ 1/{order.year}" in text and "สั่ง ณ วันที่" in text


def test_letter_to_another_lgo_lands_in_its_queue(lgo, org_b, draft, head, make_officer):
    document = draft(target_organization=org_b)
    services.issue(document=document, user=head, password=head.plain_password)
    queued = Document.objects.get(organization=org_b)
    assert queued.status == DocumentStatus.PENDING_RECEIPT and queued.number is None
    assert queued.reference_number == "ชร 52301/1" and queued.sender == lgo.name_th
    clerk_b = make_officer(org_b, "correspondence_admin", username="clerk-b")
    services.register_incoming(organization=org_b, user=clerk_b,
                               data=services.IncomingData(subject="ก่อน", sender="จังหวัด"))
    received = services.receive_pending(document=queued, user=clerk_b)
    assert (received.number, received.status) == (2, DocumentStatus.RECEIVED)
    with received.stamped_file.open("rb") as handle:
        assert "เลขรับ 2/" in extract_text(handle.read())
    document.refresh_from_db()
    assert document.number == 1  # each side keeps its own number


def test_routing_acknowledgement_and_endorsement_chain(lgo, incoming, clerk, head, executive):
    document = incoming(urgency=Urgency.VERY_URGENT)
    finance = lgo.departments.get(code="finance")
    [routing] = services.route(document=document, user=clerk, departments=[finance],
                               instruction=Instruction.FOR_ACTION)
    assert routing.due_date >= dt.date.today()
    services.acknowledge(routing=routing, user=head)
    routing.refresh_from_db()
    assert routing.status == RoutingStatus.ACKNOWLEDGED and routing.acknowledged_by == head
    services.endorse(document=document, user=head, kind=EndorsementKind.OPINION, text="เห็นควรเข้าร่วมประชุม")
    services.endorse(document=document, user=executive, kind=EndorsementKind.ORDER, text="อนุมัติ มอบกองคลัง")
    chain = list(document.endorsements.values_list("author_position", "text"))
    assert chain == [("ผู้อำนวยการกองคลัง", "เห็นควรเข้าร่วมประชุม"), ("นายกเทศมนตรีตำบลเอ", "อนุมัติ มอบกองคลัง")]
    first = Endorsement.objects.first()
    first.text = "แก้ไข"
    with pytest.raises(ValidationError):
        first.save()
    with pytest.raises(ValidationError):
        first.delete()
    services.complete_routing(routing=routing, user=head, action="ส่งผู้แทนเข้าร่วม")
    document.refresh_from_db()
    assert document.status == DocumentStatus.DONE and document.action == "ส่งผู้แทนเข้าร่วม"
    assert DocumentEvent.objects.filter(document=document).count() >= 5


def test_only_recipients_acknowledge(incoming, clerk, outsider, lgo):
    document = incoming()
    [routing] = services.route(document=document, user=clerk, departments=[lgo.departments.get(code="finance")])
    with pytest.raises(PermissionDenied):
        services.acknowledge(routing=routing, user=outsider)


def test_secret_letter_marks(draft, head):
    document = services.issue(document=draft(secrecy=Secrecy.CONFIDENTIAL, urgency=Urgency.MOST_URGENT),
                              user=head, password=head.plain_password)
    with document.letter_file.open("rb") as handle:
        text = extract_text(handle.read())
    assert "ด่วนที่สุด" in text and "ลับ" in text


def test_a_pdf_found_damaged_while_stamping_keeps_its_number_and_original(client, clerk, incoming, monkeypatch):
    """The stamp is made after the number is committed (item 16), so damage only the stamping finds can no longer
    give the number back: the letter stays registered with its original, and the clerk is told on opening it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    monkeypatch.setattr("saraban.stamping.check_readable", lambda pdf: None)  # as if the first look missed it
    damaged = SimpleUploadedFile("scan.pdf", b"%PDF-1.4\n" + b"\x00garbage" * 200, content_type="application/pdf")
    document = incoming(pdf=damaged)
    assert (document.number, bool(document.original_file), bool(document.stamped_file)) == (1, True, False)
    assert incoming().number == 2
    client.force_login(clerk)
    response = client.get(reverse("saraban:document_file", args=[document.pk, "stamped"]), follow=True)
    assert "ไม่สามารถประทับตรารับ" in response.content.decode() and response.redirect_chain


def test_past_retention_follows_each_retention_class(lgo, incoming, clerk):
    from saraban.selectors import past_retention, retention_expiry_year

    with time_machine.travel(dt.datetime(2021, 3, 1, 10, 0, tzinfo=BANGKOK), tick=False):
        def kept(subject, retention_class, dated, years=None):
            return incoming(subject=subject, retention_class=retention_class, retention_years=years, dated=dated,
                            user=clerk)

        one_year = kept("หนึ่งปี", "one_year", dt.date(2020, 2, 1))  # 2563 + 1
        ten_years = kept("สิบปี", "ten_years", dt.date(2015, 6, 1))  # 2558 + 10
        ten_years_later = kept("สิบปีปีถัดไป", "ten_years", dt.date(2016, 1, 1))  # 2569
        other_law = kept("กฎหมายอื่นห้าปี", "other_law", dt.date(2019, 12, 31), years=5)  # 2567
        other_law_long = kept("กฎหมายอื่นสามสิบปี", "other_law", dt.date(2019, 1, 1), years=30)
        kept("ตลอดไป", "permanent", dt.date(1990, 1, 1))
    found = list(past_retention(lgo, be_year=2568))
    assert found == [ten_years, other_law, one_year]  # oldest first
    assert all(retention_expiry_year(document) <= 2568 for document in found)
    assert retention_expiry_year(ten_years_later) == 2569 and retention_expiry_year(other_law_long) == 2592


def test_a_failed_receipt_stamp_keeps_the_number_and_is_made_when_opened(client, lgo, clerk, incoming, pdf_upload,
                                                                         monkeypatch):
    """Item 16: the stamp is rendered after the number is committed; a failure loses and reuses nothing."""
    from saraban import stamping

    def broken(*args, **kwargs):
        raise ValueError("damaged deep inside")

    monkeypatch.setattr(stamping, "stamp_receipt", broken)
    first = incoming(subject="หนังสือที่ตราประทับล้มเหลว", pdf=pdf_upload())
    assert (first.number, bool(first.original_file), bool(first.stamped_file)) == (1, True, False)
    assert incoming(subject="หนังสือฉบับถัดไป").number == 2
    monkeypatch.undo()
    client.force_login(clerk)
    response = client.get(reverse("saraban:document_file", args=[first.pk, "stamped"]))
    assert response.status_code == 200
    first.refresh_from_db()
    with first.stamped_file.open("rb") as handle:
        assert f"เลขรับ{first.number}/{first.year}" in "".join(pdf_text(handle.read()).split())


def test_a_failed_letter_render_keeps_the_number_and_is_made_when_opened(client, lgo, head, draft, monkeypatch):
    from saraban import letters

    def broken(document):
        raise OSError("font missing")

    monkeypatch.setattr(letters, "render_letter", broken)
    first = services.issue(document=draft(), user=head, password=head.plain_password)
    assert (first.number, first.status, bool(first.letter_file)) == (1, DocumentStatus.ISSUED, False)
    second = services.issue(document=draft(subject="หนังสือฉบับที่สอง"), user=head, password=head.plain_password)
    assert second.number == 2
    monkeypatch.undo()
    client.force_login(head)
    assert client.get(reverse("saraban:document_file", args=[first.pk, "letter"])).status_code == 200
    first.refresh_from_db()
    assert first.letter_file


def test_a_letter_to_another_lgo_carries_its_enclosures_and_tells_the_sender_its_receipt(
        client, lgo, org_b, officer, head, make_officer, letter_pdf):
    """Items 3–4: every enclosure file is delivered with the letter; the sender sees the receiving number and time."""
    enclosure = letter_pdf
    document = services.create_draft(
        organization=lgo, user=officer,
        data=services.LetterData(letter_format=LetterFormat.EXTERNAL, subject="ขอส่งแผนที่แนวเขตที่ดิน",
                                 recipient=f"นายก{org_b.name_th}", salutation=f"นายก{org_b.name_th}",
                                 body="ขอส่งแผนที่ตามสิ่งที่ส่งมาด้วย", enclosures_text="แผนที่แนวเขต จำนวน 1 ฉบับ",
                                 target_organization=org_b),
        attachments=[SimpleUploadedFile("แผนที่.pdf", enclosure, content_type="application/pdf")],
    )
    services.issue(document=document, user=head, password=head.plain_password)
    delivered = Document.objects.get(organization=org_b)
    assert delivered.original_file and delivered.reference_number == "ชร 52301/1"
    [copy] = delivered.attachments.all()
    with copy.file.open("rb") as handle:
        assert (copy.name, handle.read()) == ("แผนที่.pdf", enclosure)
    assert copy.file.name.split("/")[1] == str(org_b.pk)  # stored under the receiving LGO
    clerk_b = make_officer(org_b, Role.CORRESPONDENCE_ADMIN, username="clerk-b")
    client.force_login(clerk_b)
    client.defaults["HTTP_HOST"] = "b.test"
    assert client.get(reverse("saraban:attachment", args=[copy.pk])).status_code == 200
    client.post(reverse("saraban:document_receive", args=[delivered.pk]))
    delivered.refresh_from_db()
    assert delivered.number == 1 and delivered.stamped_file
    client.defaults["HTTP_HOST"] = "testserver"
    client.force_login(head)
    page = client.get(reverse("saraban:document", args=[document.pk])).content.decode()
    assert org_b.name_th in page and f"<td>{delivered.register_label}</td>" in page
    assert thai_datetime(delivered.registered_at, short=True) in page
