"""Security headers Django and django-csp do not set themselves."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class SecurityHeadersMiddleware:
    """Add Permissions-Policy (settings.PERMISSIONS_POLICY) and relax the CSP for the Wagtail admin only.

    The public site runs without inline or eval'd scripts, so its Content-Security-Policy forbids them; the Wagtail
    admin needs inline scripts, so responses under settings.ADMIN_URL_PREFIXES get
    settings.ADMIN_CONTENT_SECURITY_POLICY_REPLACE. Must come after csp.middleware.CSPMiddleware in MIDDLEWARE so
    that this runs first on the way out.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        if request.path.startswith(tuple(getattr(settings, "ADMIN_URL_PREFIXES", ("/admin/",)))):
            replace = getattr(settings, "ADMIN_CONTENT_SECURITY_POLICY_REPLACE", None)
            if replace and getattr(response, "_csp_replace", None) is None:
                response._csp_replace = replace
        return response
