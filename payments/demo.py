"""Demo payments for each demo LGO: invoices in every state, receipts (one void), a statement import and its queue.

Idempotent: invoices are keyed by source, payments by provider reference, the statement by its file hash, the void
by the receipt's state, so a second run adds nothing. E-service fee invoices come from eservices' demo and garbage
bills from wastefees' demo; these are the payments app's own examples (counter fees such as a market stall permit).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from core.demo import DemoContext
from core.thai import national_id_checksum_ok

from .constants import PaymentChannel
from .links import invoice_public_url
from .models import Invoice, Payment
from .reconciliation import import_statement
from .services import InvoiceDraft, InvoiceLineData, create_invoices, record_payment, void_receipt

SOURCE = "payments.demo"

# (payer, lines, ref2, how it is paid)
DEMO_BILLS: tuple[tuple[str, tuple[tuple[str, str, int], ...], str, str], ...] = (
    ("นายสมศักดิ์ ใจดี", (("ค่าธรรมเนียมใบอนุญาตจำหน่ายสินค้าในที่สาธารณะ", "300.00", 1),), "2569", "cash"),
    ("นางมาลี ศรีงาม", (("ค่าเช่าแผงตลาดสด (รายเดือน)", "450.00", 2),), "2569", "partial"),
    ("บริษัท ล้านนาค้าไม้ จำกัด", (("ค่าธรรมเนียมใบอนุญาตประกอบกิจการที่เป็นอันตรายต่อสุขภาพ", "2000.00", 1),
                                  ("ค่าคัดสำเนาเอกสาร", "10.00", 3)), "2569", "gateway"),
    ("นายประยูร แก้วมา", (("ค่าธรรมเนียมป้าย", "200.00", 1),), "2569", "overpaid"),
    ("นางสาวอรุณี คำแสง", (("ค่าธรรมเนียมขออนุญาตใช้สถานที่", "500.00", 1),), "2569", "voided"),
    ("นายวิชัย บุญมา", (("ค่าเช่าเต็นท์และเก้าอี้", "750.00", 1),), "2569", "statement"),
    ("นางบัวผัน ทองคำ", (("ค่าน้ำประปาหมู่บ้าน", "125.50", 1),), "2569", "mismatch"),
    ("นายจำนงค์ สายสุด", (("ค่าธรรมเนียมรับรองสำเนาทะเบียน", "40.00", 1),), "2569", "open"),
)


def load(ctx: DemoContext) -> None:
    for organization in ctx.organizations:
        if not ensure_biller_id(organization):
            ctx.say(f"{organization.code}: ไม่มีเลขประจำตัวผู้เสียภาษีที่ถูกต้อง จึงไม่ได้ตั้ง Biller ID")
        invoices = create_invoices(organization=organization, drafts=_drafts(organization))
        cashier = ctx.users.get(f"{organization.code.lower()}-officer")
        head = ctx.users.get(f"{organization.code.lower()}-head")
        _pay(organization, invoices, cashier, head)
        _statement(organization, invoices, cashier)
        open_invoice = next(i for i, bill in zip(invoices, DEMO_BILLS, strict=True) if bill[3] == "open")
        ctx.say(f"ใบแจ้งหนี้ตัวอย่าง ({organization.code}): {invoice_public_url(open_invoice, absolute=True)}")


def ensure_biller_id(organization, *, fallback_tax_id: str = "") -> bool:
    """Give a demo LGO without a biller ID the one a bank would issue: its tax ID + suffix "00".

    Demo LGOs usually get one from the organizations demo. An LGO without a valid tax ID takes `fallback_tax_id`
    when that is valid; False when there is still none to build the biller ID from.
    """
    if organization.biller_id:
        return True
    if not national_id_checksum_ok(organization.tax_id or ""):
        if not national_id_checksum_ok(fallback_tax_id):
            return False
        organization.tax_id = fallback_tax_id
    organization.biller_id = organization.tax_id + "00"
    organization.save(update_fields=["tax_id", "biller_id"])
    return True


def _drafts(organization) -> list[InvoiceDraft]:
    return [
        InvoiceDraft(
            payer_name=payer,
            lines=[InvoiceLineData(description=text, amount=Decimal(amount), quantity=qty)
                   for text, amount, qty in lines],
            ref1=f"{organization.code}DEMO{index:04d}", ref2=ref2,
            due_date=dt.date(2026, 12, 31), source_type=SOURCE, source_id=str(index),
            payer_phone="0812345678",
        )
        for index, (payer, lines, ref2, _how) in enumerate(DEMO_BILLS, start=1)
    ]


def _pay(organization, invoices: list[Invoice], cashier, head) -> None:
    now = timezone.now()
    for index, (invoice, bill) in enumerate(zip(invoices, DEMO_BILLS, strict=True), start=1):
        how = bill[3]
        reference = f"demo-{organization.code}-{index}"
        if how == "cash" or how == "voided":
            payment = record_payment(invoice=invoice, amount=invoice.total, channel=PaymentChannel.COUNTER_CASH,
                                     provider="counter", provider_reference=reference, paid_at=now,
                                     recorded_by=cashier)
            if how == "voided" and head is not None and not payment.receipt.voided:
                void_receipt(receipt=payment.receipt, reason="บันทึกรับเงินผิดรายการ (ตัวอย่าง)", actor=head)
        elif how == "partial":
            record_payment(invoice=invoice, amount=Decimal("400.00"), channel=PaymentChannel.COUNTER_TRANSFER,
                           provider="counter", provider_reference=reference, paid_at=now, recorded_by=cashier,
                           raw={"slip_reference": "KB2569112500123"})
        elif how in ("gateway", "overpaid"):
            extra = Decimal("20.00") if how == "overpaid" else Decimal("0.00")
            if not Payment.objects.filter(provider="gateway", provider_reference=reference).exists():
                record_payment(invoice=invoice, amount=invoice.total + extra, channel=PaymentChannel.GATEWAY,
                               provider="gateway", provider_reference=reference, paid_at=now,
                               raw={"transaction_id": reference})


def _statement(organization, invoices: list[Invoice], cashier) -> None:
    """A small bill-payment file: one exact match, one short payment and one unknown reference for the queue."""
    by_how = {bill[3]: invoice for invoice, bill in zip(invoices, DEMO_BILLS, strict=True)}
    exact, short = by_how["statement"], by_how["mismatch"]
    rows = [
        f"25/11/2569,09:12,{exact.ref1},{exact.ref2},{exact.total},{organization.code}BK000001",
        f"25/11/2569,10:40,{short.ref1},{short.ref2},100.00,{organization.code}BK000002",
        f"25/11/2569,11:05,{organization.code}UNKNOWN9,2569,80.00,{organization.code}BK000003",
    ]
    content = ("วันที่,เวลา,เลขอ้างอิง 1,เลขอ้างอิง 2,จำนวนเงิน,เลขที่อ้างอิงธนาคาร\n" + "\n".join(rows) + "\n")
    import_statement(organization=organization, content=content.encode("utf-8"), file_name="ktb-billpayment-demo.csv",
                     actor=cashier)
