"""Page addresses that keep Thai vowel and tone marks.

Thai writes its above/below vowels and tone marks (ั ิ ี ึ ื ุ ู ็ ่ ้ ๊ ๋ ์ …) as combining characters (Unicode category
Mn). Python's and JavaScript's "word character" classes leave them out, so Django's `slugify`, Django's unicode slug
validator, Wagtail's slug script and Wagtail's page URL pattern all drop or refuse them: "ขอรับน้ำอุปโภคบริโภค" became
"ขอรบนำอปโภคบรโภค", which no Thai reader can read. The four must change together, or a slug typed in the admin
would be refused on save, or saved and then 404 when served. `install()` (called from `core.apps`) points each of them
at the functions here; `THAI_SLUG_SERVE_PATTERN` is used by `config/urls.py` in place of Wagtail's own pattern, and
`static/core/js/thai-slug.js` teaches Wagtail's slug field the same rule in the browser.
"""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.core import validators as django_validators
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

#: Thai combining marks: mai han-akat, sara i…phinthu, mai taikhu…yamakkan (everything of category Mn in the block).
THAI_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"

_SLUG_RE = re.compile(rf"^[-\w{THAI_MARKS}]+\Z")
_STRIP_RE = re.compile(rf"[^\w\s{THAI_MARKS}-]")
_DASHES_RE = re.compile(r"[-\s]+")

#: Wagtail's serve pattern (`wagtail.urls`) with Thai marks allowed in each path segment.
THAI_SLUG_SERVE_PATTERN = rf"^((?:[\w\-{THAI_MARKS}]+/)*)$"

validate_thai_slug = RegexValidator(
    _SLUG_RE,
    _("Enter a valid address: letters (Thai or English, with their vowel and tone marks), numbers, "
      "hyphens or underscores."),
    "invalid",
)


def slugify_thai(value: object) -> str:
    """Django's `slugify(allow_unicode=True)`, keeping Thai vowel and tone marks.

    NFC keeps sara am (ำ) one character, as a citizen types it, so the address reads and matches as written.
    """
    text = unicodedata.normalize("NFC", str(value))
    text = _STRIP_RE.sub("", text.lower())
    return _DASHES_RE.sub("-", text).strip("-_")


class ThaiSlugFormField(forms.SlugField):
    """The admin's slug field: Django's unicode slug field with Thai marks allowed."""

    def __init__(self, **kwargs) -> None:
        kwargs["allow_unicode"] = True
        super().__init__(**kwargs)
        self.validators = [
            validate_thai_slug if v is django_validators.validate_unicode_slug else v for v in self.validators
        ]

    def clean(self, value):
        return super().clean(unicodedata.normalize("NFC", value) if isinstance(value, str) else value)


def install() -> None:
    """Point Wagtail's page slug (model validation, admin form field, auto-generated slug) at the Thai-aware rule."""
    from django.db import models
    from wagtail.admin import widgets
    from wagtail.admin.forms.models import register_form_field_override
    from wagtail.models import Page
    from wagtail.models import pages as wagtail_pages

    field = Page._meta.get_field("slug")
    field.default_validators = [validate_thai_slug]
    field._validators = [v for v in field._validators if v is not django_validators.validate_unicode_slug]
    field.__dict__.pop("validators", None)  # a cached_property: computed again from the lists above
    register_form_field_override(
        models.SlugField, override={"form_class": ThaiSlugFormField, "widget": widgets.SlugInput}
    )
    wagtail_pages.slugify = _wagtail_slugify


def _wagtail_slugify(value: object, allow_unicode: bool = False) -> str:
    """Stands in for `django.utils.text.slugify` inside `wagtail.models.pages` (a slug made from the title)."""
    if allow_unicode:
        return slugify_thai(value)
    from django.utils.text import slugify

    return slugify(value)
