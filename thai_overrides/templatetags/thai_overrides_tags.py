"""Names Django stores in English in the database (permissions, content types), shown in the active language."""

from __future__ import annotations

import datetime as dt

from django import template
from django.contrib.auth.models import Permission
from django.utils.translation import gettext, pgettext

register = template.Library()


def _actions() -> dict[str, str]:
    # "เพิ่ม ข่าว", "แก้ไข ข่าว": the verb Thai officers read on a permission checkbox.
    return {
        "add": pgettext("permission", "Can add %(model)s"),
        "change": pgettext("permission", "Can change %(model)s"),
        "delete": pgettext("permission", "Can delete %(model)s"),
        "view": pgettext("permission", "Can view %(model)s"),
    }


@register.filter
def be_if_date(value: object) -> object:
    """A listing cell: a date or moment in the Buddhist Era on Thai screens ("15 ก.พ. 2570"), anything else as is."""
    from core.templatetags.thai import be_date, be_datetime

    if isinstance(value, dt.datetime):
        return be_datetime(value)
    if isinstance(value, dt.date):
        return be_date(value, "short")
    return value


@register.filter
def translated(value: str) -> str:
    """The translation of a name that reached the template as plain text (a content type's name)."""
    return gettext(str(value)) if value else value


@register.filter
def permission_label(permission: Permission, fallback: str = "") -> str:
    """A permission's label: Django keeps "Can add department" in the database at migration time, in English.

    Default permissions are rebuilt from the model's translated verbose name; custom ones go through gettext.
    """
    action, _sep, model_name = permission.codename.partition("_")
    model = permission.content_type.model_class()
    if model is not None and model_name == model._meta.model_name and action in _actions():
        return _actions()[action] % {"model": gettext(str(model._meta.verbose_name))}
    return gettext(fallback or permission.name)
