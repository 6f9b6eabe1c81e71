"""Officer pages through the real stack: secrecy, LGO isolation, search in Thai, query bounds, forms."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from core.models import AuditAction, AuditLog
from saraban import services
from saraban.constants import TOP_SECRET, DocumentStatus, Register, Secrecy
from saraban.models import Document

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


def test_register_list_query_count_is_bounded(client, clerk, incoming, django_assert_max_num_queries):
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
    counts()  # warm per-process caches (content types, site root paths) so only the rows differ below
    few = counts()
    for index in range(27):
        incoming(subject=f"หนังสือลับเรื่องที่ {index}", secrecy=Secrecy.CONFIDENTIAL if index % 3 else Secrecy.NORMAL)
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
