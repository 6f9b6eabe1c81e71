"""The registry of service kinds, keyed by `ServiceKind.key` (stored on `ServicePage.service_kind`).

A `core.registry.Registry`; the built-in kinds (generic, complaint) are loaded by `EservicesConfig.ready()`.
"""

from __future__ import annotations

from operator import attrgetter

from core.registry import Registry

from .base import ServiceKind

GENERIC = "generic"
kinds: Registry[ServiceKind] = Registry("service kind", key=attrgetter("key"))


def register(kind: ServiceKind) -> ServiceKind:
    return kinds.register(kind)


def get(key: str) -> ServiceKind:
    """The kind for `key`; an unknown key (a plug-in removed) falls back to the generic kind."""
    return kinds.get_or_none(key) or kinds.get(GENERIC)


def choices() -> list[tuple[str, str]]:
    return [(kind.key, kind.label) for kind in kinds]
