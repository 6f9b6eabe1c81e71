"""Unprefixed URLs: the gateway webhook, receipt PDF downloads and the receipt verification page (printed as a QR)."""

from django.urls import path

from . import views

app_name = "payments_api"

urlpatterns = [
    path("payments/webhook/<slug:provider>/", views.webhook, name="webhook"),
    path("payments/receipt/<str:token>/", views.receipt_download, name="receipt_pdf"),
    path("verify/r/<str:code>/", views.verify_receipt, name="verify_receipt"),
]
