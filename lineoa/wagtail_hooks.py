from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from open311.wagtail_hooks import LgoAdminMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_urls():
    return [path("line/", admin_views.line_settings, name="lineoa_settings")]


@hooks.register("register_settings_menu_item")
def register_menu_item():
    return LgoAdminMenuItem(_("LINE Official Account of the LGO"), reverse("lineoa_settings"),
                            name="lineoa-settings",
                            icon_name="mail", order=901)
