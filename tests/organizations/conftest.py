"""Fixtures for the organizations tests: an image and a document in an LGO's own collection."""

from __future__ import annotations

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model


@pytest.fixture
def make_image():
    def factory(organization, title: str, uploaded_by=None):
        buffer = io.BytesIO()
        PILImage.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
        return get_image_model().objects.create(
            title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"{title}.png"),
            collection=organization.collection, uploaded_by_user=uploaded_by,
        )

    return factory


@pytest.fixture
def make_document():
    def factory(organization, title: str, uploaded_by=None):
        return get_document_model().objects.create(
            title=title, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name=f"{title}.pdf"),
            collection=organization.collection, uploaded_by_user=uploaded_by,
        )

    return factory
