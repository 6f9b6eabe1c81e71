"""Secrecy (issue 10, items 1–2): every saraban page that lists or shows documents goes through the one visibility rule.

A ลับมาก letter is routed to a department (not to a person), cited by an unclassified letter, put on a destruction
list and on the archives handover list, and viewed by its named reader (so the audit log has entries). Then every
saraban URL is opened as officers the rule keeps out (a plain member of the routed department, an executive, an LGO
administrator, an officer of another department): no page, PDF or audit screen may show its subject, sender, ที่ or
a link to it. The URL list is checked against saraban's URLconf, so a page added later must be added here too.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from organizations.constants import Role
from saraban import admin_urls, services
from saraban.constants import RetentionClass, Secrecy
from saraban.models import Routing

from .conftest import pdf_text

pytestmark = pytest.mark.django_db

SUBJECT = "รายงานลับการสอบสวนวินัยนายสมปอง"
SENDER = "สำนักงานตรวจเงินแผ่นดินภูมิภาคที่ 9"
REFERENCE = "สตง 0009/ลับ 77"


def _text(response) -> str:
    """What the reader gets: the page's HTML, or a PDF's text as pdftotext reads it (NFKC on both sides of a
    negative check only makes it stricter)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/pdf"):
        text = pdf_text(content)
    else:
        text = content.decode("utf-8", errors="replace")
    return "".join(unicodedata.normalize("NFKC", text).split())  # a PDF cell wraps a subject over lines


def _leaks(text: str, secret) -> list[str]:
    needles = [SUBJECT, SENDER, REFERENCE, f"/admin/saraban/documents/{secret.pk}/"]
    return [needle for needle in needles if "".join(unicodedata.normalize("NFKC", needle).split()) in text]


@pytest.fixture
def scene(lgo, clerk, head, officer, executive, outsider, make_officer, incoming, pdf_upload):
    lgo_admin = make_officer(lgo, Role.LGO_ADMIN, username="palat")
    finance = lgo.departments.get(code="finance")
    with time_machine.travel(dt.datetime(2004, 3, 1, 10, 0), tick=False):
        secret = incoming(subject=SUBJECT, sender=SENDER, reference_number=REFERENCE, secrecy=Secrecy.SECRET,
                          dated=dt.date(2004, 2, 1), retention_class=RetentionClass.ONE_YEAR, pdf=pdf_upload())
    services._save_attachments(secret, [SimpleUploadedFile("enclosure.pdf", pdf_upload().read(),
                                                           content_type="application/pdf")], clerk)
    services.route(document=secret, user=clerk, departments=[finance])
    Routing.objects.filter(document=secret).update(acknowledge_by=dt.date(2004, 3, 2), due_date=dt.date(2004, 3, 9))
    # An unclassified letter the officers do see, citing the secret one (อ้างถึง).
    citing = incoming(subject="หนังสือตอบกลับเรื่องทั่วไป", references=[secret])
    services.route(document=citing, user=clerk, departments=[finance])
    destruction_list = services.prepare_destruction_list(organization=lgo, user=clerk, be_year=2560)
    return {"secret": secret, "citing": citing, "list": destruction_list, "lgo_admin": lgo_admin,
            "readers": {"officer": officer, "executive": executive, "lgo_admin": lgo_admin, "outsider": outsider}}


