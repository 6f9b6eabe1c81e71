"""LINE calls the webhook on the LGO's own host name (not language-prefixed)."""

from django.urls import path

from . import views

urlpatterns = [path("line/webhook/", views.webhook, name="lineoa_webhook")]
