"""The "สารบรรณ" menu and the officer pages in the Wagtail admin."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from organizations.models import Membership

from . import admin_urls


def is_officer(request) -> bool:
    """Anyone holding a role in an LGO (asked once per request); the pages narrow what each officer sees."""
    if not hasattr(request, "_saraban_officer"):
        user = request.user
        request._saraban_officer = user.is_superuser or Membership.objects.filter(user=user).exists()
    return request._saraban_officer


class OfficerMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return is_officer(request)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("saraban/", include((admin_urls.urlpatterns, "saraban"), namespace="saraban"))]


def _items() -> list[MenuItem]:
    entries = [
        (_("My desk"), "saraban:desk", "tasks"),
        (_("Registers"), "saraban:registers", "list-ul"),
        (_("Register incoming"), "saraban:incoming_new", "upload"),
        (_("Awaiting registration"), "saraban:pending", "mail"),
        (_("Compose outgoing"), "saraban:compose", "edit"),
        (_("Stalled"), "saraban:stalled", "warning"),
        (_("Search"), "saraban:search", "search"),
        (_("Retention"), "saraban:retention", "bin"),
    ]
    return [
        OfficerMenuItem(label, reverse(name), name=name.replace(":", "-"), icon_name=icon, order=index)
        for index, (label, name, icon) in enumerate(entries)
    ]


class CorrespondenceMenu(SubmenuMenuItem):
    def is_shown(self, request) -> bool:
        return is_officer(request)


@hooks.register("register_admin_menu_item")
def register_menu():
    return CorrespondenceMenu(_("Correspondence"), Menu(items=_items()), name="saraban", icon_name="mail",
                              order=250)
