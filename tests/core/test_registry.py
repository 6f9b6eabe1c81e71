"""One typed plugin registry (core.registry) holds form field types, service kinds and payment providers."""

from __future__ import annotations

import pytest

from core.registry import Registry
from eservices.forms.registry import field_types
from eservices.kinds import registry as kinds
from payments.providers import registry as providers


def test_the_three_extension_points_are_registries_loaded_at_start_up():
    assert all(isinstance(r, Registry) for r in (field_types, kinds.kinds, providers.providers))
    assert {"short_text", "choice", "national_id", "file"} <= {t.name for t in field_types}
    assert {"generic", "complaint"} <= {k.key for k in kinds.kinds}
    assert {"counter", "gateway"} <= {p.code for p in providers.providers}


def test_lookups_and_fallbacks_keep_their_contract():
    assert kinds.get("no-such-plugin").key == kinds.GENERIC  # a removed plug-in falls back to the generic form
    assert providers.get("no-such-provider") is None  # the webhook view answers 404
    with pytest.raises(LookupError):
        field_types.get("no-such-type")


def test_a_registry_refuses_unnamed_items_and_clashing_keys():
    class Thing:
        def __init__(self, name):
            self.name = name

    class Other(Thing):
        pass

    things: Registry[Thing] = Registry("thing", key=lambda item: item.name)
    first = things.register(Thing("a"))
    with pytest.raises(ValueError):
        things.register(Thing(""))
    with pytest.raises(ValueError):
        things.register(Other("a"))
    assert things.get("a") is first and "a" in things and len(things) == 1
    again = things.register(Thing("a"))  # the same plug-in imported twice replaces itself
    assert things.get("a") is again
