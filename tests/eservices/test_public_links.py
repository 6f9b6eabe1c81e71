"""Links in e-mails, receipts and issued documents open where the site is actually served (issue 9 item 2).

Inside a request for the LGO's site they are built from the request (its scheme, host and port); outside a request,
or on another LGO's host, from the LGO's Wagtail Site; a stored PDF drawn for another address is drawn again.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from core.requestmemo import RequestMemoMiddleware
from eservices import services
from eservices.constants import DocumentKind
from organizations.constants import Role

from .test_documents import decode_qr_codes, needs_pdftoppm

pytestmark = pytest.mark.django_db


def qr(pdf: bytes, tmp_path, name: str) -> list[str]:
    folder = tmp_path / name
    folder.mkdir()
    return decode_qr_codes(pdf, folder)


def in_request(host: str, work):
    """Run `work()` while a request for `host` is being answered (as a view would)."""
    result = {}

    def view(request):
        result["value"] = work()
        return HttpResponse()

    RequestMemoMiddleware(view)(RequestFactory().get("/", HTTP_HOST=host))
    return result["value"]


def test_confirmation_email_links_to_the_host_and_port_the_citizen_used(file_case, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = in_request("testserver:8123", lambda: file_case())
    body = "\n".join(message.body for message in mail.outbox if case.reference in message.body)
    assert f"http://testserver:8123/track/{case.tracking_token}/" in body


def test_outside_a_request_and_on_another_lgos_host_links_use_the_registered_site(
        file_case, org_b, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = file_case()
        second = in_request("b.test:8123", lambda: file_case())  # a request, but for another LGO's site
    bodies = "\n".join(message.body for message in mail.outbox)
    for case in (first, second):
        assert f"http://testserver/track/{case.tracking_token}/" in bodies
    assert ":8123" not in bodies


@needs_pdftoppm
def test_receipt_qr_follows_the_served_address_and_is_drawn_again_when_it_changes(client, file_case, tmp_path,
                                                                                  monkeypatch):
    from eservices import documents

    case = file_case()
    url = reverse("eservices:receipt", kwargs={"token": case.tracking_token})
    first = client.get(url, HTTP_HOST="testserver:8123").content
    assert qr(first, tmp_path, "a") == [f"http://testserver:8123/track/{case.tracking_token}/"]
    moved = client.get(url, HTTP_HOST="testserver:9000").content
    assert qr(moved, tmp_path, "b") == [f"http://testserver:9000/track/{case.tracking_token}/"]
    case.refresh_from_db()
    stored = case.receipt_file.name
    monkeypatch.setattr(documents, "render_receipt_pdf", lambda *a, **k: pytest.fail("drawn again needlessly"))
    assert client.get(url, HTTP_HOST="testserver:9000").content == moved
    case.refresh_from_db()
    assert case.receipt_file.name == stored


@needs_pdftoppm
def test_issued_document_qr_is_drawn_again_for_the_address_it_is_downloaded_from(client, make_service, file_case,
                                                                                 make_officer, org_a, tmp_path):
    service = make_service("ขอหนังสือรับรองการแจ้ง", issues_document=DocumentKind.CERTIFICATE, document_validity_days=30)
    officer = make_officer(org_a, Role.OFFICER, department="office")
    case = file_case(service)
    services.act(submission=case, action="accept", actor=officer)
    services.act(submission=case, action="approve", actor=officer)  # outside a request: the registered site
    document = case.issued_documents.get()
    assert qr(document.pdf.read(), tmp_path, "a") == [
        f"http://testserver/verify/{document.verification_code}/"]
    download = reverse("eservices:citizen_document", kwargs={"token": case.tracking_token, "document_id": document.pk})
    response = client.get(download, HTTP_HOST="testserver:8123")
    pdf = b"".join(response.streaming_content)
    assert qr(pdf, tmp_path, "b") == [f"http://testserver:8123/verify/{document.verification_code}/"]
