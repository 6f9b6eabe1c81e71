"""The built-in field types. Each is registered once, on import, in the registry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from core import thai
from core.files import DEFAULT_ALLOWED, KNOWN_TYPES

from ..constants import ChoiceStyle, DateRange
from . import fields
from .registry import FieldType, register

FILE_TYPE_CHOICES = [
    ("application/pdf", "PDF"),
    ("image/jpeg", "JPEG"),
    ("image/png", "PNG"),
    ("image/webp", "WebP"),
    ("image/heic", "HEIC"),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word (DOCX)"),
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel (XLSX)"),
]


def options_of(spec: dict[str, Any]) -> list[str]:
    """The choices an editor typed, one per line, blanks and duplicates dropped (order kept)."""
    seen: dict[str, None] = {}
    for line in str(spec.get("options", "")).splitlines():
        if line.strip():
            seen.setdefault(line.strip(), None)
    return list(seen)


class ShortText(FieldType):
    name, label, icon = "short_text", _("Short text"), "pilcrow"

    def option_blocks(self):
        return [("max_length", blocks.IntegerBlock(label=_("Maximum characters"), default=200, min_value=1,
                                                    max_value=1000))]

    def formfield(self, spec, *, required):
        return forms.CharField(required=required, max_length=int(spec.get("max_length") or 200),
                               widget=forms.TextInput(attrs={"class": "input"}))


class LongText(FieldType):
    name, label, icon = "long_text", _("Long text"), "doc-full"

    def option_blocks(self):
        return [("max_length", blocks.IntegerBlock(label=_("Maximum characters"), default=3000, min_value=1,
                                                    max_value=20000))]

    def formfield(self, spec, *, required):
        return forms.CharField(required=required, max_length=int(spec.get("max_length") or 3000),
                               widget=forms.Textarea(attrs={"rows": 5, "class": "textarea"}))


class Number(FieldType):
    name, label, icon = "number", pgettext_lazy("numeric value", "Number"), "plus-inverse"

    def option_blocks(self):
        return [
            ("min_value", blocks.DecimalBlock(label=_("Smallest allowed"), required=False)),
            ("max_value", blocks.DecimalBlock(label=_("Largest allowed"), required=False)),
            ("decimal_places", blocks.IntegerBlock(label=_("Decimal places"), default=0, min_value=0, max_value=6)),
            ("unit", blocks.CharBlock(label=_("Unit shown after the answer"), required=False, max_length=30)),
        ]

    def formfield(self, spec, *, required):
        places = int(spec.get("decimal_places") or 0)
        min_value = Decimal(str(spec["min_value"])) if spec.get("min_value") not in (None, "") else None
        max_value = Decimal(str(spec["max_value"])) if spec.get("max_value") not in (None, "") else None
        field = forms.DecimalField(
            required=required, min_value=min_value, max_value=max_value, decimal_places=places, max_digits=18,
            error_messages={
                "invalid": _("Enter a number, for example 12."),
                "min_value": _("Enter a number of at least %(limit_value)s."),
                "max_value": _("Enter a number of at most %(limit_value)s."),
                "max_decimal_places": _("Enter at most %(max)s digits after the decimal point."),
                # Forms written in code (service kinds) may explain a limit the law sets, e.g. where to go instead.
                **({"min_value": spec["min_message"]} if spec.get("min_message") else {}),
                **({"max_value": spec["max_message"]} if spec.get("max_message") else {}),
            },
            widget=forms.TextInput(attrs={"inputmode": "decimal" if places else "numeric", "class": "input"}),
        )
        return field

    def to_answer(self, value, spec):
        return None if value is None else str(value)

    def display(self, answer, spec):
        if answer in (None, ""):
            return ""
        try:
            number = Decimal(str(answer))
        except InvalidOperation:
            return str(answer)
        unit = spec.get("unit") or ""
        return f"{number:,} {unit}".strip()


class Date(FieldType):
    name, label, icon = "date", _("Date"), "date"

    def option_blocks(self):
        return [("date_range", blocks.ChoiceBlock(label=_("Allowed dates"), choices=DateRange.choices,
                                                  default=DateRange.ANY))]

    def formfield(self, spec, *, required):
        return fields.ThaiDateField(required=required, date_range=spec.get("date_range") or DateRange.ANY)

    def to_answer(self, value, spec):
        return value.isoformat() if value else None

    def to_initial(self, answer, spec):
        return dt.date.fromisoformat(answer) if answer else None

    def display(self, answer, spec):
        return thai.thai_date(dt.date.fromisoformat(answer)) if answer else ""


class Choice(FieldType):
    name, label, icon = "choice", _("Choice"), "list-ul"

    def option_blocks(self):
        return [
            ("style", blocks.ChoiceBlock(label=_("Shown as"), choices=ChoiceStyle.choices,
                                         default=ChoiceStyle.RADIOS)),
            ("options", blocks.TextBlock(label=_("Options, one per line"))),
        ]

    is_group = True  # radios and checkboxes need a fieldset; a select does not, but a legend does no harm

    def first_input_suffix(self, spec):
        return "" if spec.get("style") == ChoiceStyle.SELECT else "_0"

    def formfield(self, spec, *, required):
        choices = [(option, option) for option in options_of(spec)]
        style = spec.get("style") or ChoiceStyle.RADIOS
        # Each message names its question: an error summary of three "Choose an option." cannot be told apart.
        question = {"question": spec.get("label", "")}
        messages = {"invalid_choice": gettext("Choose one of the options for “%(question)s”.") % question,
                    "required": gettext("Choose an answer for “%(question)s”.") % question}
        if style == ChoiceStyle.CHECKBOXES:
            return forms.MultipleChoiceField(required=required, choices=choices, error_messages={
                "invalid_choice": gettext("Choose from the options given for “%(question)s”.") % question,
                "required": gettext("Choose at least one answer for “%(question)s”.") % question,
            }, widget=fields.CheckboxList())
        if style == ChoiceStyle.SELECT:
            return forms.ChoiceField(required=required, choices=[("", gettext("– choose –")), *choices],
                                     error_messages=messages, widget=forms.Select(attrs={"class": "select"}))
        return forms.ChoiceField(required=required, choices=choices, error_messages=messages,
                                 widget=fields.RadioList())

    def to_answer(self, value, spec):
        return list(value) if isinstance(value, list | tuple) else (value or "")

    def display(self, answer, spec):
        if isinstance(answer, list):
            return ", ".join(answer)
        return str(answer or "")


class NationalID(FieldType):
    name, label, icon = "national_id", _("Thai national ID"), "user"

    def formfield(self, spec, *, required):
        return fields.ThaiNationalIDField(required=required)

    def display(self, answer, spec):
        value = str(answer or "")
        if len(value) == 13:
            return f"{value[0]}-{value[1:5]}-{value[5:10]}-{value[10:12]}-{value[12]}"
        return value


class Phone(FieldType):
    name, label, icon = "phone", _("Thai phone number"), "mobile-alt"

    def formfield(self, spec, *, required):
        return fields.ThaiPhoneField(required=required)

    def display(self, answer, spec):
        return thai.format_phone(str(answer)) if answer else ""


class Email(FieldType):
    name, label, icon = "email", _("E-mail address"), "mail"

    def formfield(self, spec, *, required):
        return forms.EmailField(
            required=required, max_length=254,
            error_messages={"invalid": _("Enter an e-mail address like name@example.com.")},
            widget=forms.EmailInput(attrs={"autocomplete": "email", "class": "input", "spellcheck": "false"}),
        )


class Address(FieldType):
    name, label, icon, is_group = "address", _("Thai address"), "home", True

    def first_input_suffix(self, spec):
        return "_line"

    def formfield(self, spec, *, required):
        return fields.ThaiAddressField(required=required)

    def display(self, answer, spec):
        if not answer:
            return ""
        prefix = gettext("Subdistrict"), gettext("District"), gettext("Province")
        parts = [answer.get("line", "")]
        for label, key in zip(prefix, ("subdistrict", "district", "province"), strict=True):
            if answer.get(key):
                parts.append(f"{label} {answer[key]}")
        parts.append(answer.get("postcode", ""))
        return " ".join(p for p in parts if p)


class Location(FieldType):
    name, label, icon, is_group = "location", _("Location"), "site", True

    def first_input_suffix(self, spec):
        return "_text"

    def formfield(self, spec, *, required):
        return fields.LocationField(required=required)

    def display(self, answer, spec):
        if not answer:
            return ""
        text = answer.get("text", "")
        if answer.get("lat"):
            coordinates = f"({answer['lat']}, {answer['lng']})"
            return f"{text} {coordinates}".strip()
        return text


class FileUpload(FieldType):
    name, label, icon, is_file = "file", _("File upload"), "doc-full-inverse", True

    def option_blocks(self):
        return [
            ("allowed_types", blocks.MultipleChoiceBlock(
                label=_("Accepted file types"), choices=FILE_TYPE_CHOICES,
                default=list(DEFAULT_ALLOWED))),
            ("max_size_mb", blocks.IntegerBlock(label=_("Largest file (MB)"), default=10, min_value=1, max_value=50)),
            ("max_count", blocks.IntegerBlock(label=_("Most files"), default=1, min_value=1, max_value=20)),
        ]

    def formfield(self, spec, *, required, existing: int = 0):
        allowed = tuple(t for t in (spec.get("allowed_types") or ()) if t in KNOWN_TYPES) or DEFAULT_ALLOWED
        return fields.UploadField(
            required=required, allowed_types=allowed, max_bytes=int(spec.get("max_size_mb") or 10) * 1024 * 1024,
            max_count=int(spec.get("max_count") or 1), existing=existing,
        )

    def display(self, answer, spec):
        if not answer:
            return ""
        return ", ".join(item.get("name", "") for item in answer)


class Declaration(FieldType):
    name, label, icon, has_requirement = "declaration", _("Declaration (must tick)"), "tick-inverse", False

    def formfield(self, spec, *, required):
        return forms.BooleanField(
            required=True, error_messages={"required": _("Tick the box to confirm the declaration.")},
            widget=forms.CheckboxInput(attrs={"class": "checkbox__input"}),
        )

    def to_answer(self, value, spec):
        return bool(value)

    def display(self, answer, spec):
        return gettext("Confirmed") if answer else ""


for _type in (ShortText(), LongText(), Number(), Date(), Choice(), NationalID(), Phone(), Email(), Address(),
              Location(), FileUpload(), Declaration()):
    register(_type)
