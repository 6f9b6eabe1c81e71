"""Template context every page needs: the LGO that serves this request."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

_UNSET = object()


def get_current_organization(request: HttpRequest):
    """The request's Organization (or None), looked up once per request."""
    cached = getattr(request, "_current_organization", _UNSET)
    if cached is _UNSET:
        from organizations.models import Organization

        cached = Organization.objects.for_request(request)
        request._current_organization = cached
    return cached


def organization(request: HttpRequest) -> dict:
    """`current_organization`: looked up lazily, so templates that never use it cost no query."""
    return {"current_organization": SimpleLazyObject(lambda: get_current_organization(request))}
