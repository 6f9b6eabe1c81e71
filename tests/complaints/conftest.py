"""Fixtures for complaints: photos made in memory (with and without EXIF GPS) and a helper to file reports."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def jpeg(*, gps: tuple[float, float] | None = None, size: tuple[int, int] = (2400, 1800), colour=(120, 90, 60),
         name: str = "photo.jpg") -> SimpleUploadedFile:
    """A JPEG like a phone's: large, with camera EXIF and, when given, a GPS position."""
    image = Image.new("RGB", size, colour)
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "SecretPhone 9"  # Model
    if gps is not None:
        def dms(value: float) -> tuple:
            value = abs(value)
            degrees = int(value)
            minutes = int((value - degrees) * 60)
            seconds = round(((value - degrees) * 60 - minutes) * 60, 4)
            return (degrees, minutes, seconds)
        exif[0x8825] = {1: "N" if gps[0] >= 0 else "S", 2: dms(gps[0]), 3: "E" if gps[1] >= 0 else "W",
                        4: dms(gps[1])}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.fixture(autouse=True)
def _thai_by_default():
    from django.utils import translation

    translation.activate("th")
    yield
    translation.deactivate()


@pytest.fixture
def category(org_a):
    from complaints.models import Category

    return Category.objects.for_organization(org_a).get(code="lights")


@pytest.fixture
def file(org_a, category) -> Callable:
    from complaints.services import file_report

    counter = {"n": 0}

    def factory(**kwargs):
        counter["n"] += 1
        values = {"organization": org_a, "category": category, "description": "ไฟถนนดับ 3 ต้น หน้าวัด",
                  "idempotency_key": f"test-{counter['n']}", "name": "สมหญิง รักดี", "phone": "0812345678",
                  "email": "somying@example.com", "latitude": "19.910000", "longitude": "99.840000"}
        values.update(kwargs)
        return file_report(**values)

    return factory
