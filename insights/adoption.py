"""The province adoption view's figures: which of a province's LGOs are on the deployment, which really use it,
and which of the five systems each uses, with the three tables of the research (percentages rounded half up to
2 decimals: 3 of 17 is 17.65 %).

"Active" means at least one of the five systems used in the last 90 days: an e-service case filed or decided, a
payment recorded, a letter registered. Building-permit and food-place cases are told apart from other e-service
cases by their service kind (`building_permit*`, `food_place*`; helpers/contracts/dashboards.md).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Case, CharField, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eservices.models import Submission
from organizations.constants import OrganizationKind
from organizations.models import Organization
from payments.models import Payment
from saraban.models import Document

from .models import RegistryEntry
from .queries import percent

ACTIVE_DAYS = 90
CACHE_SECONDS = 3600

OSS, BUILDING_PERMIT, FOOD_PLACE, FEES, CORRESPONDENCE = (
    "oss", "building_permit", "food_place", "fees", "correspondence")
SYSTEMS = {
    OSS: _("OSS e-services"),
    BUILDING_PERMIT: _("Building permit"),
    FOOD_PLACE: _("Food-place notification"),
    FEES: _("Fee payment"),
    CORRESPONDENCE: _("E-correspondence"),
}
#: Service-kind prefixes of the two licensing systems; every other e-service case counts as OSS e-services.
KIND_PREFIXES = {BUILDING_PERMIT: "building_permit", FOOD_PLACE: "food_place"}


@dataclass
class LGOStatus:
    dla_code: str
    name_th: str
    kind: str
    district: str
    organization_id: int | None = None
    organization_code: str = ""
    systems: list[str] = field(default_factory=list)

    @property
    def registered(self) -> bool:
        return self.organization_id is not None

    @property
    def active(self) -> bool:
        return bool(self.systems)


@dataclass
class KindFigures:
    """One row of the three research tables, for one kind of LGO or for all of them (kind "total")."""

    kind: str
    total: int = 0
    registered: int = 0
    active: int = 0

    @property
    def registered_percent(self) -> Decimal | None:
        return percent(self.registered, self.total)

    @property
    def active_percent_of_registered(self) -> Decimal | None:
        return percent(self.active, self.registered)

    @property
    def inactive(self) -> int:
        return self.registered - self.active

    @property
    def inactive_percent_of_registered(self) -> Decimal | None:
        return percent(self.inactive, self.registered)

    @property
    def active_percent_of_total(self) -> Decimal | None:
        return percent(self.active, self.total)

    @property
    def label(self) -> str:
        return str(dict(OrganizationKind.choices).get(self.kind, _("All LGOs")))

    def as_dict(self) -> dict:
        keys = ("kind", "total", "registered", "registered_percent", "active", "active_percent_of_registered",
                "inactive", "inactive_percent_of_registered", "active_percent_of_total")
        return {key: getattr(self, key) for key in keys}


@dataclass
class Adoption:
    province: str
    as_of: dt.date
    lgos: list[LGOStatus]
    by_kind: list[KindFigures]
    total: KindFigures
    #: system → (LGOs using it, % of registered, % of all)
    systems: list[tuple[str, int, Decimal | None, Decimal | None]]


def _systems_since(organization_ids: list[int], since: dt.datetime) -> dict[int, set[str]]:
    """Which systems each LGO used since `since` (five DISTINCT queries over the province's rows in the window)."""
    used: dict[int, set[str]] = defaultdict(set)
    system = Case(*(When(service_kind__startswith=prefix, then=Value(key)) for key, prefix in KIND_PREFIXES.items()),
                  default=Value(OSS), output_field=CharField())
    cases = Submission.objects.filter(organization_id__in=organization_ids)

    def distinct(queryset: QuerySet) -> QuerySet:
        return queryset.annotate(system=system).values_list("organization_id", "system").distinct().order_by()

    for queryset in (cases.filter(received_at__gte=since), cases.filter(submitted_at__gte=since),
                     cases.filter(decided_at__gte=since)):
        for organization_id, key in distinct(queryset):
            used[organization_id].add(key)
    for organization_id in (Payment.objects.filter(organization_id__in=organization_ids, created_at__gte=since)
                            .values_list("organization_id", flat=True).distinct().order_by()):
        used[organization_id].add(FEES)
    for organization_id in (Document.objects.filter(organization_id__in=organization_ids, registered_at__gte=since)
                            .values_list("organization_id", flat=True).distinct().order_by()):
        used[organization_id].add(CORRESPONDENCE)
    return used


def compute_adoption(province: str, *, now: dt.datetime | None = None) -> Adoption:
    """The province's LGOs (the registry, plus any LGO of the province on the deployment missing from it)."""
    now = now or timezone.now()
    registry = list(RegistryEntry.objects.filter(province=province).order_by("district", "name_th"))
    organizations = {o.dla_code: o for o in Organization.objects.filter(
        Q(province=province) | Q(dla_code__in=[entry.dla_code for entry in registry]))}
    lgos = [LGOStatus(e.dla_code, e.name_th, e.kind, e.district) for e in registry]
    listed = {lgo.dla_code for lgo in lgos}
    lgos += [LGOStatus(o.dla_code, o.name_th, o.kind, o.district) for code, o in sorted(organizations.items())
             if code not in listed]
    used = _systems_since([o.pk for o in organizations.values()], now - dt.timedelta(days=ACTIVE_DAYS))
    for lgo in lgos:
        organization = organizations.get(lgo.dla_code)
        if organization is not None:
            lgo.organization_id, lgo.organization_code = organization.pk, organization.code
            lgo.systems = [key for key in SYSTEMS if key in used.get(organization.pk, ())]
    figures = {kind: KindFigures(kind) for kind in OrganizationKind.values}
    total = KindFigures("total")
    for lgo in lgos:
        for row in (figures[lgo.kind], total):
            row.total += 1
            row.registered += lgo.registered
            row.active += lgo.active
    systems = []
    for key in SYSTEMS:
        count = sum(1 for lgo in lgos if key in lgo.systems)
        systems.append((key, count, percent(count, total.registered), percent(count, total.total)))
    return Adoption(province, timezone.localtime(now).date(), lgos, list(figures.values()), total, systems)


def _cache_key(province: str) -> str:
    return f"insights:adoption:{province}:{timezone.localtime():%Y%m%d%H}"


def forget_adoption(province_names: list[str]) -> None:
    """Drop the cached figures of these provinces (after a registry import or an LGO added)."""
    cache.delete_many([_cache_key(name) for name in province_names])


def adoption(province: str) -> Adoption:
    """`compute_adoption`, cached for the hour (a national deployment's province has hundreds of LGOs)."""
    key = _cache_key(province)
    result = cache.get(key)
    if result is None:
        result = compute_adoption(province)
        cache.set(key, result, CACHE_SECONDS)
    return result


def provinces() -> list[str]:
    """Every province with registry entries or LGOs on the deployment, in Thai alphabetical order."""
    names = set(RegistryEntry.objects.values_list("province", flat=True).distinct())
    names |= set(Organization.objects.values_list("province", flat=True).distinct())
    return sorted(name for name in names if name)
