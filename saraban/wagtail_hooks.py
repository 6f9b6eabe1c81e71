"""The "สารบรรณ" menu and the officer pages in the Wagtail admin."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from organizations.constants import Module
from organizations.tenancy import active_organization

from . import admin_urls, permissions


def _organization(request):
    """The officer's active LGO (asked once per request), or None for someone who works for no LGO."""
    if not hasattr(request, "_saraban_organization"):
        try:
            request._saraban_organization = active_organization(request)
        except PermissionDenied:
            request._saraban_organization = None
    return request._saraban_organization


def may(request, check: Callable[..., bool]) -> bool:
    """True when `check` (one of saraban.permissions) allows the user in their active LGO: the views ask the same."""
    organization = _organization(request)
    return (organization is not None and organization.uses(Module.CORRESPONDENCE)
            and check(request.user, organization))


class OfficerMenuItem(MenuItem):
    """A menu entry shown only to those its page lets in."""

    def __init__(self, *args, check: Callable[..., bool] = permissions.can_use, **kwargs):
        super().__init__(*args, **kwargs)
        self.check = check

    def is_shown(self, request) -> bool:
        return may(request, self.check)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("saraban/", include((admin_urls.urlpatterns, "saraban"), namespace="saraban"))]


def _items() -> list[MenuItem]:
    entries = [
        (_("My desk"), "saraban:desk", "tasks", permissions.can_use),
        (_("Registers"), "saraban:registers", "list-ul", permissions.can_use),
        (_("Register incoming"), "saraban:incoming_new", "upload", permissions.can_register),
        (_("Awaiting registration"), "saraban:pending", "mail", permissions.can_register),
        (_("Compose outgoing"), "saraban:compose", "edit", permissions.can_use),
        (_("Stalled"), "saraban:stalled", "warning", permissions.can_use),
        (_("Search"), "saraban:search", "search", permissions.can_use),
        (_("Retention"), "saraban:retention", "bin", permissions.can_manage_retention),
    ]
    return [
        OfficerMenuItem(label, reverse(name), name=name.replace(":", "-"), icon_name=icon, order=index, check=check)
        for index, (label, name, icon, check) in enumerate(entries)
    ]


class CorrespondenceMenu(SubmenuMenuItem):
    def is_shown(self, request) -> bool:
        return may(request, permissions.can_use)


@hooks.register("register_admin_menu_item")
def register_menu():
    return CorrespondenceMenu(_("Correspondence"), Menu(items=_items()), name="saraban", icon_name="mail",
                              order=250)
