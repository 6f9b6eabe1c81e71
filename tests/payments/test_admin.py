"""Officer pages: tenancy, roles, counter payments, voids, statement upload, the queue, bounded queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.utils import timezone

from core.models import AuditLog
from organizations.constants import Role
from payments.constants import InvoiceStatus, PaymentChannel, ReconciliationStatus
from payments.models import Payment, Receipt, ReconciliationItem
from payments.services import InvoiceLineData, create_invoice, record_payment

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign_invoice(org_b):
    return create_invoice(organization=org_b, payer_name="ผู้ชำระ ต่างเมือง", ref1="BBB1", due_date=None,
                          lines=[InvoiceLineData(description="ค่าธรรมเนียม", amount=Decimal("10"))],
                          source_type="tests.other", source_id="1")


def refused(response) -> bool:
    """Wagtail turns PermissionDenied in admin views into a redirect to the dashboard with an error message."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == "/admin/")


def login(client, user):
    client.force_login(user)
    return client


def test_invoice_list_is_tenancy_scoped_and_bounded(client, make_invoice, cashier, foreign_invoice,
                                                     django_assert_max_num_queries):
    for n in range(30):
        invoice = make_invoice("10.00", payer_name=f"ผู้ชำระ {n}")
        if n % 3 == 0:
            record_payment(invoice=invoice, amount=Decimal("10.00"), channel=PaymentChannel.COUNTER_CASH,
                           provider="counter", provider_reference=f"adm-{n}", paid_at=timezone.now())
    login(client, cashier)
    with django_assert_max_num_queries(30):
        response = client.get("/admin/payments/")
    html = response.content.decode()
    assert response.status_code == 200 and "ผู้ชำระ 29" in html and "ต่างเมือง" not in html
    assert client.get(f"/admin/payments/invoices/{foreign_invoice.pk}/").status_code == 404
    with django_assert_max_num_queries(30):
        receipts = client.get("/admin/payments/receipts/")
    assert receipts.status_code == 200 and receipts.content.decode().count("/pdf/") == 10
    with django_assert_max_num_queries(30):
        assert client.get("/admin/payments/webhooks/").status_code == 200
    search = client.get("/admin/payments/?q=BBB1")
    assert "ต่างเมือง" not in search.content.decode()
    assert AuditLog.objects.filter(action="search", actor=cashier).exists()


def test_officer_outside_finance_is_refused(client, lgo, make_officer):
    pr = make_officer(lgo, Role.PR_EDITOR, username="pr")
    login(client, pr)
    assert refused(client.get("/admin/payments/"))
    assert refused(client.get("/admin/payments/statements/"))


def test_menus_ask_only_the_officers_lgos_and_never_list_them_for_a_superuser(
        org_a, org_b, make_officer, django_user_model, django_assert_num_queries):
    from payments.wagtail_hooks import may_see_payments
    from wastefees.wagtail_hooks import may_see_wastefees

    request = RequestFactory().get("/admin/")
    request.user = django_user_model.objects.create_superuser("root", "root@example.com", "pw-Thongthin-1")
    with django_assert_num_queries(0):
        assert may_see_payments(request) and may_see_wastefees(request)
    request.user = make_officer(org_b, Role.OFFICER, username="fin-b", department="finance")
    assert may_see_payments(request) and may_see_wastefees(request)
    request.user = make_officer(org_a, Role.PR_EDITOR, username="pr")
    assert not may_see_payments(request) and not may_see_wastefees(request)
    request.user = AnonymousUser()
    assert not may_see_payments(request) and not may_see_wastefees(request)


def test_counter_payment_double_submit_records_once(client, make_invoice, cashier):
    invoice = make_invoice("120.00")
    login(client, cashier)
    page = client.get(f"/admin/payments/invoices/{invoice.pk}/")
    token = page.context["pay_form"].initial["form_token"]
    data = {"action": "pay", "amount": "120.00", "channel": PaymentChannel.COUNTER_CASH, "form_token": token}
    first = client.post(f"/admin/payments/invoices/{invoice.pk}/", data)
    second = client.post(f"/admin/payments/invoices/{invoice.pk}/", data)
    assert first.status_code == second.status_code == 302
    invoice.refresh_from_db()
    assert invoice.status == InvoiceStatus.PAID and Payment.objects.count() == 1
    assert Payment.objects.get().recorded_by == cashier
    bad = client.post(f"/admin/payments/invoices/{invoice.pk}/", {**data, "amount": "abc", "form_token": "x2"})
    assert bad.status_code == 200 and Payment.objects.count() == 1
    receipt = Receipt.objects.get()
    pdf = client.get(f"/admin/payments/receipts/{receipt.pk}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert AuditLog.objects.filter(action="download", object_id=str(receipt.pk)).exists()


def test_only_supervisors_void(client, make_invoice, cashier, supervisor):
    invoice = make_invoice("40.00")
    receipt = record_payment(invoice=invoice, amount=Decimal("40.00"), channel=PaymentChannel.COUNTER_CASH,
                             provider="counter", provider_reference="v", paid_at=timezone.now()).receipt
    login(client, cashier)
    assert refused(client.post(f"/admin/payments/receipts/{receipt.pk}/void/", {"reason": "x"}))
    assert not Receipt.objects.filter(voided=True).exists()
    login(client, supervisor)
    assert client.post(f"/admin/payments/receipts/{receipt.pk}/void/", {"reason": ""}).status_code == 200
    assert client.post(f"/admin/payments/receipts/{receipt.pk}/void/", {"reason": "รับซ้ำ"}).status_code == 302
    receipt.refresh_from_db()
    assert receipt.voided and receipt.voided_by == supervisor


def test_statement_upload_errors_then_queue_resolution(client, make_invoice, cashier):
    invoice = make_invoice("70.00", ref1="UP1", ref2="")
    login(client, cashier)
    bad = SimpleUploadedFile("bad.csv", "วันที่,เลขอ้างอิง 1,จำนวนเงิน,เลขที่อ้างอิงธนาคาร\n99/99/2569,UP1,70,B1\n"
                             .encode())
    response = client.post("/admin/payments/statements/", {"file": bad})
    assert response.status_code == 200 and response.context["errors"][0].row_number == 2
    good = SimpleUploadedFile("good.csv", "วันที่,เลขอ้างอิง 1,จำนวนเงิน,เลขที่อ้างอิงธนาคาร\n25/11/2569,UP1,20,B1\n"
                              .encode())
    response = client.post("/admin/payments/statements/", {"file": good})
    assert response.status_code == 302
    item = ReconciliationItem.objects.get()
    assert client.get("/admin/payments/queue/").content.decode().count(f"/queue/{item.pk}/") == 1
    response = client.post(f"/admin/payments/queue/{item.pk}/", {"action": "match", "invoice": invoice.number})
    assert response.status_code == 302
    item.refresh_from_db()
    invoice.refresh_from_db()
    assert item.status == ReconciliationStatus.MATCHED and invoice.status == InvoiceStatus.PARTIALLY_PAID
