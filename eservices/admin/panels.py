"""The e-service panel on the Wagtail admin dashboard: what needs the officer's attention today."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from ..deadlines import local_midnight
from . import access

#: The panel counts up to this many and then shows "999+": an exact count of a huge backlog costs more than it tells.
PANEL_COUNT_CAP = 999


def capped_count(queryset) -> tuple[int, bool]:
    count = queryset.order_by()[: PANEL_COUNT_CAP + 1].count()
    return min(count, PANEL_COUNT_CAP), count > PANEL_COUNT_CAP


class InboxSummaryPanel(Component):
    """Four counts, each a link to the inbox filtered the same way (one indexed, capped COUNT each)."""

    name = "eservices_inbox_summary"
    order = 50
    template_name = "eservices/admin/panel.html"

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> Mapping[str, Any]:
        request = self.request
        cases = access.cases(request)
        today = timezone.localdate()
        organization = access.officer_scope(request).organization
        inbox = reverse("eservices_admin:inbox")

        def link(**params) -> str:
            return f"{inbox}?{urlencode(params)}"

        items = [
            ("new_today", cases.filter(received_at__gte=local_midnight(today)),
             link(received_from=f"{today:%Y-%m-%d}")),
            ("overdue", cases.overdue(today), link(due="overdue")),
            ("mine", cases.open().filter(assignee=request.user), link(assignee="me", status="open")),
            ("due_soon", cases.due_soon(organization, today), link(due="soon")),
        ]
        rows = []
        for label, queryset, url in items:
            count, more = capped_count(queryset)
            rows.append({"label": label, "count": count, "more": more, "url": url})
        return {"organization": organization, "items": rows, "inbox_url": inbox}

    def render_html(self, parent_context: Mapping[str, Any] | None = None) -> str:
        try:
            access.officer_scope(self.request)
        except PermissionDenied:
            return ""
        return super().render_html(parent_context)
