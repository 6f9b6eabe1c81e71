"""What the officer pages of payments and of the apps that bill through it (wastefees) share."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.http import HttpRequest

from organizations.models import Organization
from organizations.tenancy import active_organization

PAGE_SIZE = 50


def officer_organization(request: HttpRequest, check: Callable[..., bool]) -> Organization:
    """The officer's active LGO, when `check(user, organization)` allows them there; else PermissionDenied."""
    organization = active_organization(request)
    if not check(request.user, organization):
        raise PermissionDenied
    return organization


def page_of(request: HttpRequest, queryset, per_page: int = PAGE_SIZE) -> Page:
    """The page named by ?p= (the last one when past the end)."""
    return Paginator(queryset, per_page).get_page(request.GET.get("p"))
