"""Issue 9 item 19: officers go from the case waiting for payment to its invoice and back; the invoice is found by the
reference as printed, names the case, masks the national ID and shows the citizen's pay link and QR."""

from __future__ import annotations

import base64
import io
import re
from decimal import Decimal

import pytest
import zxingcpp
from PIL import Image

from eservices.constants import FeePoint
from eservices.constants import SubmissionStatus as S
from organizations.constants import Role
from payments.selectors import invoices_for_source

from .conftest import VALID_ID

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting_case(make_service, file_case, org_a):
    org_a.tax_id, org_a.biller_id = "0994000158807", "099400015880701"
    org_a.save()
    service = make_service("ขออนุญาตใช้เสียง", fee_point=FeePoint.ON_SUBMIT, fee_amount=Decimal("200.00"))
    case = file_case(service)
    assert case.status == S.AWAITING_PAYMENT
    return case


def test_case_and_invoice_link_to_each_other(client, waiting_case, org_a, make_officer,
                                             django_assert_max_num_queries):
    admin = make_officer(org_a, Role.LGO_ADMIN, username="aaa-lgo-admin")
    client.force_login(admin)
    invoice = invoices_for_source("eservices.submission", str(waiting_case.pk)).get()
    case_html = client.get(f"/admin/eservices/cases/{waiting_case.pk}/").content.decode()
    assert f'href="/admin/payments/invoices/{invoice.pk}/"' in case_html and invoice.number in case_html
    with django_assert_max_num_queries(40):
        response = client.get(f"/admin/payments/invoices/{invoice.pk}/")
    html = response.content.decode()
    assert f'<a href="/admin/eservices/cases/{waiting_case.pk}/">คำขอ e-Service เลขที่ {waiting_case.reference}</a>' \
        in html
    assert "eservices.submission" not in html
    assert VALID_ID not in html and "x-xxxx-xxxxx-70-8" in html
    pay_link = re.search(r'href="(http[^"]+/pay/[^"]+/)"', html).group(1)
    assert client.get(pay_link[pay_link.index("/pay/"):]).status_code == 200
    qr = re.search(r'<img src="data:image/png;base64,([^"]+)"', html).group(1)
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(base64.b64decode(qr))))
    assert decoded[0].text == invoice.qr_payload()


def test_invoice_search_takes_the_reference_as_printed(client, waiting_case, org_a, make_officer):
    client.force_login(make_officer(org_a, Role.LGO_ADMIN, username="aaa-lgo-admin"))
    invoice = invoices_for_source("eservices.submission", str(waiting_case.pk)).get()
    for query in (waiting_case.reference, waiting_case.reference.lower(), f" {waiting_case.reference} "):
        html = client.get("/admin/payments/", {"q": query}).content.decode()
        assert f"/admin/payments/invoices/{invoice.pk}/" in html, query


def test_officer_outside_finance_sees_the_invoice_number_without_a_link(client, waiting_case, org_a, make_officer):
    officer = make_officer(org_a, Role.OFFICER, username="aaa-clerk", department="office")
    client.force_login(officer)
    invoice = invoices_for_source("eservices.submission", str(waiting_case.pk)).get()
    html = client.get(f"/admin/eservices/cases/{waiting_case.pk}/").content.decode()
    assert invoice.number in html and "/admin/payments/invoices/" not in html
