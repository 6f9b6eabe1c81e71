"""The provider registry: `register()` a provider class once; look it up by its code."""

from __future__ import annotations

from .base import PaymentProvider

_providers: dict[str, PaymentProvider] = {}


def register(provider_class: type[PaymentProvider]) -> type[PaymentProvider]:
    """Class decorator: make a provider available under its `code` (a code registers once)."""
    provider = provider_class()
    if not provider.code:
        raise ValueError(f"{provider_class.__name__} has no code")
    if provider.code in _providers and type(_providers[provider.code]) is not provider_class:
        raise ValueError(f"payment provider {provider.code!r} is already registered")
    _providers[provider.code] = provider
    return provider_class


def get(code: str) -> PaymentProvider | None:
    _load_builtin()
    return _providers.get(code)


def _load_builtin() -> None:
    from . import counter, gateway  # noqa: F401  (registering happens on import)
