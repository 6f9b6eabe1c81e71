"""The operator's admin screen: scheduled jobs with their last run and result, background workers' heartbeats.

Deployment-wide, so only superusers see it (an LGO administrator's own view of failures is the undelivered
notifications screen in organizations).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .health import queue_depth
from .jobs import scheduled_jobs
from .models import WorkerHeartbeat


class ScheduledJobsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/scheduled_jobs.html"
    page_title = gettext_lazy("Scheduled jobs")
    header_icon = "time"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            jobs=scheduled_jobs(), workers=WorkerHeartbeat.objects.order_by("-beat_at")[:20],
            queue_depth=queue_depth(), **kwargs)