def _pages(scene) -> dict[str, list[tuple[str, str, dict]]]:
    """Every saraban URL name → the requests that exercise it (method, url, data)."""
    secret = scene["secret"]
    attachment = secret.attachments.get()
    routing = secret.routings.get()
    number = {"number": secret.number, "year": secret.year}
    doc = [secret.pk]
    return {
        "desk": [("get", reverse("saraban:desk"), {})],
        "desk_tab": [("get", reverse("saraban:desk_tab", args=[tab]), {}) for tab in ("read", "act", "sent")],
        "stalled": [("get", reverse("saraban:stalled"), {})],
        "search": [("get", reverse("saraban:search"), query) for query in (
            {"q": "สอบสวนวินัย"}, number, {"sender": "ตรวจเงินแผ่นดิน"}, {"reference_number": "0009"},
            {"q": f"{secret.number}/{secret.year}"})],
        "registers": [("get", reverse("saraban:registers"), {})],
        "register": [("get", reverse("saraban:register", args=["incoming"]), {})],
        "register_pdf": [("get", reverse("saraban:register_pdf", args=["incoming"]), {})],
        "incoming_new": [("get", reverse("saraban:incoming_new"), {})],
        "pending": [("get", reverse("saraban:pending"), {})],
        "compose": [("get", reverse("saraban:compose"), {}),
                    ("post", reverse("saraban:compose"), {
                        "letter_format": "external", "urgency": "normal", "secrecy": "normal",
                        "recipient": "นายอำเภอ", "subject": "ขอส่งรายงาน", "salutation": "นายอำเภอ",
                        "body": "ข้อความ", "retention_class": "ten_years",
                        "references": f"รับ {secret.number}/{secret.year}"})],
        "document": [("get", reverse("saraban:document", args=doc), {}),
                     ("get", reverse("saraban:document", args=[scene["citing"].pk]), {})],
        "document_edit": [("get", reverse("saraban:document_edit", args=doc), {})],
        "letter_preview": [("get", reverse("saraban:letter_preview", args=doc), {})],
        "letter_issue": [("post", reverse("saraban:letter_issue", args=doc), {"password": "x"})],
        "document_route": [("post", reverse("saraban:document_route", args=doc), {"instruction": "action"})],
        "document_endorse": [("post", reverse("saraban:document_endorse", args=doc), {"kind": "opinion",
                                                                                       "text": "ทราบ"})],
        "document_file_away": [("post", reverse("saraban:document_file_away", args=doc), {})],
        "document_receive": [("post", reverse("saraban:document_receive", args=doc), {})],
        "document_file": [("get", reverse("saraban:document_file", args=[secret.pk, which]), {})
                          for which in ("original", "stamped", "letter")],
        "attachment": [("get", reverse("saraban:attachment", args=[attachment.pk]), {})],
        "routing_acknowledge": [("post", reverse("saraban:routing_acknowledge", args=[routing.pk]), {})],
        "routing_complete": [("post", reverse("saraban:routing_complete", args=[routing.pk]), {"action": "x"})],
        "retention": [("get", reverse("saraban:retention"), {})],
        "archives": [("get", reverse("saraban:archives"), {}), ("get", reverse("saraban:archives"),
                                                                {"format": "pdf"})],
        "destruction_list": [("get", reverse("saraban:destruction_list", args=[scene["list"].pk]), {})],
        "destruction_list_pdf": [("get", reverse("saraban:destruction_list_pdf", args=[scene["list"].pk]), {})],
        # Destroying is the committee's approved act on the whole list; it shows nothing and is not tried here.
        "destruction_list_destroy": [],
    }


def test_an_unauthorised_officer_sees_nothing_of_a_classified_letter(client, scene, head, clerk):
    secret = scene["secret"]
    pages = _pages(scene)
    assert set(pages) == {pattern.name for pattern in admin_urls.urlpatterns}, "a saraban page is not checked here"
    # The named reader opens it (the audit log gets entries an LGO administrator can read).
    client.force_login(head)
    assert SUBJECT in _text(client.get(reverse("saraban:document", args=[secret.pk])))
    assert SUBJECT in _text(client.get(reverse("saraban:desk")))
    client.force_login(clerk)
    assert SUBJECT in _text(client.get(reverse("saraban:register_pdf", args=["incoming"])))  # the PDF check works
    leaks = []
    for reader_name, reader in scene["readers"].items():
        client.force_login(reader)
        for name, requests in pages.items():
            for method, url, data in requests:
                response = getattr(client, method)(url, data)
                found = _leaks(_text(response), secret)
                if found:
                    leaks.append((reader_name, name, url, data, found))
        for url in (reverse("wagtailadmin_home"), "/admin/audit-log/", f"/admin/audit-log/?q={secret.pk}"):
            response = client.get(url)
            found = _leaks(_text(response), secret)
            if found:
                leaks.append((reader_name, "admin", url, {}, found))
    assert leaks == []
    secret.refresh_from_db()
    assert secret.routings.get().acknowledged_at is None and not secret.endorsements.exists()
