"""Public (language-prefixed) URLs of wastefees: the citizen look-up and the account page behind a signed link."""

from django.urls import path

from . import views

app_name = "wastefees"

urlpatterns = [
    path("waste-fees/", views.lookup, name="lookup"),
    path("waste-fees/account/<str:token>/", views.account, name="account"),
]
