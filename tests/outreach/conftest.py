"""Outreach tests reuse the e-service fixtures: a catalogue and services under org_a's home page."""

from tests.eservices.conftest import (  # noqa: F401 -- fixtures
    GOOD_ANSWERS,
    _thai_by_default,
    catalogue,
    file_case,
    make_service,
    service,
)
