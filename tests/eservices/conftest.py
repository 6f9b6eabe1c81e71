"""Fixtures for e-service tests: a catalogue under org_a's home page and services with multi-step forms."""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from eservices.constants import DocumentKind, FeePoint, ServiceCategory
from eservices.forms.definition import question
from eservices.models import ServiceIndexPage, ServicePage
from eservices.services import Applicant, idempotency_key, submit

VALID_ID = "1101700230708"  # checksum-valid test number


def field(kind: str, key: str, label: str, requirement: str = "required", **extra) -> tuple[str, dict]:
    return (kind, question(kind, key, label, requirement, **extra))


def step(title: str, *fields: tuple[str, dict], show_if_field: str = "", show_if_value: str = "") -> tuple:
    return ("step", {"title": title, "description": "", "fields": list(fields), "show_if_field": show_if_field,
                     "show_if_value": show_if_value})


def standard_steps() -> list:
    """Three steps: applicant, request (with a conditional step after it), upload + declaration."""
    return [
        step("ข้อมูลผู้ยื่นคำขอ",
             field("short_text", "applicant_name", "ชื่อ-นามสกุล", applicant_role="name"),
             field("national_id", "national_id", "เลขประจำตัวประชาชน", applicant_role="national_id"),
             field("phone", "phone", "เบอร์โทรศัพท์", applicant_role="phone"),
             field("email", "email", "อีเมล", "soft", applicant_role="email"),
             field("address", "address", "ที่อยู่")),
        step("รายละเอียดคำขอ",
             field("choice", "need", "ต้องการน้ำสำหรับ", style="radios", options="อุปโภคบริโภค\nการเกษตร"),
             field("number", "litres", "ปริมาณ (ลิตร)", min_value=None, max_value=Decimal("20000"),
                   decimal_places=0, unit="ลิตร"),
             field("date", "wanted_on", "วันที่ต้องการ", "optional", date_range="any")),
        step("ข้อมูลการเกษตร",
             field("long_text", "crops", "พืชที่ปลูก", max_length=500),
             show_if_field="need", show_if_value="การเกษตร"),
        step("เอกสารและคำรับรอง",
             field("file", "house_registration", "สำเนาทะเบียนบ้าน",
                   allowed_types=["application/pdf", "image/jpeg", "image/png"], max_size_mb=1, max_count=2),
             field("location", "place", "จุดส่งน้ำ", "optional"),
             field("declaration", "truthful", "ข้าพเจ้าขอรับรองว่าข้อมูลเป็นความจริง")),
    ]


@pytest.fixture(autouse=True)
def _thai_by_default():
    """Each test starts in Thai: a request to /en/ leaves English active in the thread (LocaleMiddleware never
    deactivates), which would otherwise leak into the next test's reverse() calls."""
    from django.utils import translation

    translation.activate("th")
    yield
    translation.deactivate()


@pytest.fixture
def catalogue(org_a) -> ServiceIndexPage:
    home = org_a.site.root_page.specific
    index = ServiceIndexPage(title="บริการออนไลน์", slug="e-service")
    home.add_child(instance=index)
    return index


@pytest.fixture
def make_service(catalogue, org_a) -> Callable[..., ServicePage]:
    def factory(title: str = "ขอรับบริการน้ำอุปโภคบริโภค", *, parent: ServiceIndexPage | None = None,
                **kwargs) -> ServicePage:
        organization = kwargs.pop("organization", org_a)
        defaults = dict(
            title=title, slug=kwargs.pop("slug", None) or f"svc-{ServicePage.objects.count() + 1}",
            summary="ขอรถบรรทุกน้ำ", category=ServiceCategory.PUBLIC, process_name=title,
            department=organization.departments.get(code="office"), time_limit_days=5, total_time_days=5,
            no_documents_required=True, online_filing=True, form_steps=standard_steps(),
        )
        defaults.update(kwargs)
        page = ServicePage(**defaults)
        (parent or catalogue).add_child(instance=page)
        return page

    return factory


@pytest.fixture
def service(make_service) -> ServicePage:
    return make_service()


@pytest.fixture
def fee_service(make_service) -> ServicePage:
    return make_service("ขอหนังสือรับรอง", fee_point=FeePoint.ON_APPROVAL, fee_amount=Decimal("50.00"),
                        issues_document=DocumentKind.CERTIFICATE, document_validity_days=365)


GOOD_ANSWERS = {
    "applicant_name": "นางสมศรี มีสุข", "national_id": VALID_ID, "phone": "0812345678", "email": "somsri@example.com",
    "address": {"line": "12 หมู่ 3", "subdistrict": "ริมกก", "district": "เมืองเชียงราย", "province": "เชียงราย",
                "postcode": "57100"},
    "need": "อุปโภคบริโภค", "litres": "2000", "wanted_on": None, "place": None, "truthful": True,
}


@pytest.fixture
def file_case(service) -> Callable[..., object]:
    """File a case through services.submit (the stored file counts as the upload)."""
    counter = {"n": 0}

    def factory(svc: ServicePage | None = None, answers: dict | None = None, **kwargs):
        from eservices.services import StoredFile

        counter["n"] += 1
        answers = dict(GOOD_ANSWERS if answers is None else answers)
        files = kwargs.pop("files", [StoredFile(field_key="house_registration", path="eservices/test/x.pdf",
                                                name="ทะเบียนบ้าน.pdf", mime_type="application/pdf", size=10)])
        return submit(service=svc or service, answers=answers, files=files,
                      idempotency_key=idempotency_key(f"session-{counter['n']}", answers), **kwargs)

    return factory


def pdf_bytes() -> bytes:
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n")


def png_bytes() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


def upload(name: str = "doc.pdf", content: bytes | None = None, content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content if content is not None else pdf_bytes(), content_type=content_type)


__all__ = ["VALID_ID", "Applicant", "field", "step", "upload"]
