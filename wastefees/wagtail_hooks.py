"""The "ค่าธรรมเนียมขยะ/น้ำเสีย" (waste and wastewater fees) menu and officer pages in the Wagtail admin."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from organizations.constants import Module
from organizations.tenancy import allowed_anywhere

from . import admin_views
from .permissions import can_view_wastefees

app_name = "wastefees_admin"
admin_urlpatterns = [
    path("", admin_views.dashboard_view, name="dashboard"),
    path("accounts/", admin_views.account_list, name="accounts"),
    path("accounts/new/", admin_views.account_edit, name="account_new"),
    path("accounts/import/", admin_views.account_import, name="import"),
    path("accounts/<int:pk>/", admin_views.account_detail, name="account"),
    path("accounts/<int:pk>/edit/", admin_views.account_edit, name="account_edit"),
    path("tariffs/", admin_views.tariff_list, name="tariffs"),
    path("tariffs/new/", admin_views.tariff_edit, name="tariff_new"),
    path("tariffs/<int:pk>/", admin_views.tariff_edit, name="tariff_edit"),
    path("zones/new/", admin_views.zone_edit, name="zone_new"),
    path("zones/<int:pk>/", admin_views.zone_edit, name="zone_edit"),
    path("classes/new/", admin_views.class_edit, name="class_new"),
    path("classes/<int:pk>/", admin_views.class_edit, name="class_edit"),
    path("runs/", admin_views.billing_runs, name="runs"),
    path("pickups/", admin_views.pickups, name="pickups"),
    path("reminders/", admin_views.reminders, name="reminders"),
]


def may_see_wastefees(request) -> bool:
    """Whether the menu shows: the officer may see waste fees in any LGO they work for."""
    return allowed_anywhere(request.user, lambda user, organization: (
        organization.uses(Module.WASTE_FEES) and can_view_wastefees(user, organization)))


class WastefeesMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_see_wastefees(request)


class WastefeesMenu(SubmenuMenuItem):
    def is_shown(self, request) -> bool:
        return may_see_wastefees(request)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("waste-fees/", include((admin_urlpatterns, app_name), namespace=app_name))]


@hooks.register("register_admin_menu_item")
def register_menu():
    entries = [
        (_("Dashboard"), "wastefees_admin:dashboard", "table"),
        (_("Accounts"), "wastefees_admin:accounts", "user"),
        (_("Tariffs and zones"), "wastefees_admin:tariffs", "list-ul"),
        (_("Billing runs"), "wastefees_admin:runs", "calendar-check"),
        (_("Occasional pickups"), "wastefees_admin:pickups", "plus"),
        (_("Reminders"), "wastefees_admin:reminders", "mail"),
    ]
    items = [WastefeesMenuItem(label, reverse(name), name=name.replace(":", "-"), icon_name=icon, order=index)
             for index, (label, name, icon) in enumerate(entries)]
    return WastefeesMenu(_("Waste and wastewater fees"), Menu(items=items), name="wastefees", icon_name="bin",
                         order=230)
