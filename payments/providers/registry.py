"""The provider registry: `register()` a provider class once; look it up by its code.

A `core.registry.Registry` of provider instances; the built-ins (counter, gateway) are loaded by
`PaymentsConfig.ready()`.
"""

from __future__ import annotations

from operator import attrgetter

from core.registry import Registry

from .base import PaymentProvider

providers: Registry[PaymentProvider] = Registry("payment provider", key=attrgetter("code"))


def register(provider_class: type[PaymentProvider]) -> type[PaymentProvider]:
    """Class decorator: make a provider available under its `code` (a code registers once)."""
    providers.register(provider_class())
    return provider_class


def get(code: str) -> PaymentProvider | None:
    return providers.get_or_none(code)
