"""The registry of service kinds, keyed by `ServiceKind.key` (stored on `ServicePage.service_kind`)."""

from __future__ import annotations

from .base import ServiceKind

GENERIC = "generic"
_kinds: dict[str, ServiceKind] = {}


def register(kind: ServiceKind) -> ServiceKind:
    if not kind.key or kind.key in _kinds:
        raise ValueError(f"Service kind {kind.key!r} is unnamed or already registered")
    _kinds[kind.key] = kind
    return kind


def _load_builtins() -> None:
    if not _kinds:
        from . import complaint, generic  # noqa: F401


def get(key: str) -> ServiceKind:
    """The kind for `key`; an unknown key (a plug-in removed) falls back to the generic kind."""
    _load_builtins()
    return _kinds.get(key) or _kinds[GENERIC]


def choices() -> list[tuple[str, str]]:
    _load_builtins()
    return [(kind.key, kind.label) for kind in _kinds.values()]
