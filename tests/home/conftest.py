"""Fixtures for the public website: an LGO with its default tree, news with generated images, a clean page cache."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images.models import Image

from home.constants import NewsCategory
from home.defaults import create_default_pages
from home.models import NewsIndexPage, NewsPage


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def make_image(title: str = "ภาพทดสอบ", size: tuple[int, int] = (1200, 800), colour=(30, 90, 160)) -> Image:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG", quality=80)
    return Image.objects.create(title=title, description=f"คำอธิบาย {title}",
                                file=ImageFile(buffer, name="test.jpg"))


@pytest.fixture
def site_a(org_a):
    """LGO A on testserver with the default tree (create_default_pages is idempotent, so calling it again is safe)."""
    create_default_pages(org_a)
    return org_a


@pytest.fixture
def news_index(site_a) -> NewsIndexPage:
    return NewsIndexPage.objects.get(locale__language_code="th", url_path__startswith=site_a.site.root_page.url_path)


@pytest.fixture
def add_news(news_index) -> Callable[..., NewsPage]:
    def factory(title: str = "ข่าวทดสอบ", *, date: dt.date | None = None, category: str = NewsCategory.NEWS,
                image: Image | None = None, parent: NewsIndexPage | None = None, **fields) -> NewsPage:
        page = NewsPage(title=title, date=date or dt.date(2026, 11, 20), category=category, image=image,
                        summary=fields.pop("summary", f"สรุป {title}"), **fields)
        (parent or news_index).add_child(instance=page)
        page.save_revision().publish()
        return page

    return factory
