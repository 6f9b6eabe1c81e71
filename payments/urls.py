"""Public (language-prefixed) URLs of payments: the pay page and its QR downloads."""

from django.urls import path, re_path

from . import views

app_name = "payments"

urlpatterns = [
    path("pay/<str:token>/", views.invoice_public, name="invoice_public"),
    re_path(r"^pay/(?P<token>[^/]+)/qr\.(?P<fmt>png|svg)$", views.invoice_qr, name="invoice_qr"),
]
