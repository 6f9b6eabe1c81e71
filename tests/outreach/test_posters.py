"""Posters and table cards: rendered PDFs rasterised, their QR codes decoded to the right absolute address for the
host, and their Thai read back exactly from the text layer."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from core.pdf import extract_text
from eservices.blocks import RequiredDocumentBlock
from organizations.constants import Role
from outreach import posters, shortlinks

pytestmark = pytest.mark.django_db
needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm not installed (poppler-utils)")


def qr_codes_by_page(pdf: bytes, tmp_path: Path, *, dpi: int = 110) -> list[list[str]]:
    """Every page of `pdf` rasterised (pdftoppm) and its QR codes decoded (zxing-cpp), page by page."""
    import zxingcpp
    from PIL import Image

    (tmp_path / "doc.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", tmp_path / "doc.pdf", tmp_path / "page"], check=True)
    return [sorted(result.text for result in zxingcpp.read_barcodes(Image.open(path)))
            for path in sorted(tmp_path.glob("page*.png"))]


@pytest.fixture
def documented_service(make_service, org_a):
    org_a.phone = "053-123456"
    org_a.office_hours = "จันทร์–ศุกร์ 08:30–16:30 น."
    org_a.save()
    block = RequiredDocumentBlock()
    documents = [("document", block.to_python({"name": name, "copy_kind": "copy", "count": 1}))
                 for name in ("สำเนาบัตรประจำตัวประชาชน", "สำเนาทะเบียนบ้าน")]
    return make_service("ขอรับเบี้ยยังชีพผู้สูงอายุ", summary="ลงทะเบียนรับเบี้ยยังชีพสำหรับผู้ที่อายุครบหกสิบปี",
                        no_documents_required=False, required_documents=documents)


@pytest.fixture
def pr_client(client, make_officer, org_a):
    client.force_login(make_officer(org_a, Role.PR_EDITOR))
    return client


@needs_pdftoppm
@pytest.mark.parametrize("fmt", ["a4", "a5", "cards"])
def test_service_poster_qr_opens_the_short_link_on_this_host_and_its_thai_reads_back(
        pr_client, documented_service, fmt, tmp_path):
    url = reverse("outreach_admin:poster", kwargs={"key": f"service-{documented_service.pk}", "fmt": fmt})
    response = pr_client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    code = shortlinks.encode(documented_service.pk)
    pages = qr_codes_by_page(response.content, tmp_path)
    assert len(pages) == 1
    expected = f"http://testserver/s/{code}/?src=qr"
    assert pages[0] == [expected] * (4 if fmt == "cards" else 1)
    text = extract_text(response.content)
    words = text.split()
    for word in ("เทศบาลตำบลเอ", "ขอรับเบี้ยยังชีพผู้สูงอายุ", f"testserver/s/{code}/", "053-123456"):
        assert word in words, (word, text)
    if fmt != "cards":
        for phrase in ("ลงทะเบียนรับเบี้ยยังชีพสำหรับผู้ที่อายุครบหกสิบปี", "สำเนาบัตรประจำตัวประชาชน",
                       "สำเนาทะเบียนบ้าน", "สิ่งที่ต้องเตรียม", "จันทร์–ศุกร์ 08:30–16:30 น."):
            assert phrase in text, (phrase, text)
    assert "ํา" not in text  # sara am reads as one character, never nikhahit + sara aa


@needs_pdftoppm
def test_a_poster_drawn_on_another_address_points_there(client, make_officer, documented_service, tmp_path):
    client.force_login(make_officer(documented_service.organization, Role.LGO_ADMIN))
    url = reverse("outreach_admin:poster", kwargs={"key": f"service-{documented_service.pk}", "fmt": "a5"})
    response = client.get(url, HTTP_HOST="testserver:8000", secure=True)
    code = shortlinks.encode(documented_service.pk)
    assert qr_codes_by_page(response.content, tmp_path) == [[f"https://testserver:8000/s/{code}/?src=qr"]]


@needs_pdftoppm
def test_bulk_download_has_a_page_per_poster_each_with_its_own_qr(pr_client, documented_service, make_service,
                                                                   org_a, tmp_path):
    second = make_service("ขออนุญาตตัดต้นไม้")
    response = pr_client.get(reverse("outreach_admin:poster", kwargs={"key": "all", "fmt": "a4"}))
    assert response.status_code == 200
    pages = qr_codes_by_page(response.content, tmp_path, dpi=90)
    expected_fixed = ["http://testserver/e-service/?src=qr", "http://testserver/track/?src=qr",
                      "http://testserver/waste-fees/?src=qr", "http://testserver/complaints/new/?src=qr"]
    expected_services = [f"http://testserver/s/{shortlinks.encode(s.pk)}/?src=qr" for s in (documented_service, second)]
    assert [codes[0] for codes in pages] == expected_fixed + expected_services
    text = extract_text(response.content)
    for phrase in ("บริการออนไลน์", "ติดตามสถานะคำขอ", "ชำระค่าธรรมเนียมออนไลน์", "ร้องเรียนและแจ้งซ่อม",
                   "ขออนุญาตตัดต้นไม้"):
        assert phrase in text, phrase


def test_posters_are_for_pr_staff_of_the_lgo_only(client, make_officer, documented_service, org_b):
    url = reverse("outreach_admin:poster", kwargs={"key": f"service-{documented_service.pk}", "fmt": "a4"})
    client.force_login(make_officer(documented_service.organization, Role.OFFICER, department="office"))
    refused = client.get(url)  # Wagtail turns the refusal into a redirect to the dashboard with a message
    assert refused.status_code in (302, 403) and refused.get("Content-Type") != "application/pdf"
    client.force_login(make_officer(org_b, Role.PR_EDITOR))
    assert client.get(url, HTTP_HOST="b.test").status_code == 404  # another LGO's service is not there
    assert client.get(reverse("outreach_admin:posters"), HTTP_HOST="b.test").status_code == 200


def test_poster_list_offers_every_service_and_format(pr_client, documented_service):
    response = pr_client.get(reverse("outreach_admin:posters"))
    assert response.status_code == 200
    html = response.content.decode()
    for fmt in ("a4", "a5", "cards"):
        assert reverse("outreach_admin:poster", kwargs={"key": f"service-{documented_service.pk}", "fmt": fmt}) in html
        assert reverse("outreach_admin:poster", kwargs={"key": "all", "fmt": fmt}) in html
    assert f"testserver/s/{shortlinks.encode(documented_service.pk)}/" in html


def test_the_service_page_in_the_admin_has_poster_buttons(pr_client, documented_service):
    response = pr_client.get(reverse("wagtailadmin_pages:edit", args=[documented_service.pk]))
    assert response.status_code == 200
    assert reverse("outreach_admin:poster", kwargs={"key": f"service-{documented_service.pk}", "fmt": "a4"}) in \
        response.content.decode()


def test_poster_text_is_the_service_and_lgo(documented_service, tmp_path):
    poster = posters.service_poster(documented_service)
    assert poster.title == "ขอรับเบี้ยยังชีพผู้สูงอายุ"
    assert poster.documents == ["สำเนาบัตรประจำตัวประชาชน", "สำเนาทะเบียนบ้าน"]
    assert poster.display_url.startswith("testserver/s/")
    pdf = posters.render_posters([poster], organization=documented_service.organization, fmt="a4")
    for fmt in ("a4", "a5", "cards"):
        (Path("/tmp") / f"outreach-poster-{fmt}.pdf").write_bytes(
            posters.render_posters([poster], organization=documented_service.organization, fmt=fmt))
    assert pdf.startswith(b"%PDF")
