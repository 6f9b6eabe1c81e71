"""Core's admin screen: scheduled jobs and background workers, for superusers (the deployment's operators)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import ScheduledJobsView


class SuperuserMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.is_superuser


@hooks.register("register_admin_urls")
def register_jobs_url():
    return [path("ops/jobs/", ScheduledJobsView.as_view(), name="core_scheduled_jobs")]


@hooks.register("register_admin_menu_item")
def register_jobs_menu_item():
    return SuperuserMenuItem(_("Scheduled jobs"), reverse("core_scheduled_jobs"), name="scheduled-jobs",
                             icon_name="time", order=830)
