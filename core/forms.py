"""The admin sign-in form with throttling of failed attempts (settings.WAGTAILADMIN_USER_LOGIN_FORM)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from . import login_throttle


class ThrottledLoginForm(LoginForm):
    """Refuse to even check the password once an account (or address) has failed too often in the window.

    The refusal does not say whether the password was right, so guessing stays blind during the lock-out.
    """

    error_messages = {
        **LoginForm.error_messages,
        "throttled": _(
            "Too many failed sign-in attempts. For your security, please wait %(minutes)s minutes and try again, "
            "or contact your LGO administrator."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if login_throttle.is_blocked(self.request, username):
            raise forms.ValidationError(
                self.error_messages["throttled"], code="throttled",
                params={"minutes": max(1, settings.LOGIN_THROTTLE_WINDOW_SECONDS // 60)},
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            login_throttle.record_failure(self.request, username)
            raise
        login_throttle.record_success(self.request, username)
        return cleaned
