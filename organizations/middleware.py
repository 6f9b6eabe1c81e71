"""Keep an account that still has its temporary password on the password screen until its owner sets their own."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

SESSION_FLAG = "thongthin_must_change_password"


def remember_password_change(sender, request: HttpRequest, user, **kwargs) -> None:
    """At sign-in, note in the session whether the password must change (one query per sign-in, not per page)."""
    from .models import PasswordChangeRequired

    if request is not None and hasattr(request, "session"):
        if PasswordChangeRequired.objects.filter(user=user).exists():
            request.session[SESSION_FLAG] = True
        else:
            request.session.pop(SESSION_FLAG, None)


class PasswordChangeMiddleware:
    """Admin pages other than the password screen and sign-out redirect there while the flag is set.

    Only /admin/ requests look at the session, so public pages stay cacheable (no Vary: Cookie added).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/admin/") and request.session.get(SESSION_FLAG):
            target = reverse("lgo_change_password")
            if request.path not in (target, reverse("wagtailadmin_logout")) and "jsi18n" not in request.path:
                return HttpResponseRedirect(target)
        return self.get_response(request)
