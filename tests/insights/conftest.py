"""Fixtures for dashboard, province and open-data tests: the e-service fixtures (catalogue, services, cases)."""

from tests.eservices.conftest import _thai_by_default, catalogue, file_case, make_service, service  # noqa: F401
