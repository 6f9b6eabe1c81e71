"""Officer pages through the real stack: secrecy, LGO isolation, search in Thai, query bounds, forms."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from core.models import AuditAction, AuditLog
from organizations.constants import Role
from saraban import services
from saraban.constants import TOP_SECRET, DocumentStatus, Register, RoutingStatus, Secrecy
from saraban.forms import IncomingForm
from saraban.models import Document, Endorsement

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    return client


def test_menu_and_pages_render_in_thai(client, clerk, incoming):
    document = incoming()
    login(client, clerk)
    for name, kwargs in [("saraban:desk", {}), ("saraban:registers", {}), ("saraban:incoming_new", {}),
                         ("saraban:pending", {}), ("saraban:compose", {}), ("saraban:stalled", {}),
                         ("saraban:search", {}), ("saraban:retention", {}), ("saraban:archives", {}),
                         ("saraban:document", {"pk": document.pk})]:
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200, name
    admin_home = client.get("/admin/").content.decode()
    props = admin_home.split('<script id="wagtail-sidebar-props" type="application/json">')[1].split("</script>")[0]
    assert "/admin/saraban/" in props and "สารบรรณ" in json.dumps(json.loads(props), ensure_ascii=False)
    register_page = client.get(reverse("saraban:register", args=["incoming"])).content.decode()
    for column in ("เลขทะเบียน", "ลงวันที่", "การปฏิบัติ", "หมายเหตุ", document.subject):
        assert column in register_page


def test_register_incoming_form_stamps_and_refuses_top_secret(client, clerk, pdf_upload):
    login(client, clerk)
    url = reverse("saraban:incoming_new")
    data = {"sender": "จังหวัดเชียงราย", "subject": "ขอความร่วมมือสำรวจข้อมูลผู้สูงอายุ", "kind": "external",
            "urgency": "urgent", "secrecy": TOP_SECRET, "retention_class": "ten_years", "pdf": pdf_upload()}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "ลับที่สุด" in response.content.decode()
    assert not Document.objects.exists()
    data.update(secrecy="normal", pdf=pdf_upload())
    response = client.post(url, data)
    document = Document.objects.get()
    assert response.status_code == 302 and document.number == 1 and document.stamped_file
    pdf = client.get(reverse("saraban:document_file", args=[document.pk, "stamped"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_secret_document_is_invisible_to_an_officer_not_named(client, lgo, clerk, outsider, officer, incoming,
                                                              pdf_upload, head):
    secret = incoming(subject="รายงานการสืบสวนข้อเท็จจริงกรณีร้องเรียน", secrecy=Secrecy.SECRET, pdf=pdf_upload())
    services.route(document=secret, user=clerk, departments=[lgo.departments.get(code="finance")])
    login(client, outsider)
    assert client.get(reverse("saraban:document", args=[secret.pk])).status_code == 404
    assert client.get(reverse("saraban:document_file", args=[secret.pk, "stamped"])).status_code == 404
    assert client.get(reverse("saraban:document_file", args=[secret.pk, "original"])).status_code == 404
    search = client.get(reverse("saraban:search"), {"q": "สืบสวน"}).content.decode()
    assert secret.subject not in search
    register = client.get(reverse("saraban:register", args=["incoming"])).content.decode()
    assert secret.subject not in register
    assert AuditLog.objects.filter(action=AuditAction.DENIED, object_id=str(secret.pk)).exists()
    # A plain member of the routed department is not named either; its head is.
    login(client, officer)
    assert client.get(reverse("saraban:document", args=[secret.pk])).status_code == 404
    login(client, head)
    assert client.get(reverse("saraban:document", args=[secret.pk])).status_code == 200
    assert client.get(reverse("saraban:document_file", args=[secret.pk, "stamped"])).status_code == 200
    logged = set(AuditLog.objects.filter(actor=head, object_id=str(secret.pk)).values_list("action", flat=True))
    assert logged == {AuditAction.VIEW, AuditAction.DOWNLOAD}


def test_lgo_isolation(client, lgo, org_b, incoming, make_officer):
    document = incoming(subject="หนังสือของเทศบาลเอ")
    clerk_b = make_officer(org_b, "correspondence_admin", username="clerk-b")
    client.force_login(clerk_b)
    client.defaults["HTTP_HOST"] = "b.test"
    assert client.get(reverse("saraban:document", args=[document.pk])).status_code == 404
    assert client.get(reverse("saraban:document_file", args=[document.pk, "original"])).status_code == 404
    assert document.subject not in client.get(reverse("saraban:search"), {"q": "เทศบาลเอ"}).content.decode()
    assert document.subject not in client.get(reverse("saraban:registers")).content.decode()


def test_thai_word_inside_a_subject_is_found(client, clerk, incoming):
    incoming(subject="ขออนุมัติโครงการปรับปรุงถนนคอนกรีตเสริมเหล็กหมู่ที่ 5")
    incoming(subject="ขอเชิญประชุมประจำเดือน")
    login(client, clerk)
    page = client.get(reverse("saraban:search"), {"q": "คอนกรีต"}).content.decode()
    assert "ถนนคอนกรีตเสริมเหล็ก" in page and "ประชุมประจำเดือน" not in page
    by_number = client.get(reverse("saraban:search"), {"number": 2}).content.decode()
    assert "ประชุมประจำเดือน" in by_number and "คอนกรีต" not in by_number


def test_register_list_query_count_is_bounded(client, lgo, clerk, incoming, django_assert_max_num_queries):
    """Pages cost the same number of queries for 3 rows as for 30 (no per-row queries), and stay under a bound."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    urls = [reverse("saraban:register", args=["incoming"]), reverse("saraban:search") + "?q=หนังสือ",
            reverse("saraban:stalled"), reverse("saraban:desk")]

    def counts() -> list[int]:
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as context:
                assert client.get(url).status_code == 200
            result.append(len(context.captured_queries))
        return result

    login(client, clerk)
    for index in range(3):
        incoming(subject=f"หนังสือเรื่องที่ {index}")
    # The document page asks whether each routing is the officer's: the same number of queries for 2 or 6 routings.
    routed = incoming(subject="หนังสือแจ้งเวียนทุกกอง")
    departments = {department.code: department for department in lgo.departments.all()}
    services.route(document=routed, user=clerk, departments=[departments["office"], departments["finance"]])
    urls.append(reverse("saraban:document", args=[routed.pk]))
    counts()  # warm per-process caches (content types, site root paths) so only the rows differ below
    few = counts()
    for index in range(27):
        incoming(subject=f"หนังสือลับเรื่องที่ {index}", secrecy=Secrecy.CONFIDENTIAL if index % 3 else Secrecy.NORMAL)
    services.route(document=routed, user=clerk,
                   departments=[departments[code] for code in ("engineering", "health", "education", "welfare")])
    assert routed.routings.count() == 6
    assert counts() == few
    with django_assert_max_num_queries(32):
        client.get(urls[0])


