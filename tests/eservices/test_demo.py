"""The demo catalogue: 12+ real services per demo LGO with complete manuals, cases in every status, idempotent."""

from __future__ import annotations

import io

import pytest

from core.demo import DemoContext
from eservices.constants import SubmissionStatus
from eservices.models import ServicePage, Submission

pytestmark = pytest.mark.django_db


def test_demo_catalogue_and_cases_in_every_status():
    import eservices.demo
    import organizations.demo

    ctx = DemoContext(stdout=io.StringIO(), password="demo-Pass-123")
    organizations.demo.load(ctx)
    eservices.demo.load(ctx)
    for organization in ctx.organizations:
        services = ServicePage.objects.filter(department__organization=organization).live()
        assert services.count() >= 12
        for page in services:
            page.full_clean()  # every manual passes the editor's own validation
            assert page.process_name and page.legal_basis and page.criteria and len(page.process_steps)
            assert page.no_documents_required or len(page.required_documents)
        statuses = set(Submission.objects.filter(organization=organization).values_list("status", flat=True))
        assert statuses == set(SubmissionStatus.values)
    counts = (ServicePage.objects.count(), Submission.objects.count())
    eservices.demo.load(ctx)
    assert (ServicePage.objects.count(), Submission.objects.count()) == counts
