"""The one way to narrow rows to an LGO: `TenantQuerySet.for_organization()` and `.for_request()`.

Every LGO-owned model's queryset inherits this (through `organizations.models.OrganizationOwned`, or directly, as
core's audit log does), so a tenancy rule lives in one definition and views never write `filter(organization=…)`.

Core knows no LGO model: rows are narrowed by the `organization_id` column, which an `organization` foreign key and
the audit log's plain id both have, and the request's LGO is found by the resolver the organizations app registers
(`set_request_resolver`) when it is ready.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Self

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q
from django.http import HttpRequest

_resolvers: list[Callable[[HttpRequest], Any]] = []


def set_request_resolver(resolver: Callable[[HttpRequest], Any]) -> None:
    """Register the function that tells which LGO (or None) a request is for (organizations does, in ready())."""
    _resolvers[:] = [resolver]


def organization_for_request(request: HttpRequest) -> Any:
    if not _resolvers:
        raise ImproperlyConfigured("No app registered how to find a request's LGO (core.tenants.set_request_resolver).")
    return _resolvers[0](request)


class TenantQuerySet(models.QuerySet):
    """Rows of one LGO. `shared_rows` also counts rows without an LGO as everyone's (national holidays)."""

    shared_rows = False

    def for_organization(self, organization: Any, *, shared: bool | None = None) -> Self:
        """Rows of `organization` (an LGO or its id); none for None, apart from shared rows. `shared` overrides
        the model's `shared_rows` (a superuser's view of unattributed webhook calls, for example)."""
        with_shared = self.shared_rows if shared is None else shared
        organization_id = getattr(organization, "pk", organization)
        no_organization = Q(organization_id__isnull=True)
        if organization_id is None:
            return self.filter(no_organization) if with_shared else self.none()
        mine = Q(organization_id=organization_id)
        return self.filter(mine | no_organization if with_shared else mine)

    def for_request(self, request: HttpRequest) -> Self:
        """Rows of the LGO whose site serves `request` (none for an unknown host)."""
        return self.for_organization(organization_for_request(request))