def test_register_pdf_lists_entries(client, clerk, incoming):
    from core.pdf import extract_text

    incoming(subject="ขอรับการสนับสนุนงบประมาณ")
    login(client, clerk)
    response = client.get(reverse("saraban:register_pdf", args=["incoming"]))
    text = extract_text(response.content)
    assert "ทะเบียนหนังสือรับ" in text and "ขอรับการสนับสนุนงบประมาณ" in text and "เลขทะเบียน" in text


def test_compose_preview_issue_through_pages(client, lgo, officer, head):
    from core.pdf import extract_text

    login(client, officer)
    response = client.post(reverse("saraban:compose"), {
        "letter_format": "external", "urgency": "normal", "secrecy": "normal", "recipient": "นายอำเภอเมืองเชียงราย",
        "salutation": "นายอำเภอเมืองเชียงราย", "subject": "รายงานผลการดำเนินงาน", "body": "ตามที่ได้รับแจ้ง",
        "closing": "ขอแสดงความนับถือ", "retention_class": "ten_years",
    })
    assert response.status_code == 302
    document = Document.objects.get()
    preview = client.get(reverse("saraban:letter_preview", args=[document.pk]))
    assert "(ร่าง)" in extract_text(preview.content)
    refused = client.post(reverse("saraban:letter_issue", args=[document.pk]), {"password": "x"})
    assert refused.status_code in (302, 403)  # Wagtail turns PermissionDenied into a redirect with a message
    document.refresh_from_db()
    assert document.number is None
    login(client, head)
    wrong = client.post(reverse("saraban:letter_issue", args=[document.pk]), {"password": "wrong"})
    assert wrong.status_code == 400
    right = client.post(reverse("saraban:letter_issue", args=[document.pk]), {"password": head.plain_password})
    assert right.status_code == 302
    document.refresh_from_db()
    assert document.status == DocumentStatus.ISSUED and document.reference_number == "ชร 52301/1"
    assert document.register == Register.OUTGOING


