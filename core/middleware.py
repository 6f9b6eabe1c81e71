"""Security headers Django and django-csp do not set themselves, and the refusal of NUL characters in addresses."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse


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


class RefuseNulMiddleware:
    """A NUL character in the path gives 404 and one in the query string 400, before any view runs.

    No address of this site contains one, and PostgreSQL refuses NUL in text ("A string literal cannot contain NUL"),
    so a `/track/%00/` or `?q=%00` reaching a look-up would be a 500. One check here covers every URL, present and
    future; forms already refuse NUL in posted text (Django's ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path:
            raise Http404
        if "\x00" in request.META.get("QUERY_STRING", "") or any(
                "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            raise BadRequest("NUL character in the query string")
        return self.get_response(request)
