"""The admin sign-in and password-reset forms, throttled (settings.WAGTAILADMIN_USER_LOGIN_FORM and
WAGTAILADMIN_USER_PASSWORD_RESET_FORM)."""

from __future__ import annotations

import logging

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm, PasswordResetForm

from . import login_throttle, ratelimit
from .audit import client_ip

logger = logging.getLogger("thongthin.security")


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


class ThrottledPasswordResetForm(PasswordResetForm):
    """Send at most a few reset e-mails per e-mail address and per client address in the window.

    Past the limit nothing is sent, and the page says what it always says ("if an account exists, an e-mail is on
    its way"): a flood neither fills an officer's mailbox nor tells which addresses belong to accounts.
    """

    def save(self, *args, request=None, **kwargs):
        email = (self.cleaned_data.get("email") or "").strip().lower()
        address = client_ip(request) or "unknown"
        window = settings.PASSWORD_RESET_THROTTLE_WINDOW_SECONDS
        per_email = ratelimit.record_attempt("password-reset", email, window_seconds=window)
        per_address = ratelimit.record_attempt("password-reset-ip", address, window_seconds=window)
        if per_email > settings.PASSWORD_RESET_THROTTLE_PER_EMAIL or \
                per_address > settings.PASSWORD_RESET_THROTTLE_PER_ADDRESS:
            logger.warning("Password reset not sent (throttled): email=%r address=%s", email, address)
            return None
        return super().save(*args, request=request, **kwargs)
