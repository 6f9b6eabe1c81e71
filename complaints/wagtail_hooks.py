"""Complaints in the Wagtail admin: the officers' inbox, and the LGO's topics, routing rules and map settings."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from eservices.admin.access import may_use_inbox

from . import admin_urls


class InboxMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_use_inbox(request)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("complaints/", include(admin_urls, namespace="complaints_admin"))]


@hooks.register("register_admin_menu_item")
def register_inbox_menu_item():
    return InboxMenuItem(_("Complaints and repair requests"), reverse("complaints_admin:inbox"),
                         name="complaints-inbox", icon_name="warning", order=155)
