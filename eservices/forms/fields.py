"""Django form fields for Thai data: BE/CE dates, national IDs, phone numbers, addresses, locations and uploads.

Error messages are written in English and translated (Thai is the default language); each says what to do.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import thai
from core.files import DEFAULT_ALLOWED, check_upload

from ..constants import DateRange

THAI_LAT = (Decimal("5.5"), Decimal("20.5"))
THAI_LNG = (Decimal("97.3"), Decimal("105.7"))
_DATE_DMY = re.compile(r"^\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{1,2})\s*[/.\-]\s*([0-9]{4})\s*$")
_DATE_ISO = re.compile(r"^\s*([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\s*$")


def parse_thai_date(text: str) -> dt.date:
    """Read "25/11/2569" (Buddhist Era, years above 2400) or "25/11/2026" or "2026-11-25"; ValueError otherwise."""
    text = thai.ascii_digits(text)
    match = _DATE_DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _DATE_ISO.match(text)
        if not match:
            raise ValueError(text)
        year, month, day = (int(g) for g in match.groups())
    if year > 2400:
        year -= thai.BE_OFFSET
    if not 1800 <= year <= 2200:
        raise ValueError(text)
    return dt.date(year, month, day)


class ThaiDateField(forms.CharField):
    """A date typed as day/month/year; Thai people write the Buddhist Era year, which we accept and convert."""

    default_error_messages = {
        "invalid": _("Enter a real date as day/month/year, for example 25/11/2569."),
        "past": _("The date must be today or in the past."),
        "future": _("The date must be today or in the future."),
    }

    def __init__(self, *, date_range: str = DateRange.ANY, **kwargs: Any) -> None:
        self.date_range = date_range
        kwargs.setdefault("max_length", 10)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "class": "input input--date"})

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        text = super().to_python(value)
        if text in self.empty_values:
            return None
        try:
            return parse_thai_date(text)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None

    def validate(self, value: dt.date | None) -> None:
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        if self.date_range == DateRange.PAST and value > today:
            raise ValidationError(self.error_messages["past"], code="past")
        if self.date_range == DateRange.FUTURE and value < today:
            raise ValidationError(self.error_messages["future"], code="future")

    def run_validators(self, value: Any) -> None:  # CharField's length validators expect text
        return None

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.date):
            return f"{value.day:02d}/{value.month:02d}/{value.year + thai.BE_OFFSET}"
        return value


class ThaiNationalIDField(forms.CharField):
    """A 13-digit Thai national ID (เลขประจำตัวประชาชน); dashes and spaces are ignored; the check digit must match."""

    default_error_messages = {
        "digits": _("Enter the 13 digits of the national ID number."),
        "checksum": _("This national ID number is not valid. Check the 13 digits on the ID card."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "class": "input input--id"})

    def to_python(self, value: Any) -> str:
        return thai.normalize_national_id(super().to_python(value))

    def validate(self, value: str) -> None:
        super().validate(value)
        if value in self.empty_values:
            return
        if not re.fullmatch(r"[0-9]{13}", value):
            raise ValidationError(self.error_messages["digits"], code="digits")
        if not thai.national_id_checksum_ok(value):
            raise ValidationError(self.error_messages["checksum"], code="checksum")


class ThaiPhoneField(forms.CharField):
    """A Thai mobile or landline number; "+66 81 234 5678" is stored as "0812345678"."""

    default_error_messages = {
        "invalid": _("Enter a Thai phone number, for example 081 234 5678 or 02 123 4567."),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)
        self.widget.input_type = "tel"
        self.widget.attrs.update({"autocomplete": "tel", "class": "input input--phone"})

    def to_python(self, value: Any) -> str:
        text = super().to_python(value)
        return thai.normalize_phone(text) if text else text

    def validate(self, value: str) -> None:
        super().validate(value)
        if value and not thai.is_thai_phone(value):
            raise ValidationError(self.error_messages["invalid"], code="invalid")


class _ChoiceListMixin:
    """Django puts the widget's `class` on the list's wrapper `<div>` as well as on every input, so a style meant
    for the control (a bigger radio circle) also scaled the whole list and pushed it off a phone's screen. These
    widgets render one row per option (control, then its label) inside a wrapper with a class of its own."""

    template_name = "eservices/widgets/choices.html"
    option_template_name = "eservices/widgets/choice_option.html"
    list_class = ""
    input_class = ""

    def __init__(self, attrs: dict | None = None, choices: Any = ()) -> None:
        super().__init__({"class": self.input_class, **(attrs or {})}, choices)  # type: ignore[call-arg]

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)  # type: ignore[misc]
        context["widget"]["list_class"] = self.list_class
        return context


class RadioList(_ChoiceListMixin, forms.RadioSelect):
    list_class, input_class = "radios", "radios__input"


class CheckboxList(_ChoiceListMixin, forms.CheckboxSelectMultiple):
    list_class, input_class = "checkboxes", "checkboxes__input"


class LabelledMultiWidget(forms.MultiWidget):
    """A group of inputs each with its own visible label (screen readers need one per input)."""

    template_name = "eservices/widgets/labelled_multi.html"

    def __init__(self, widgets: dict[str, forms.Widget], labels: dict[str, Any], attrs: dict | None = None) -> None:
        self.labels = labels
        super().__init__(widgets, attrs)

    def get_context(self, name: str, value: Any, attrs: dict | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for sub, label in zip(context["widget"]["subwidgets"], self.labels.values(), strict=False):
            sub["label"] = label
        return context


ADDRESS_PARTS = ("line", "subdistrict", "district", "province", "postcode")


class AddressWidget(LabelledMultiWidget):
    def __init__(self, attrs: dict | None = None) -> None:
        widgets = {
            "line": forms.TextInput(attrs={"autocomplete": "address-line1", "class": "input"}),
            "subdistrict": forms.TextInput(attrs={"class": "input input--medium"}),
            "district": forms.TextInput(attrs={"autocomplete": "address-level2", "class": "input input--medium"}),
            "province": forms.TextInput(attrs={"autocomplete": "address-level1", "class": "input input--medium"}),
            "postcode": forms.TextInput(
                attrs={"autocomplete": "postal-code", "inputmode": "numeric", "class": "input input--postcode"}
            ),
        }
        labels = {
            "line": _("House number, village, lane, road"),
            "subdistrict": _("Subdistrict (tambon)"),
            "district": _("District (amphoe)"),
            "province": _("Province"),
            "postcode": _("Postcode"),
        }
        super().__init__(widgets, labels, attrs)

    def decompress(self, value: Any) -> list[str]:
        value = value or {}
        return [value.get(part, "") for part in ADDRESS_PARTS]


class ThaiAddressField(forms.MultiValueField):
    """A Thai postal address: house/road line, subdistrict, district, province and a 5-digit postcode."""

    widget = AddressWidget
    default_error_messages = {
        "incomplete": _("Enter the house number and road, subdistrict, district, province and postcode."),
        "postcode": _("Enter a postcode of 5 digits."),
    }

    def __init__(self, **kwargs: Any) -> None:
        fields = tuple(forms.CharField(max_length=200) for _part in ADDRESS_PARTS)
        super().__init__(fields=fields, require_all_fields=False, **kwargs)
        for field in self.fields:
            field.required = True

    def compress(self, data_list: list[str]) -> dict[str, str] | None:
        if not data_list:
            return None
        value = dict(zip(ADDRESS_PARTS, (str(v or "").strip() for v in data_list), strict=False))
        value["postcode"] = thai.ascii_digits(value.get("postcode", ""))
        if not re.fullmatch(r"[0-9]{5}", value["postcode"]):
            raise ValidationError(self.error_messages["postcode"], code="postcode")
        return value


class LocationWidget(LabelledMultiWidget):
    def __init__(self, attrs: dict | None = None) -> None:
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2, "class": "input"}),
            "lat": forms.TextInput(attrs={"inputmode": "decimal", "class": "input input--medium"}),
            "lng": forms.TextInput(attrs={"inputmode": "decimal", "class": "input input--medium"}),
        }
        labels = {
            "text": _("Describe the place (address or landmark)"),
            "lat": _("Latitude (optional, e.g. 19.9105)"),
            "lng": _("Longitude (optional, e.g. 99.8406)"),
        }
        super().__init__(widgets, labels, attrs)

    def decompress(self, value: Any) -> list[str]:
        value = value or {}
        return [value.get("text", ""), value.get("lat", ""), value.get("lng", "")]


class LocationField(forms.MultiValueField):
    """A place: typed description and/or coordinates. Typing the address suffices; coordinates must be in Thailand."""

    widget = LocationWidget
    default_error_messages = {
        "incomplete": _("Describe the place or give its latitude and longitude."),
        "pair": _("Give both latitude and longitude, or neither."),
        "coordinates": _("The coordinates are not in Thailand. Latitude is about 5.5–20.5 and longitude 97.3–105.7."),
        "number": _("Latitude and longitude must be decimal numbers, for example 19.9105."),
    }

    def __init__(self, **kwargs: Any) -> None:
        fields = (forms.CharField(max_length=1000), forms.CharField(max_length=20), forms.CharField(max_length=20))
        super().__init__(fields=fields, require_all_fields=False, **kwargs)
        self.error_messages["required"] = self.error_messages["incomplete"]
        for field in self.fields:
            field.required = False

    def compress(self, data_list: list[str]) -> dict[str, str] | None:
        if not data_list:
            return None
        text, lat, lng = (str(v or "").strip() for v in (*data_list, "", "", "")[:3])
        lat, lng = thai.ascii_digits(lat), thai.ascii_digits(lng)
        if bool(lat) != bool(lng):
            raise ValidationError(self.error_messages["pair"], code="pair")
        if lat:
            try:
                lat_d, lng_d = Decimal(lat), Decimal(lng)
            except ArithmeticError:
                raise ValidationError(self.error_messages["number"], code="number") from None
            if not (THAI_LAT[0] <= lat_d <= THAI_LAT[1] and THAI_LNG[0] <= lng_d <= THAI_LNG[1]):
                raise ValidationError(self.error_messages["coordinates"], code="coordinates")
            lat, lng = str(lat_d.quantize(Decimal("0.000001"))), str(lng_d.quantize(Decimal("0.000001")))
        if not text and not lat:
            if self.required:
                raise ValidationError(self.error_messages["incomplete"], code="incomplete")
            return None
        return {"text": text, "lat": lat, "lng": lng}


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class UploadField(forms.FileField):
    """One or more files, each checked by content (not name), size and the allowed types; a count limit too.

    `existing` is how many files the citizen already uploaded to this question (kept when they come back).
    """

    widget = MultipleFileInput
    default_error_messages = {
        "count": _("You can upload at most %(limit)s files here."),
        "required": _("Upload a file."),
    }

    def __init__(self, *, allowed_types: tuple[str, ...] = DEFAULT_ALLOWED, max_bytes: int, max_count: int = 1,
                 existing: int = 0, **kwargs: Any) -> None:
        self.allowed_types, self.max_bytes = allowed_types, max_bytes
        self.max_count, self.existing = max_count, existing
        super().__init__(**kwargs)
        self.widget.attrs.update({"class": "file-upload"})
        if max_count == 1:
            self.widget = forms.ClearableFileInput(attrs={"class": "file-upload"})

    def clean(self, data: Any, initial: Any = None) -> list:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            if self.required and not self.existing:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) + self.existing > self.max_count:
            raise ValidationError(self.error_messages["count"], code="count", params={"limit": self.max_count})
        errors: list[ValidationError] = []
        for upload in files:
            try:
                upload.checked = check_upload(upload, allowed_types=self.allowed_types, max_bytes=self.max_bytes)
            except ValidationError as exc:
                errors.append(exc)
        if errors:
            raise ValidationError(errors)
        return files

    def bound_data(self, data: Any, initial: Any) -> Any:
        return initial
