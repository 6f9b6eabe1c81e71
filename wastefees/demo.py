"""Demo data: the first demo LGO bills 200 households and shops in 3 zones under an example ordinance.

Six months of bills come from real billing runs, and most of the older ones are paid through
`payments.services.record_payment` (so receipts exist); some accounts are in arrears. Idempotent: the runs add
nothing the second time and payments are keyed by a fixed provider reference.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from core.demo import DemoContext
from core.thai import national_id_checksum_ok
from payments.constants import PAYABLE_STATUSES, PaymentChannel
from payments.demo import ensure_biller_id
from payments.services import record_payment

from .billing import run_billing
from .constants import AccountKind
from .models import Bill, ServiceAccount, Tariff, TariffClass, TariffRate, Zone
from .periods import previous_period

DEMO_ACCOUNTS = 200
# The account the README and the browser test use: number A00001, phone ending 1001.
DEMO_ACCOUNT = "A00001"

ZONES = (("M1", "หมู่ 1 บ้านหนองแก"), ("M2", "หมู่ 2 บ้านป่าซาง"), ("M3", "หมู่ 3 บ้านดอนมูล"))
# (code, name, kind, litres per day up to, collection, disposal, wastewater) per the example ordinance.
CLASSES = (
    ("H20", "บ้านพักอาศัย ไม่เกิน 20 ลิตร/วัน", AccountKind.HOUSEHOLD, 20, "20.00", "20.00", "10.00"),
    ("H60", "บ้านพักอาศัย เกิน 20 แต่ไม่เกิน 60 ลิตร/วัน", AccountKind.HOUSEHOLD, 60, "40.00", "30.00", "15.00"),
    ("H100", "บ้านพักอาศัย เกิน 60 แต่ไม่เกิน 100 ลิตร/วัน", AccountKind.HOUSEHOLD, 100, "60.00", "45.00", "20.00"),
    ("SHOP", "ร้านค้า แผงลอย", AccountKind.PREMISES, None, "100.00", "60.00", "30.00"),
    ("FOOD", "ร้านอาหาร", AccountKind.PREMISES, None, "200.00", "150.00", "100.00"),
)
ORDINANCE = "เทศบัญญัติ เรื่อง การจัดการสิ่งปฏิกูลและมูลฝอย พ.ศ. 2567"
FIRST_NAMES = ("สมชาย", "สมหญิง", "บุญมี", "มาลี", "ประเสริฐ", "วันเพ็ญ", "สุรชัย", "จันทร์เพ็ญ", "อำนาจ", "ทองใบ")
LAST_NAMES = ("ใจดี", "ศรีสุข", "แก้วมณี", "บุญเรือง", "คำแสน", "อินทร์แก้ว", "ปัญญาดี", "ทองคำ")
SHOP_NAMES = ("ร้านป้าแดง", "ร้านข้าวมันไก่", "ร้านชำลุงมี", "ก๋วยเตี๋ยวเรือ", "ร้านกาแฟดอย")


def load(ctx: DemoContext) -> None:
    if not ctx.organizations:
        return
    organization = ctx.organizations[0]
    # A made-up but well-formed tax ID (unique through the DLA code) when the LGO has none.
    ensure_biller_id(organization, fallback_tax_id=_with_check_digit(f"09940{organization.dla_code}"))
    zones = _zones(organization)
    classes = _tariff(organization)
    _accounts(organization, zones, classes)
    periods = _periods()
    for period in periods:
        if not Bill.objects.for_organization(organization).filter(period=period).exists():
            run_billing(organization=organization, period=period)
    paid = _payments(organization, periods)
    ctx.say(f"wastefees: {DEMO_ACCOUNTS} accounts, {len(periods)} months billed, {paid} new payments. "
            f"Look-up: account {DEMO_ACCOUNT}, last 4 digits 1001.")


def _zones(organization) -> list[Zone]:
    for order, (code, name) in enumerate(ZONES, start=1):
        Zone.objects.get_or_create(organization=organization, code=code, defaults={"name": name, "sort_order": order})
    return list(Zone.objects.for_organization(organization).filter(code__in=[code for code, _name in ZONES]))


def _tariff(organization) -> dict[str, TariffClass]:
    classes = {}
    for order, (code, name, kind, litres, *_fees) in enumerate(CLASSES, start=1):
        classes[code], _created = TariffClass.objects.get_or_create(
            organization=organization, code=code,
            defaults={"name": name, "kind": kind, "litres_per_day_max": litres, "sort_order": order},
        )
    tariff, _created = Tariff.objects.get_or_create(
        organization=organization, ordinance_name=ORDINANCE,
        defaults={"ordinance_date": dt.date(2024, 8, 15), "effective_from": dt.date(2024, 10, 1)},
    )
    for code, _name, _kind, _litres, collection, disposal, wastewater in CLASSES:
        TariffRate.objects.get_or_create(tariff=tariff, tariff_class=classes[code], defaults={
            "collection_fee": Decimal(collection), "disposal_fee": Decimal(disposal),
            "wastewater_fee": Decimal(wastewater)})
    return classes


def _with_check_digit(body: str) -> str:
    """12 digits + the Thai ID check digit (the one core.thai checks)."""
    return next(body + digit for digit in "0123456789" if national_id_checksum_ok(body + digit))


def _national_id(seed: int) -> str:
    """A made-up 13-digit ID with a correct check digit (so it passes validation, as real data would)."""
    return _with_check_digit(f"3{seed:011d}"[:12])


def _accounts(organization, zones: list[Zone], classes: dict[str, TariffClass]) -> None:
    existing = set(ServiceAccount.objects.for_organization(organization).values_list("number", flat=True))
    new = []
    for n in range(1, DEMO_ACCOUNTS + 1):
        number = f"A{n:05d}"
        if number in existing:
            continue
        premises = n % 8 == 0
        code = ("FOOD" if n % 16 == 0 else "SHOP") if premises else ("H20", "H60", "H100")[n % 3]
        name = (f"{SHOP_NAMES[n % len(SHOP_NAMES)]} ({FIRST_NAMES[n % 10]} {LAST_NAMES[n % 8]})" if premises
                else f"{'นาย' if n % 2 else 'นาง'}{FIRST_NAMES[n % 10]} {LAST_NAMES[(n // 10) % 8]}")
        zone = zones[n % len(zones)]
        new.append(ServiceAccount(
            organization=organization, number=number, kind=AccountKind.PREMISES if premises else AccountKind.HOUSEHOLD,
            owner_name=name, address=f"{n} {zone.name}", zone=zone, phone=f"08{n % 10}{n + 1000:07d}"[:10],
            email=f"account{n}@example.com" if n % 5 == 0 else "",
            tax_id=_national_id(n * 7919) if n % 4 == 0 else "", tariff_class=classes[code], wastewater=n % 3 == 0,
            active_from=dt.date(2024, 10, 1),
        ))
    for account in new:
        account.full_clean(exclude=["organization", "zone", "tariff_class"], validate_unique=False,
                           validate_constraints=False)  # zones and classes were just read from this LGO
    ServiceAccount.objects.bulk_create(new)


def _periods() -> list[dt.date]:
    """The last 6 months, oldest first, ending with the current month."""
    periods = [timezone.localdate().replace(day=1)]
    while len(periods) < 6:
        periods.insert(0, previous_period(periods[0]))
    return periods


def _payments(organization, periods: list[dt.date]) -> int:
    """Pay most bills of the older months; leave the current month and a steady group of accounts in arrears."""
    made = 0
    bills = (
        Bill.objects.for_organization(organization).filter(period__in=periods[:-1])
        .select_related("account", "invoice__organization").order_by("period", "account__number")
    )
    for bill in bills:
        n = int(bill.account.number[1:])
        age = len(periods) - 1 - periods.index(bill.period)  # 1 = last month … 5 = five months ago
        in_arrears = n % 7 == 0 or (n % 11 == 0 and age <= 3) or (age == 1 and n % 3 == 0)
        if n == 1 or in_arrears or bill.invoice.status not in PAYABLE_STATUSES:
            continue  # A00001 keeps unpaid bills for the look-up demo and the browser test
        paid_at = timezone.make_aware(dt.datetime.combine(bill.period + dt.timedelta(days=10 + n % 15),
                                                          dt.time(9 + n % 8, n % 60)))
        record_payment(
            invoice=bill.invoice, amount=bill.invoice.amount_due, paid_at=paid_at,
            channel=PaymentChannel.GATEWAY if n % 2 else PaymentChannel.COUNTER_CASH,
            provider="demo", provider_reference=f"DEMO-{organization.code}-{bill.invoice.number}",
        )
        made += 1
    return made
