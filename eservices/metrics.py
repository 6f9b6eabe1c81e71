"""Cases by status per LGO for Prometheus (`/metrics`), gathered at scrape time in one grouped query."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count
from prometheus_client.core import GaugeMetricFamily


def cases_by_status() -> Iterable[Any]:
    from organizations.models import Organization

    from .models import Submission

    codes = dict(Organization.objects.values_list("pk", "code"))
    family = GaugeMetricFamily("thongthin_cases", "E-service cases by status, per LGO", labels=["lgo", "status"])
    for row in Submission.objects.values("organization_id", "status").annotate(n=Count("pk")).order_by():
        family.add_metric([codes.get(row["organization_id"], str(row["organization_id"])), row["status"]], row["n"])
    yield family