def test_retention_destruction_flow(client, lgo, clerk, incoming, pdf_upload, django_capture_on_commit_callbacks):
    import datetime as dt

    import time_machine

    with time_machine.travel(dt.datetime(2024, 3, 1, 10, 0), tick=False):
        old = incoming(subject="หนังสือเก่าหนึ่งปี", retention_class="one_year", dated=dt.date(2024, 2, 1),
                       pdf=pdf_upload())
        kept = incoming(subject="หนังสือเก็บตลอดไป", retention_class="permanent", dated=dt.date(2024, 2, 1))
    login(client, clerk)
    response = client.post(reverse("saraban:retention"), {"year": 2568})
    assert response.status_code == 302
    destruction_list = old.__class__.objects.get(pk=old.pk).destruction_list
    assert destruction_list is not None and kept.__class__.objects.get(pk=kept.pk).destruction_list is None
    url = reverse("saraban:destruction_list", args=[destruction_list.pk])
    assert client.post(url, {"chair_name": "นายก", "chair_position": "ปลัด"}).status_code == 400
    client.post(url, {"chair_name": "นายหนึ่ง", "chair_position": "ปลัดเทศบาล", "member1_name": "นายสอง",
                      "member1_position": "หัวหน้าสำนักปลัด", "member2_name": "นางสาม",
                      "member2_position": "ผู้อำนวยการกองคลัง", "note": "เห็นชอบให้ทำลาย"})
    storage, name = old.original_file.storage, old.original_file.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("saraban:destruction_list_destroy", args=[destruction_list.pk]))
    old.refresh_from_db()
    assert old.destroyed_at and old.status == DocumentStatus.DESTROYED and not old.original_file
    assert not storage.exists(name) and old.subject == "หนังสือเก่าหนึ่งปี"


def test_references_to_earlier_documents(client, clerk, incoming):
    earlier = incoming(subject="หนังสือฉบับแรก")
    login(client, clerk)
    data = {"sender": "อำเภอ", "subject": "หนังสือตอบกลับ", "kind": "external", "urgency": "normal",
            "secrecy": "normal", "retention_class": "ten_years", "references": "รับ 99/2500"}
    response = client.post(reverse("saraban:incoming_new"), data)
    assert response.status_code == 400 and "99/2500" in response.content.decode()
    data["references"] = f"รับ {earlier.number}/{earlier.year}"
    assert client.post(reverse("saraban:incoming_new"), data).status_code == 302
    later = Document.objects.get(subject="หนังสือตอบกลับ")
    assert list(later.references.all()) == [earlier]
    assert "หนังสือฉบับแรก" in client.get(reverse("saraban:document", args=[later.pk])).content.decode()


