"""The audit log in the admin: read-only, and an LGO administrator sees only their own LGO's entries.

The log itself is core's (`core.models.AuditLog`, written by `core.audit.log_access`); it keeps the LGO as an id
because core names no app. This screen belongs to organizations, which knows LGOs: it scopes the list to the LGOs the
user administers and shows each entry's LGO by name.
"""

from __future__ import annotations

import django_filters
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy

from core.models import AuditAction, AuditLog

from .admin_views import ReadOnlyPermissionPolicy, ScopedIndexView, ScopedInspectView, ScopedViewSet
from .models import Organization
from .tenancy import managed_organizations

register_permission_policy(AuditLog, ReadOnlyPermissionPolicy(AuditLog))


def with_organization_name(queryset):
    return queryset.annotate(organization_name=Subquery(
        Organization.objects.filter(pk=OuterRef("organization_id")).values("name_th")[:1]))


class AuditLogFilterSet(WagtailFilterSet):
    action = django_filters.ChoiceFilter(label=_("action"), choices=AuditAction.choices)
    organization = django_filters.ModelChoiceFilter(
        label=_("organization"), queryset=Organization.objects.none(), method="filter_organization")

    class Meta:
        model = AuditLog
        fields = ["action"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        self.filters["organization"].queryset = managed_organizations(user).order_by("name_th")

    def filter_organization(self, queryset, name, value):
        return queryset.for_organization(value) if value else queryset


class AuditLogIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return with_organization_name(super().get_base_queryset().select_related("actor"))


class AuditLogInspectView(ScopedInspectView):
    def get_organization_id_display_value(self):
        return Organization.objects.filter(pk=self.object.organization_id).values_list("name_th", flat=True).first() \
            or "—"


class AuditLogViewSet(ScopedViewSet):
    """Who viewed, downloaded or exported personal data, when and from where (PDPA accountability)."""

    model = AuditLog
    icon = "history"
    menu_label = _("Audit log")
    menu_order = 810
    add_to_admin_menu = True
    scope_field = "organization_id"
    index_view_class = AuditLogIndexView
    inspect_view_class = AuditLogInspectView
    inspect_view_enabled = True
    form_fields = []  # never edited: the permission policy allows viewing only
    list_display = ["at", "actor", "action", "object_repr", "detail",
                    Column("organization_name", label=_("organization")), "ip_address"]
    filterset_class = AuditLogFilterSet
    search_fields = ["object_repr", "detail", "object_id", "actor__username"]
    inspect_view_fields = ["at", "actor", "organization_id", "action", "object_type", "object_id", "object_repr",
                           "detail", "ip_address"]
