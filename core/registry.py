"""The one typed plugin registry: form field types, service kinds and payment providers are each a `Registry`.

A plug-in registers an instance under its key (`register`); the app that owns the extension point loads its
built-ins from its `AppConfig.ready()`, so looking something up never imports plug-in modules behind the caller's
back (that lazy import was how the field-type, service-kind and provider modules came to import each other).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class Registry(Generic[T]):
    """Items of one kind keyed by a string (`key(item)`), in registration order."""

    def __init__(self, what: str, *, key: Callable[[T], str]) -> None:
        self.what = what
        self._key = key
        self._items: dict[str, T] = {}

    def register(self, item: T) -> T:
        """Add `item`; an unnamed item, or a second item of another type under a taken key, is refused.

        Registering again an item of the same type replaces it (a module imported twice, e.g. under a reloader).
        """
        name = self._key(item)
        if not name:
            raise ValueError(f"{self.what} {item!r} has no key")
        existing = self._items.get(name)
        if existing is not None and type(existing) is not type(item):
            raise ValueError(f"{self.what} {name!r} is already registered")
        self._items[name] = item
        return item

    def get(self, name: str) -> T:
        try:
            return self._items[name]
        except KeyError:
            raise LookupError(f"Unknown {self.what} {name!r}") from None

    def get_or_none(self, name: str) -> T | None:
        return self._items.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[T]:
        return iter(list(self._items.values()))

    def __len__(self) -> int:
        return len(self._items)