def test_unclassified_document_reaches_the_routed_department_only(client, lgo, clerk, officer, outsider, incoming):
    document = incoming(subject="ขอความร่วมมือจัดเก็บภาษีป้าย")
    services.route(document=document, user=clerk, departments=[lgo.departments.get(code="finance")])
    login(client, officer)
    assert client.get(reverse("saraban:document", args=[document.pk])).status_code == 200
    assert "จัดเก็บภาษีป้าย" in client.get(reverse("saraban:search"), {"q": "ภาษีป้าย"}).content.decode()
    login(client, outsider)
    assert client.get(reverse("saraban:document", args=[document.pk])).status_code == 404
    assert "จัดเก็บภาษีป้าย" not in client.get(reverse("saraban:search"), {"q": "ภาษีป้าย"}).content.decode()


def _locked(pdf: bytes) -> bytes:
    """`pdf` protected by a password needed to open it."""
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password="open-sesame", owner_password="owner", algorithm="RC4-128")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


@pytest.mark.parametrize("kind", ["damaged", "password"])
def test_damaged_or_locked_pdf_is_a_form_error(client, clerk, letter_pdf, kind):
    from django.core.files.uploadedfile import SimpleUploadedFile

    content = b"%PDF-1.7\n" + b"not really a pdf " * 100 if kind == "damaged" else _locked(letter_pdf)
    login(client, clerk)
    data = {"sender": "จังหวัดเชียงราย", "subject": "ขอความร่วมมือสำรวจข้อมูลผู้พิการ", "kind": "external",
            "urgency": "normal", "secrecy": "normal", "retention_class": "ten_years",
            "pdf": SimpleUploadedFile("scan.pdf", content, content_type="application/pdf")}
    response = client.post(reverse("saraban:incoming_new"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "ไฟล์ PDF เสียหายหรือมีรหัสผ่าน เปิดอ่านไม่ได้" in page
    assert 'value="ขอความร่วมมือสำรวจข้อมูลผู้พิการ"' in page and 'value="จังหวัดเชียงราย"' in page
    assert not Document.objects.exists()
    del data["pdf"]
    assert client.post(reverse("saraban:incoming_new"), data).status_code == 302
    assert Document.objects.get().number == 1  # the refused file took no number


def test_menu_shows_each_officer_the_pages_they_may_open(client, lgo, clerk, officer, make_officer):
    def menu(user) -> str:
        login(client, user)
        home = client.get("/admin/").content.decode()
        return home.split('<script id="wagtail-sidebar-props" type="application/json">')[1].split("</script>")[0]

    restricted = [reverse(name) for name in ("saraban:incoming_new", "saraban:pending", "saraban:retention")]
    everyday = [reverse(name) for name in ("saraban:desk", "saraban:registers", "saraban:compose", "saraban:search")]
    for url in restricted + everyday:
        assert url in menu(clerk)
    plain = menu(officer)
    assert all(url in plain for url in everyday) and not any(url in plain for url in restricted)
    for url in restricted:
        assert client.get(url).status_code != 200  # what the menu hides, the page refuses
    pr_editor = make_officer(lgo, Role.PR_EDITOR, username="pr-editor", department="office")
    assert "/admin/saraban/" not in menu(pr_editor)


def test_printed_lists_say_when_rows_were_cut(client, clerk, incoming, monkeypatch):
    import datetime as dt

    from core.pdf import extract_text

    for index in range(3):
        incoming(subject=f"หนังสือเก่าเรื่องที่ {index}", dated=dt.date(2001, 1, 10))
    login(client, clerk)

    def text(url: str, **params) -> str:
        return extract_text(client.get(url, params).content)

    register_url = reverse("saraban:register_pdf", args=["incoming"])
    assert "รายการแรก" not in text(register_url)
    monkeypatch.setattr("saraban.printing.PDF_ROW_LIMIT", 2)
    register = text(register_url)
    assert "แสดง 2 รายการแรก กรุณาเลือกช่วงวันที่ให้แคบลง" in register
    assert "หนังสือเก่าเรื่องที่ 1" in register and "หนังสือเก่าเรื่องที่ 2" not in register
    archives = text(reverse("saraban:archives"), format="pdf")
    assert "แสดงเพียง 2 รายการแรก" in archives and "หนังสือเก่าเรื่องที่ 2" not in archives


def test_done_keeps_the_note_and_refuses_one_too_long(client, clerk, head, incoming):
    from django.contrib.messages import get_messages

    document = incoming(subject="ขอเชิญประชุมคณะกรรมการ", secrecy=Secrecy.CONFIDENTIAL)
    [routing] = services.route(document=document, user=clerk, officers=[head])
    login(client, head)
    url = reverse("saraban:routing_complete", args=[routing.pk])
    response = client.post(url, {"action": "ก" * 501})
    assert response.status_code == 302
    assert any("500" in str(message) for message in get_messages(response.wsgi_request))
    routing.refresh_from_db()
    assert routing.status == RoutingStatus.PENDING
    client.post(url, {"action": "มอบผู้แทนเข้าร่วมประชุมแล้ว"})
    routing.refresh_from_db()
    document.refresh_from_db()
    assert routing.status == RoutingStatus.DONE and document.action == "มอบผู้แทนเข้าร่วมประชุมแล้ว"
    logged = set(AuditLog.objects.filter(actor=head, object_id=str(document.pk), action=AuditAction.CHANGE)
                 .values_list("detail", flat=True))
    assert logged == {f"{document.register_label} complete"}  # the number, never the subject


def test_endorse_ignores_a_stray_routing_value(client, executive, incoming):
    document = incoming()
    login(client, executive)
    response = client.post(reverse("saraban:document_endorse", args=[document.pk]),
                           {"kind": "opinion", "text": "เห็นควรเข้าร่วม", "routing": "not-a-number"})
    assert response.status_code == 302
    assert Endorsement.objects.get(document=document).routing is None


def test_other_law_needs_its_years_on_the_form(lgo):
    data = {"sender": "อำเภอ", "subject": "หนังสือ", "kind": "external", "urgency": "normal", "secrecy": "normal",
            "retention_class": "other_law"}
    form = IncomingForm(data, organization=lgo, user=None)
    assert not form.is_valid() and list(form.errors) == ["retention_years"]
    assert IncomingForm({**data, "retention_years": 15}, organization=lgo, user=None).is_valid()
    form = IncomingForm({**data, "retention_class": "forever"}, organization=lgo, user=None)
    assert list(form.errors) == ["retention_class"]


INTENDED_THAI = {
    "DocumentStatus": {"pending_receipt": "รอลงรับ", "draft": "ร่าง", "received": "ลงรับแล้ว", "issued": "ออกเลขแล้ว",
                       "routed": "ระหว่างดำเนินการ", "done": "ดำเนินการแล้ว", "filed": "เก็บเข้าแฟ้มแล้ว",
                       "destroyed": "ทำลายแล้ว"},
    "EventKind": {"created": "สร้าง", "status": "เปลี่ยนสถานะ", "routed": "ส่งต่อ", "acknowledged": "รับทราบ",
                  "endorsed": "เกษียน/สั่งการ", "issued": "ลงนามและออกเลข", "sent": "ส่งถึง อปท. อื่น",
                  "destroyed": "ทำลาย"},
    "RoutingStatus": {"pending": "ยังไม่เปิดอ่าน", "acknowledged": "รับทราบแล้ว", "done": "ดำเนินการแล้ว"},
    "DestructionStatus": {"draft": "รอคณะกรรมการ", "approved": "คณะกรรมการเห็นชอบแล้ว", "destroyed": "ทำลายแล้ว"},
}


def test_every_status_and_event_label_is_saraban_thai(client, lgo, clerk, officer, incoming):
    """Item 10: "Received", "Issued", "Created" are msgids other apps translate ("รับเรื่องเมื่อ", "ออกเมื่อ",
    "สร้างเมื่อ"); saraban's carry their own context, and item 15: a status change says from what to what."""
    from django.template import Context, Template
    from django.utils import translation

    from saraban import constants

    template = Template("{% for value, label in choices %}{{ value }}={{ label }}|{% endfor %}")
    with translation.override("th"):
        for name, intended in INTENDED_THAI.items():
            rendered = template.render(Context({"choices": getattr(constants, name).choices}))
            assert dict(pair.split("=") for pair in rendered.strip("|").split("|")) == intended, name
    document = incoming(subject="ขอเชิญประชุมสภา")
    services.route(document=document, user=clerk, departments=[lgo.departments.get(code="finance")])
    login(client, officer)
    page = client.get(reverse("saraban:document", args=[document.pk])).content.decode()
    assert "<dd>ระหว่างดำเนินการ</dd>" in page
    assert "· เปลี่ยนสถานะ: ลงรับแล้ว → ระหว่างดำเนินการ" in page and "· สร้าง: " in page


def test_file_type_and_size_errors_show_at_the_file_field(client, clerk, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, clerk)
    data = {"sender": "จังหวัดเชียงราย", "subject": "ขอความร่วมมือ", "kind": "external", "urgency": "normal",
            "secrecy": "normal", "retention_class": "ten_years",
            "pdf": SimpleUploadedFile("letter.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"),
            "attachment": SimpleUploadedFile("list.pdf", b"#!/bin/sh\necho hi\n", content_type="application/pdf")}
    response = client.post(reverse("saraban:incoming_new"), data)
    form = response.context["form"]
    assert response.status_code == 400 and set(form.errors) == {"pdf", "attachment"}
    assert not Document.objects.exists()
    monkeypatch.setattr(services, "MAX_FILE_BYTES", 10)
    compose = client.post(reverse("saraban:compose"), {
        "letter_format": "external", "urgency": "normal", "secrecy": "normal", "recipient": "นายอำเภอ",
        "salutation": "นายอำเภอ", "subject": "ขอส่งรายงาน", "body": "ข้อความ", "retention_class": "ten_years",
        "attachment": SimpleUploadedFile("report.pdf", b"%PDF-1.4\n" + b"0" * 100, content_type="application/pdf")})
    assert compose.status_code == 400 and list(compose.context["form"].errors) == ["attachment"]


def test_an_empty_destruction_list_does_not_block_its_year(lgo, clerk, incoming):
    import datetime as dt

    import time_machine
    from django.core.exceptions import ValidationError

    from saraban.models import DestructionList

    with pytest.raises(ValidationError) as refused:  # nothing past retention: no empty list is made
        services.prepare_destruction_list(organization=lgo, user=clerk, be_year=2566)
    assert "year" in refused.value.error_dict and not DestructionList.objects.exists()
    empty = DestructionList.objects.create(organization=lgo, year=2566, created_by=clerk)  # as made before the fix
    with time_machine.travel(dt.datetime(2022, 3, 1, 10, 0), tick=False):
        old = incoming(subject="หนังสือครบกำหนดทำลาย", retention_class="one_year", dated=dt.date(2022, 2, 1))
    assert services.prepare_destruction_list(organization=lgo, user=clerk, be_year=2566) == empty
    assert list(empty.documents.all()) == [old]


def test_demo_addresses_a_municipality_to_its_mayor(org_a, org_b):
    from saraban.demo import executive_title

    org_a.name_th = "เทศบาลตำบลหนองแก้ว"
    assert executive_title(org_a) == "นายกเทศมนตรีตำบลหนองแก้ว"
    assert executive_title(org_b) == "นายกองค์การบริหารส่วนตำบลบี"


def test_search_takes_the_printed_number_and_shows_the_register(client, lgo, clerk, head, incoming, draft):
    """Item 12: "241/2569" as printed finds the entry in either box; a register column tells รับ 1 from ส่ง 1."""
    from core.thai import THAI_DIGITS

    received = incoming(subject="หนังสือรับฉบับแรกของปี")
    services.issue(document=draft(subject="หนังสือส่งฉบับแรกของปี"), user=head, password=head.plain_password)
    incoming(subject="หนังสือรับฉบับที่สอง")
    login(client, clerk)
    printed = received.register_label
    for params in ({"q": printed}, {"number": printed}, {"q": printed.translate(THAI_DIGITS)}):
        page = client.get(reverse("saraban:search"), params).content.decode()
        assert "หนังสือรับฉบับแรกของปี" in page and "หนังสือส่งฉบับแรกของปี" in page, params
        assert "หนังสือรับฉบับที่สอง" not in page and "<th>ทะเบียน</th>" in page
        assert "<td>รับ</td>" in page and "<td>ส่ง</td>" in page
    only_incoming = client.get(reverse("saraban:search"), {"q": f"รับ {printed}"}).content.decode()
    assert "หนังสือรับฉบับแรกของปี" in only_incoming and "หนังสือส่งฉบับแรกของปี" not in only_incoming
    refused = client.get(reverse("saraban:search"), {"number": "สองร้อย"})
    assert "241/2569" in refused.content.decode() and refused.context["form"].errors["number"]


@pytest.mark.parametrize(("query", "whole", "inside"), [
    ("ลูก", "ขอรับเงินช่วยเหลือค่าเล่าเรียนลูกของพนักงาน", "ขออนุญาตก่อสร้างสิ่งปลูกสร้างชั่วคราว"),
    ("ทางการ", "ขอให้แจ้งทางการจังหวัดทราบ", "แจ้งแนวทางการจัดเก็บภาษีป้าย"),
])
def test_whole_words_are_ranked_before_words_inside_words(client, clerk, incoming, query, whole, inside):
    """Item 13: both are found (Thai compounds), the whole word first although the other letter is newer."""
    import datetime as dt

    incoming(subject=whole, dated=dt.date(2026, 10, 1))
    incoming(subject=inside, dated=dt.date(2026, 11, 20))
    incoming(subject="เรื่องอื่นที่ไม่เกี่ยวข้อง", dated=dt.date(2026, 11, 21))
    login(client, clerk)
    page = client.get(reverse("saraban:search"), {"q": query}).content.decode()
    assert whole in page and inside in page and "เรื่องอื่น" not in page
    assert page.index(whole) < page.index(inside)


def test_text_of_a_received_pdf_is_searched_and_a_scan_says_it_has_none(client, clerk, incoming, pdf_upload):
    """Item 14: words only in the PDF find the letter; a scanned image has no text layer and the page says so."""
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    with_text = incoming(subject="หนังสือแจ้งข่าวทั่วไป", pdf=pdf_upload())  # the PDF says ขอเชิญประชุมคณะกรรมการ
    scan = io.BytesIO()
    Image.new("RGB", (600, 800), "white").save(scan, format="PDF")
    scanned = incoming(subject="หนังสือสแกนจากกระดาษ",
                       pdf=SimpleUploadedFile("scan.pdf", scan.getvalue(), content_type="application/pdf"))
    login(client, clerk)
    page = client.get(reverse("saraban:search"), {"q": "ประชุมคณะกรรมการ"}).content.decode()
    assert with_text.subject in page and scanned.subject not in page
    assert scanned.file_text == "" and with_text.file_text
    detail = client.get(reverse("saraban:document", args=[scanned.pk])).content.decode()
    assert "ไม่มีข้อความ" in detail
    assert "ไม่มีข้อความ" not in client.get(reverse("saraban:document", args=[with_text.pk])).content.decode()
