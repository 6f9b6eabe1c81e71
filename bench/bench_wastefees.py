"""Benchmark the monthly waste-fee billing run on PostgreSQL: 100,000 accounts billed in one run (target ≤ 10 s).

Run: `python bench/bench_wastefees.py` (or `make bench`). Uses BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/thongthin_bench_wastefees), creates the database if needed and migrates it.
Seeding the accounts runs once; later runs reuse them and bill the next unbilled month.
Options: --accounts N (default 100000).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from decimal import Decimal

from benchlib import backend_cpu_seconds, configure  # bench/ is on sys.path when this file is run as a script

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/thongthin_bench_wastefees"
TARGET_SECONDS = 10.0


def organization():
    """The bench LGO, created once with its zones, classes and a tariff."""
    from organizations.constants import OrganizationKind
    from organizations.models import Organization
    from organizations.services import NewOrganization, create_organization
    from wastefees.constants import AccountKind
    from wastefees.models import Tariff, TariffClass, TariffRate, Zone

    org = Organization.objects.filter(code="WBENCH").first()
    if org is None:
        org = create_organization(NewOrganization(
            code="WBENCH", kind=OrganizationKind.TOWN_MUNICIPALITY, name_th="เทศบาลเมืองทดสอบความเร็ว",
            name_en="Bench Town", dla_code="9990001", province="เชียงราย", district="เมืองเชียงราย",
            hostname="wbench.test", port=80, is_default_site=False,
        ))
        org.tax_id, org.biller_id = "0994000123456"[:13], "099400012345601"
        org.save(update_fields=["tax_id", "biller_id"])
    if not Zone.objects.for_organization(org).exists():
        Zone.objects.bulk_create([Zone(organization=org, code=f"M{i}", name=f"หมู่ {i}", sort_order=i)
                                  for i in range(1, 11)])
        classes = TariffClass.objects.bulk_create([
            TariffClass(organization=org, code="H20", name="ไม่เกิน 20 ลิตร/วัน", kind=AccountKind.HOUSEHOLD,
                        litres_per_day_max=20, sort_order=1),
            TariffClass(organization=org, code="H60", name="21–60 ลิตร/วัน", kind=AccountKind.HOUSEHOLD,
                        litres_per_day_max=60, sort_order=2),
            TariffClass(organization=org, code="SHOP", name="ร้านค้า", kind=AccountKind.PREMISES, sort_order=3),
        ])
        tariff = Tariff.objects.create(organization=org, ordinance_name="เทศบัญญัติทดสอบ พ.ศ. 2567",
                                       ordinance_date=dt.date(2024, 1, 1), effective_from=dt.date(2024, 1, 1))
        for tariff_class, fees in zip(classes, [(20, 20, 10), (40, 30, 10), (100, 80, 30)], strict=True):
            TariffRate.objects.create(tariff=tariff, tariff_class=tariff_class, collection_fee=Decimal(fees[0]),
                                      disposal_fee=Decimal(fees[1]), wastewater_fee=Decimal(fees[2]))
    return org


def seed_accounts(org, count: int) -> float:
    from wastefees.constants import AccountKind
    from wastefees.models import ServiceAccount, TariffClass, Zone

    have = ServiceAccount.objects.for_organization(org).count()
    if have >= count:
        return 0.0
    zones = list(Zone.objects.for_organization(org))
    classes = {c.code: c for c in TariffClass.objects.for_organization(org)}
    start = time.perf_counter()
    batch = []
    for n in range(have + 1, count + 1):
        premises = n % 10 == 0
        batch.append(ServiceAccount(
            organization=org, number=f"B{n:07d}", kind=AccountKind.PREMISES if premises else AccountKind.HOUSEHOLD,
            owner_name=f"ผู้ใช้บริการ {n}", address=f"{n} หมู่ {n % 10 + 1}", zone=zones[n % len(zones)],
            phone=f"08{n:08d}", tariff_class=classes["SHOP" if premises else ("H60" if n % 3 == 0 else "H20")],
            wastewater=n % 4 == 0, active_from=dt.date(2024, 1, 1),
        ))
        if len(batch) == 5000:
            ServiceAccount.objects.bulk_create(batch)
            batch = []
    ServiceAccount.objects.bulk_create(batch)
    return time.perf_counter() - start


def next_unbilled_period(org) -> dt.date:
    from wastefees.models import BillingRun
    from wastefees.periods import next_period

    last = BillingRun.objects.for_organization(org).filter(status="finished").order_by("-period").first()
    return next_period(last.period) if last else dt.date(2025, 1, 1)


def timed_run(org, period, connection):
    """(wall seconds, CPU seconds of this process + its database backend, run). On a loaded machine the wall time
    grows with other people's work; the CPU seconds are what the run itself costs."""
    from wastefees.billing import run_billing

    cpu, db_cpu, wall = time.process_time(), backend_cpu_seconds(), time.perf_counter()
    run = run_billing(organization=org, period=period)
    wall = time.perf_counter() - wall
    return wall, (time.process_time() - cpu, backend_cpu_seconds() - db_cpu), run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true",
                        help="also print where the first run's time goes (cProfile, top 30 by cumulative time)")
    args = parser.parse_args()
    configure(DEFAULT_URL)
    from django.db import connection

    from wastefees.models import Bill

    org = organization()
    seeded = seed_accounts(org, args.accounts)
    if seeded:
        print(f"seeded {args.accounts:,} accounts in {seeded:.1f} s")
    period = next_unbilled_period(org)
    # Months apart in real life, autovacuum has analysed last month's 100,000 new invoices before the next run;
    # back-to-back bench runs must do it themselves or the planner works from stale row counts.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"\nWaste-fee billing run, {args.accounts:,} accounts, period {period:%Y-%m} ({connection.vendor})")
    load = os.getloadavg()[0]
    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
    first, first_cpu, run = timed_run(org, period, connection)
    if args.profile:
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    second, second_cpu, rerun = timed_run(org, period, connection)
    bills = Bill.objects.for_organization(org).filter(period=period).count()
    print(f"{'step':<24}{'wall s':>9}{'CPU s':>9}{'app CPU':>9}{'db CPU':>9}{'created':>10}{'existing':>10}"
          f"  target <= {TARGET_SECONDS:.0f} s")
    for label, wall, cpu, result in (("first run", first, first_cpu, run),
                                     ("re-run (idempotent)", second, second_cpu, rerun)):
        flag = "ok" if wall <= TARGET_SECONDS else "SLOW"
        print(f"{label:<24}{wall:>9.2f}{sum(cpu):>9.2f}{cpu[0]:>9.2f}{cpu[1]:>9.2f}{result.bills_created:>10,}"
              f"{result.bills_existing:>10,}  {flag}")
    print(f"load average before the runs: {load:.1f} on {os.cpu_count()} CPUs "
          "(CPU s = this process + its PostgreSQL backend)")
    print(f"bills for the period: {bills:,}; amount billed: {run.total_billed:,} baht; "
          f"{run.bills_created / first:,.0f} bills/s")
    if rerun.bills_created:
        print("ERROR: the re-run created bills")
        sys.exit(1)


if __name__ == "__main__":
    main()
