"""Buddhist Era dates in every date input staff type: shown in BE, read back as the same day, CE years refused.

The defects: a holiday typed 15/02/2570 was saved as the Gregorian year 2570; saraban's "2569-12-01" became 3112 on
screen; admin date inputs showed 04/12/2026 under "(แสดงเป็นพุทธศักราช)".
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils import translation
from wagtail.admin.forms.models import formfield_for_dbfield

from core.dates import BEDateField, BEDateInput, BEDateTextInput, BEDateTimeField, BEDateTimeInput
from core.thai import DateInputError, read_typed_date
from organizations.constants import Role
from organizations.models import Holiday

OUR_APPS = ("core", "organizations", "home", "eservices", "payments", "wastefees", "saraban")


@pytest.fixture(autouse=True)
def _thai():
    with translation.override("th"):
        yield


@pytest.mark.parametrize(("typed", "day"), [
    ("15/02/2570", dt.date(2027, 2, 15)),
    ("๑๕/๐๒/๒๕๗๐", dt.date(2027, 2, 15)),   # Thai digits
    ("1/12/2569", dt.date(2026, 12, 1)),
    ("2569-12-01", dt.date(2026, 12, 1)),      # saraban's case: a BE year typed year-first
    ("2026-12-01", dt.date(2026, 12, 1)),      # what a browser or a file sends
])
def test_typed_dates_are_read_as_the_day_meant(typed, day):
    assert read_typed_date(typed) == day


@pytest.mark.parametrize(("typed", "code"), [
    ("15/02/2027", "ambiguous_year"), ("15/02/3112", "year_range"), ("1/1/69", "year_range"),
    ("31/02/2570", "invalid"), ("พรุ่งนี้", "invalid"), ("3112-12-01", "year_range"),
])
def test_impossible_or_ambiguous_dates_are_refused(typed, code):
    with pytest.raises(DateInputError) as error:
        read_typed_date(typed)
    assert error.value.code == code


def test_the_field_says_in_thai_which_year_to_type():
    field = BEDateField()
    with pytest.raises(Exception) as error:
        field.clean("15/02/2027")
    assert "ปี 2027 เป็นปีคริสต์ศักราช กรุณากรอกปีพุทธศักราช เช่น 15/02/25" in error.value.messages[0]
    with pytest.raises(Exception) as error:
        field.clean("15/02/3112")
    assert error.value.messages[0].startswith("ปี 3112 ไม่ถูกต้อง กรุณากรอกปีพุทธศักราช")


def test_english_screens_use_the_christian_era():
    with translation.override("en"):
        assert BEDateField().clean("15/02/2027") == dt.date(2027, 2, 15)
        assert BEDateInput().format_value(dt.date(2027, 2, 15)) == "15/02/2027"
        assert BEDateInput().get_config()["yearOffset"] == 0


def _admin_date_fields() -> list[tuple[str, models.Field]]:
    fields = []
    for app in OUR_APPS:
        for model in apps.get_app_config(app).get_models():
            for field in model._meta.get_fields():
                if isinstance(field, models.DateField) and field.editable and not field.auto_now \
                        and not field.auto_now_add:
                    fields.append((f"{model._meta.label}.{field.name}", field))
    fields.append(("wagtailcore.Page.go_live_at", apps.get_model("wagtailcore", "Page")._meta.get_field("go_live_at")))
    return fields


@pytest.mark.parametrize(("label", "db_field"), _admin_date_fields(), ids=[label for label, _f in _admin_date_fields()])
def test_every_admin_date_input_round_trips_in_be(label, db_field):
    """Every model date the admin can edit gets the BE field: what it shows is read back as the same moment."""
    form_field = formfield_for_dbfield(db_field)
    if isinstance(db_field, models.DateTimeField):
        assert isinstance(form_field, BEDateTimeField) and isinstance(form_field.widget, BEDateTimeInput)
        from django.utils import timezone

        moment = timezone.make_aware(dt.datetime(2027, 2, 15, 9, 30))
        shown = form_field.widget.format_value(moment)
        assert shown == "15/02/2570 09:30"
        assert form_field.clean(shown) == moment
    else:
        assert isinstance(form_field, BEDateField) and isinstance(form_field.widget, BEDateInput)
        shown = form_field.widget.format_value(dt.date(2027, 2, 15))
        assert shown == "15/02/2570"
        assert form_field.clean(shown) == dt.date(2027, 2, 15)
        assert form_field.widget.get_config()["yearOffset"] == 543  # the picker shows and writes BE years


def test_admin_viewset_forms_use_the_be_field():
    """A form whose Meta does not inherit Wagtail's misses Wagtail's field overrides: check the forms the views use."""
    from organizations.wagtail_hooks import HolidayViewSet

    viewset = HolidayViewSet("check")
    form_class = viewset.edit_handler.bind_to_model(Holiday).get_form_class()
    assert isinstance(form_class.base_fields["date"], BEDateField)
    assert isinstance(form_class.base_fields["date"].widget, BEDateInput)


@pytest.mark.django_db
def test_holiday_typed_in_be_is_saved_as_that_day_and_shown_back_in_be(client, org_a, make_officer):
    admin = make_officer(org_a, Role.LGO_ADMIN, username="hol-admin")
    client.force_login(admin)
    url = reverse("lgo_holidays:add")
    response = client.post(url, {"organization": org_a.pk, "date": "15/02/2027", "name": "วันท้องถิ่น"})
    assert response.status_code == 200
    assert "ปี 2027 เป็นปีคริสต์ศักราช" in response.content.decode()
    assert 'value="15/02/2027"' in response.content.decode()  # what was typed is kept
    assert not Holiday.objects.filter(name="วันท้องถิ่น").exists()

    response = client.post(url, {"organization": org_a.pk, "date": "15/02/2570", "name": "วันท้องถิ่น"})
    assert response.status_code == 302
    holiday = Holiday.objects.get(name="วันท้องถิ่น")
    assert holiday.date == dt.date(2027, 2, 15)
    edit = client.get(reverse("lgo_holidays:edit", args=[holiday.pk])).content.decode()
    assert 'value="15/02/2570"' in edit
    listing = client.get(reverse("lgo_holidays:index")).content.decode()
    assert "1 ม.ค. 2569" in listing  # the seeded New Year holiday, no longer "1 มกราคม 2026"
    assert "มกราคม 2026" not in listing


def test_saraban_and_waste_fee_forms_use_the_shared_field():
    from saraban.forms import RouteForm
    from wastefees.forms import AccountForm, PickupForm, TariffForm

    route = RouteForm.base_fields["due_date"]
    assert isinstance(route, BEDateField) and isinstance(route.widget, BEDateTextInput)
    assert route.clean("2569-12-01") == dt.date(2026, 12, 1)  # not the Gregorian year 2569
    for form, name in ((AccountForm, "active_from"), (TariffForm, "effective_from"), (PickupForm, "picked_up_on")):
        assert isinstance(form.base_fields[name], BEDateField), name
        assert form.base_fields[name].widget.attrs.get("type") != "date"
