"""The LGO's Garuda (ตราครุฑ): uploaded once by its administrator, checked, kept private, printed at the regulation's
sizes on every letter kind (3 cm: external letters, orders, announcements; 1.5 cm: memos)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.files import private_storage
from organizations.constants import Role
from organizations.models import Organization

pytestmark = pytest.mark.django_db


def png(width: int = 300, height: int = 360, colour: str = "black") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def client_a(client, org_a, make_officer):
    client.force_login(make_officer(org_a, Role.LGO_ADMIN, username="aaa-admin"))
    return client


def profile_data(org: Organization, **extra) -> dict:
    return {
        "name_th": org.name_th, "name_en": "A", "kind": org.kind, "subdistrict": "", "district": "เมือง",
        "province": "เชียงราย", "address": "", "postcode": "57000", "phone": "053000000", "email": "",
        "office_hours": "จันทร์–ศุกร์", "office_opens": "08:30", "office_closes": "16:30",
        "tax_id": "", "biller_id": "", "document_prefix": "ชร 1", "logo": "", **extra,
    }


def test_administrator_uploads_the_garuda_once_and_it_is_kept_private(client_a, org_a):
    url = reverse("lgo_profile:edit", args=[org_a.pk])
    upload = SimpleUploadedFile("ครุฑ.png", png(), content_type="image/png")
    assert client_a.post(url, profile_data(org_a, garuda=upload)).status_code == 302
    org_a.refresh_from_db()
    name = org_a.garuda.name
    assert name.startswith("organizations/garuda/") and name.endswith(".png") and "ครุฑ" not in name
    assert private_storage().exists(name)
    assert client_a.get(f"/media/{name}").status_code == 404  # private: no public URL reaches it
    page = client_a.get(url).content.decode()
    assert "data:image/png;base64," in page  # shown inline on the profile, not linked
    # Saving the profile again without a new file keeps it.
    assert client_a.post(url, profile_data(org_a, name_en="AA")).status_code == 302
    org_a.refresh_from_db()
    assert org_a.garuda.name == name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("garuda.png", b"MZ\x90\x00 not an image at all", "เป็นชนิดที่ไม่รับ"),
        ("garuda.pdf", b"%PDF-1.4\n%%EOF\n", "เป็นชนิดที่ไม่รับ"),
        ("garuda.png", png(100, 120), "120 พิกเซล"),
        ("garuda.png", png(1200, 400) + b"\x00" * (2 * 1024 * 1024), "2 MB"),
    ],
    ids=["renamed-executable", "pdf", "too-small", "too-large"],
)
def test_bad_garuda_is_refused_in_thai_and_nothing_is_stored(client_a, org_a, name, content, message):
    url = reverse("lgo_profile:edit", args=[org_a.pk])
    response = client_a.post(url, profile_data(org_a, garuda=SimpleUploadedFile(name, content)))
    assert response.status_code == 200
    assert message in response.content.decode()
    org_a.refresh_from_db()
    assert not org_a.garuda


def test_another_lgos_administrator_cannot_replace_it(client, org_a, org_b, make_officer):
    client.force_login(make_officer(org_b, Role.LGO_ADMIN, username="bbb-admin"))
    url = reverse("lgo_profile:edit", args=[org_a.pk])
    upload = SimpleUploadedFile("g.png", png(), content_type="image/png")
    assert client.post(url, profile_data(org_a, garuda=upload)).status_code == 404
    org_a.refresh_from_db()
    assert not org_a.garuda
