"""One date field and one date(-time) widget for every date an officer types, in the admin and in our own forms.

On Thai screens dates show and are read in the Buddhist Era ("15/02/2570"), the date picker included (its yearOffset
shows BE years and writes them into the input); English screens use the Christian Era. A Christian Era year typed on
a Thai screen is refused with a message that says which year to type, never stored as the Gregorian year 2570 (the
holiday that became 15 Feb 2570 CE). Registered for every model DateField and DateTimeField in Wagtail's admin
forms (`register_admin_date_fields`), and used directly by the saraban, waste-fee and inbox forms.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateInput, AdminDateTimeInput

from .thai import BE_OFFSET, DateInputError, read_typed_date, typed_date_text

_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?::(\d{2}))?")


def buddhist_era_active() -> bool:
    """Thai screens read and write BE years; every other language the Christian Era."""
    return (translation.get_language() or "th").startswith("th")


def _example() -> str:
    return typed_date_text(dt.date(timezone.localdate().year, 2, 15), buddhist_era=buddhist_era_active())


class _ShowsBE:
    """Show a date value as the field reads it back: dd/mm/yyyy, BE on Thai screens."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.datetime):
            value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        if isinstance(value, dt.date):
            return typed_date_text(value, buddhist_era=buddhist_era_active())
        return value  # what was typed, kept when the form comes back with an error


_DATE_ATTRS = {"inputmode": "numeric", "placeholder": _("dd/mm/yyyy"), "size": 12}


class BEDateInput(_ShowsBE, AdminDateInput):
    """Wagtail's date input and picker, showing dd/mm/yyyy with a BE year on Thai screens."""

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs={**_DATE_ATTRS, **(attrs or {})}, format="%d/%m/%Y")

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "format": "d/m/Y", "yearOffset": BE_OFFSET if buddhist_era_active() else 0}


class BEDateTextInput(_ShowsBE, forms.TextInput):
    """The same input without Wagtail's picker script, for screens that do not load the admin's form media (a
    browser's own type="date" picker would post a Christian Era ISO date and show the year in CE)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs={**_DATE_ATTRS, "autocomplete": "off", **(attrs or {})})


class BEDateTimeInput(AdminDateTimeInput):
    """Wagtail's date-and-time input and picker, showing "15/02/2570 09:30" on Thai screens."""

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None, **kwargs: Any) -> None:
        super().__init__(attrs=attrs, format="%d/%m/%Y %H:%M", **kwargs)

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.datetime):
            local = timezone.localtime(value) if timezone.is_aware(value) else value
            return f"{typed_date_text(local.date(), buddhist_era=buddhist_era_active())} {local:%H:%M}"
        return value

    def get_config(self) -> dict[str, Any]:
        return {**super().get_config(), "format": "d/m/Y H:i", "yearOffset": BE_OFFSET if buddhist_era_active() else 0}


def _date_error(error: DateInputError) -> forms.ValidationError:
    """The message for a date that cannot be read, with an example in the era the screen uses."""
    params = {"year": error.year, "example": _example()}
    if error.code == "ambiguous_year":
        message = _("%(year)s is a Christian Era year. Type the Buddhist Era year, for example %(example)s.")
    elif error.code == "year_range" and buddhist_era_active():
        message = _("The year %(year)s is not possible: type a Buddhist Era year (2400–2700), for example %(example)s.")
    elif error.code == "year_range":
        message = _("The year %(year)s is not possible: type a year from 1900 to 2200, for example %(example)s.")
    else:
        message = _("Enter a real date as day/month/year, for example %(example)s.")
    return forms.ValidationError(message, code=error.code, params=params)


class BEDateField(forms.DateField):
    """A date typed as day/month/year (BE on Thai screens, Thai digits allowed) or year-month-day."""

    widget = BEDateInput

    def to_python(self, value: Any) -> dt.date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return read_typed_date(str(value), buddhist_era=buddhist_era_active())
        except DateInputError as error:
            raise _date_error(error) from error


class BEDateTimeField(forms.DateTimeField):
    """A moment typed as "15/02/2570 09:30" (Bangkok time); the time may be left out (midnight)."""

    widget = BEDateTimeInput

    def to_python(self, value: Any) -> dt.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value if timezone.is_aware(value) else timezone.make_aware(value)
        if isinstance(value, dt.date):
            return timezone.make_aware(dt.datetime.combine(value, dt.time()))
        date_text, _space, time_text = str(value).strip().partition(" ")
        try:
            day = read_typed_date(date_text, buddhist_era=buddhist_era_active())
        except DateInputError as error:
            raise _date_error(error) from error
        moment = dt.time()
        if time_text.strip():
            match = _TIME.fullmatch(time_text.strip())
            if not match or int(match[1]) > 23 or int(match[2]) > 59:
                raise forms.ValidationError(_("Enter the time as hours:minutes, for example 09:30."), code="invalid")
            moment = dt.time(int(match[1]), int(match[2]), int(match[3] or 0))
        return timezone.make_aware(dt.datetime.combine(day, moment))


def register_admin_date_fields() -> None:
    """Make every model DateField and DateTimeField in Wagtail's admin forms use the BE field and widget."""
    from django.db import models
    from wagtail.admin.forms.models import register_form_field_override

    register_form_field_override(models.DateField, override={"form_class": BEDateField, "widget": BEDateInput})
    register_form_field_override(models.DateTimeField,
                                 override={"form_class": BEDateTimeField, "widget": BEDateTimeInput})
