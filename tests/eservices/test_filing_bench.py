"""`make bench-filing`'s two halves that decide whether its figure means anything: the load generator really files
through the wizard's own pages (it reads each form and answers it as a browser posts it), and the database check
after the run finds a lost case, a duplicated reference and a gap."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from eservices import library
from eservices.library import services as library_services
from eservices.models import Submission

BENCH = Path(__file__).resolve().parents[2] / "bench"
pytestmark = pytest.mark.django_db


@pytest.fixture
def http_filing(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCH))
    spec = importlib.util.spec_from_file_location("http_filing", BENCH / "http_filing.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "http_filing", module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def general_request(org_a):
    """The library's general request (three steps, an optional upload), the service the bench files."""
    template = library.get("general-request")
    department = library_services.default_department(org_a, template)
    (page,) = library_services.add_from_library(organization=org_a, choices=[("general-request", department)])
    return page


class ClientCitizen:
    """The bench's citizen over Django's test client instead of a socket (same cookies, same forms, CSRF on)."""

    def __init__(self) -> None:
        from django.test import Client

        self.client = Client(enforce_csrf_checks=True)
        self.requests = 0

    def request(self, method, path, body=None, content_type="", referer=""):
        response = self.client.generic(method, path, body or b"", content_type=content_type or "text/plain")
        self.requests += 1
        return response.status_code, response.get("Location", ""), response.content


def test_the_generator_files_through_the_wizards_own_pages(http_filing, general_request):
    path = general_request.get_url_parts()[2]
    filed = [http_filing.file_one(ClientCitizen(), path, n) for n in range(2)]
    cases = {s.tracking_token: s for s in Submission.objects.all()}
    assert len(cases) == 2
    for reference, token, requests in filed:
        assert cases[token].reference == reference
        assert requests == 11  # service page, start, 3 × (step, post), check, post, confirmation
    assert cases[filed[1][1]].answers["applicant_name"] == "นางสมศรี มีสุข 1"
    assert cases[filed[1][1]].answers["truthful"] is True
    assert http_filing.verify([(r, t) for r, t, _ in filed], since_pk=0) == []


def test_the_database_check_finds_loss_duplicates_and_gaps(http_filing, file_case):
    cases = [file_case() for _ in range(4)]
    confirmed = [(case.reference, case.tracking_token) for case in cases]
    assert http_filing.verify(confirmed, since_pk=0) == []

    lost = http_filing.verify([*confirmed, ("AAA-2569-000099", "no-such-token")], since_pk=0)
    assert any("not in the database" in problem for problem in lost)
    unconfirmed = http_filing.verify(confirmed[:3], since_pk=0)
    assert any("citizens saw 3 confirmations" in problem for problem in unconfirmed)

    twice = http_filing.verify([*confirmed[:3], (confirmed[2][0], confirmed[3][1])], since_pk=0)
    assert any("shown to two citizens" in problem for problem in twice)

    prefix = cases[0].reference.rsplit("-", 1)[0]
    Submission.objects.filter(pk=cases[2].pk).update(reference=f"{prefix}-000009")
    gap = http_filing.verify([(f"{prefix}-000009", cases[2].tracking_token) if case == cases[2] else
                              (case.reference, case.tracking_token) for case in cases], since_pk=0)
    assert any(problem.startswith(f"{prefix}: gaps at [3, 5, 6, 7, 8]") for problem in gap)
    assert any("counter at 4, last reference 9" in problem for problem in gap)


def test_the_confirmation_page_reads_the_case_with_its_site_in_one_query(client, file_case,
                                                                         django_assert_max_num_queries):
    """The last page of every filing reads the case with its LGO, the LGO's site (to check the host) and the
    department in one query, then its documents (and its invoices when a fee is due first)."""
    from django.urls import reverse

    case = file_case()
    url = reverse("eservices:confirmation", kwargs={"token": case.tracking_token})
    client.get(url)  # the site's settings, menus and fragments are cached by the first visit
    with django_assert_max_num_queries(3):  # the request's site, the case (LGO, its site, department), documents
        response = client.get(url)
    assert response.status_code == 200 and case.reference in response.content.decode()
