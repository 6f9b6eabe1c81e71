"""Notifications that could not be delivered, in the admin: the LGO administrator sees their own and sends again.

The outbox is core's (`core.models.NotificationDelivery`, written by `core.notifications.notify`); like the audit log
it keeps the LGO as an id. This screen belongs to organizations, which knows who administers which LGO: it lists the
rows of the LGOs the user administers (a superuser: all), shows each recipient masked, and offers a retry button
that goes through the one write path, `core.notifications.retry_delivery`.
"""

from __future__ import annotations

import django_filters
from django.contrib import messages
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from core.constants import DeliveryStatus
from core.models import NotificationDelivery
from core.notifications import mask, retry_delivery

from .admin_views import ScopedIndexView, ScopedInspectView, ScopedViewSet
from .audit_log import with_organization_name
from .tenancy import managed_organizations, scope_to_managed


class LGOAdministratorsMayView(ModelPermissionPolicy):
    """Viewing (and retrying) for whoever administers an LGO; nobody adds, edits or deletes delivery records."""

    def user_has_permission(self, user, action):
        return action == "view" and managed_organizations(user).exists()


register_permission_policy(NotificationDelivery, LGOAdministratorsMayView(NotificationDelivery))


class DeliveryFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("status"), choices=DeliveryStatus.choices)

    class Meta:
        model = NotificationDelivery
        fields = ["status", "channel"]


class RetryColumn(Column):
    cell_template_name = "organizations/notifications/retry_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["csrf_token"] = get_token(parent_context["request"])
        context["can_retry"] = instance.status != DeliveryStatus.SENT
        return context


class DeliveryIndexView(ScopedIndexView):
    def get_base_queryset(self):
        return with_organization_name(super().get_base_queryset())


class DeliveryInspectView(ScopedInspectView):
    def get_recipient_display_value(self):
        return mask(self.object.recipient)

    def get_organization_id_display_value(self):
        from .models import Organization

        return Organization.objects.filter(pk=self.object.organization_id).values_list("name_th", flat=True).first() \
            or "—"


class RetryView(View):
    """POST only: queue one delivery of the user's own LGOs again, then back to the list."""

    def post(self, request, pk: int):
        delivery = scope_to_managed(NotificationDelivery.objects.all(), request.user, field="organization_id") \
            .filter(pk=pk).first()
        if delivery is None:
            raise Http404
        delivery = retry_delivery(delivery=delivery, actor=request.user)
        if delivery.status == DeliveryStatus.SENT:
            messages.success(request, _("The notification was sent."))
        else:
            messages.warning(request, _("The notification could not be sent yet: %(error)s") % {
                "error": delivery.last_error or "—"})
        return redirect("notification_deliveries:index")


class NotificationDeliveryViewSet(ScopedViewSet):
    """E-mails (and other notifications) waiting for a retry or given up on, per LGO, with a retry button."""

    model = NotificationDelivery
    icon = "mail"
    menu_label = _("Undelivered notifications")
    menu_order = 820
    add_to_admin_menu = True
    scope_field = "organization_id"
    index_view_class = DeliveryIndexView
    inspect_view_class = DeliveryInspectView
    inspect_view_enabled = True
    form_fields = []
    list_display = ["created_at", "template_key", "channel",
                    Column("masked_recipient", label=_("recipient"), accessor=lambda row: mask(row.recipient)),
                    "status", "attempts", "last_error", "next_attempt_at",
                    Column("organization_name", label=_("organization")),
                    RetryColumn("retry", label=_("send again"))]
    filterset_class = DeliveryFilterSet
    search_fields = ["recipient", "subject", "template_key"]
    inspect_view_fields = ["created_at", "organization_id", "channel", "template_key", "recipient", "subject",
                           "status", "attempts", "last_error", "next_attempt_at", "sent_at"]

    def get_queryset(self, request):
        """Delivered messages are not this screen's business: it lists what still needs attention."""
        return NotificationDelivery.objects.exclude(status=DeliveryStatus.SENT)

    def get_urlpatterns(self):
        return [*super().get_urlpatterns(), path("<int:pk>/retry/", RetryView.as_view(), name="retry")]
