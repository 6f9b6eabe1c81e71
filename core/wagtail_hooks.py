"""The audit log in the admin: read-only, and an LGO administrator sees only their own LGO's entries."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from organizations.admin_views import ReadOnlyPermissionPolicy, ScopedIndexView, ScopedViewSet

from .models import AuditLog

register_permission_policy(AuditLog, ReadOnlyPermissionPolicy(AuditLog))


class AuditLogIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("actor", "organization")


class AuditLogViewSet(ScopedViewSet):
    """Who viewed, downloaded or exported personal data, when and from where (PDPA accountability)."""

    model = AuditLog
    icon = "history"
    menu_label = _("Audit log")
    menu_order = 810
    add_to_admin_menu = True
    index_view_class = AuditLogIndexView
    inspect_view_enabled = True
    form_fields = []  # never edited: the permission policy allows viewing only
    list_display = ["at", "actor", "action", "object_repr", "detail", "organization", "ip_address"]
    list_filter = ["action", "organization"]
    search_fields = ["object_repr", "detail", "object_id", "actor__username"]
    inspect_view_fields = ["at", "actor", "organization", "action", "object_type", "object_id", "object_repr",
                           "detail", "ip_address"]


@hooks.register("register_admin_viewset")
def register_audit_log():
    return AuditLogViewSet("audit_log", url_prefix="audit-log")
