"""The executive dashboard's admin URL, menu item and a link on the Wagtail home page."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .views import may_see_dashboard


class DashboardMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_see_dashboard(request)


@hooks.register("register_admin_urls")
def register_insights_urls():
    return [path("", include(admin_urls, namespace="insights_admin"))]


@hooks.register("register_admin_menu_item")
def register_dashboard_menu_item():
    return DashboardMenuItem(_("Executive dashboard"), reverse("insights_admin:dashboard"), name="insights-dashboard",
                             icon_name="report", order=140)


class ProvinceMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        from .province_views import may_see_provinces

        return may_see_provinces(request)


@hooks.register("register_admin_menu_item")
def register_province_menu_item():
    return ProvinceMenuItem(_("Province overview"), reverse("insights_admin:provinces"), name="insights-province",
                            icon_name="globe", order=798)
