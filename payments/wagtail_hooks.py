"""The "การเงิน" (Payments) menu and officer pages in the Wagtail admin."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from organizations.tenancy import allowed_anywhere

from . import admin_views
from .permissions import can_view_payments

app_name = "payments_admin"
admin_urlpatterns = [
    path("", admin_views.invoice_list, name="invoices"),
    path("invoices/<int:pk>/", admin_views.invoice_detail, name="invoice"),
    path("receipts/", admin_views.receipt_list, name="receipts"),
    path("receipts/<int:pk>/pdf/", admin_views.receipt_download, name="receipt_pdf"),
    path("receipts/<int:pk>/void/", admin_views.receipt_void, name="receipt_void"),
    path("statements/", admin_views.statement_import, name="statements"),
    path("statements/<int:pk>/", admin_views.statement_detail, name="statement"),
    path("queue/", admin_views.queue, name="queue"),
    path("queue/<int:pk>/", admin_views.queue_item, name="queue_item"),
    path("webhooks/", admin_views.webhook_events, name="webhooks"),
]


def may_see_payments(request) -> bool:
    """Whether the menu shows: the officer may see payments in any LGO they work for."""
    return allowed_anywhere(request.user, can_view_payments)


class PaymentsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_see_payments(request)


class PaymentsMenu(SubmenuMenuItem):
    def is_shown(self, request) -> bool:
        return may_see_payments(request)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("payments/", include((admin_urlpatterns, app_name), namespace=app_name))]


@hooks.register("register_admin_menu_item")
def register_menu():
    entries = [
        (_("Invoices"), "payments_admin:invoices", "doc-full"),
        (_("Receipts"), "payments_admin:receipts", "doc-full-inverse"),
        (_("Import bank statement"), "payments_admin:statements", "upload"),
        (_("Reconciliation queue"), "payments_admin:queue", "warning"),
        (_("Gateway notifications"), "payments_admin:webhooks", "link"),
    ]
    items = [PaymentsMenuItem(label, reverse(name), name=name.replace(":", "-"), icon_name=icon, order=index)
             for index, (label, name, icon) in enumerate(entries)]
    return PaymentsMenu(_("Payments"), Menu(items=items), name="payments", icon_name="form", order=220)
