"""Fixtures for the waste-fee tests: an LGO with a biller ID, zones, tariff classes, a tariff and accounts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from core.thai import national_id_checksum_ok
from organizations.constants import Role
from organizations.models import Organization
from wastefees.constants import AccountKind
from wastefees.models import ServiceAccount, Tariff, TariffClass, TariffRate, Zone


def _with_check_digit(body: str) -> str:
    return next(body + digit for digit in "0123456789" if national_id_checksum_ok(body + digit))


def setup_lgo(organization, *, prefix: str = "") -> dict:
    """Zones M1/M2, classes H20/SHOP and a tariff in force since 2024-10-01 (H20: 20+20, ww 10; SHOP 100+60, ww 30)."""
    # The first LGO keeps the tax ID the tests print; others get their own (a biller ID belongs to one LGO).
    taken = Organization.objects.filter(tax_id="0994000123451").exclude(pk=organization.pk).exists()
    organization.tax_id = organization.tax_id or (_with_check_digit(f"09940{organization.dla_code}") if taken
                                                  else "0994000123451")
    organization.biller_id = organization.biller_id or organization.tax_id + "00"
    organization.save(update_fields=["tax_id", "biller_id"])
    zones = [Zone.objects.create(organization=organization, code=f"M{i}", name=f"{prefix}หมู่ {i}", sort_order=i)
             for i in (1, 2)]
    h20 = TariffClass.objects.create(organization=organization, code="H20", name="ไม่เกิน 20 ลิตร/วัน",
                                     kind=AccountKind.HOUSEHOLD, litres_per_day_max=20)
    shop = TariffClass.objects.create(organization=organization, code="SHOP", name="ร้านค้า",
                                      kind=AccountKind.PREMISES)
    tariff = Tariff.objects.create(organization=organization, ordinance_name="เทศบัญญัติทดสอบ พ.ศ. 2567",
                                   ordinance_date=dt.date(2024, 8, 1), effective_from=dt.date(2024, 10, 1))
    TariffRate.objects.create(tariff=tariff, tariff_class=h20, collection_fee=Decimal("20.00"),
                              disposal_fee=Decimal("20.00"), wastewater_fee=Decimal("10.00"))
    TariffRate.objects.create(tariff=tariff, tariff_class=shop, collection_fee=Decimal("100.00"),
                              disposal_fee=Decimal("60.00"), wastewater_fee=Decimal("30.00"))
    return {"zones": zones, "h20": h20, "shop": shop, "tariff": tariff}


@pytest.fixture
def lgo(org_a) -> dict:
    return {"organization": org_a, **setup_lgo(org_a)}


@pytest.fixture
def make_account(db) -> Callable[..., ServiceAccount]:
    counter = {"n": 0}

    def factory(lgo: dict, *, number: str | None = None, zone: int = 0, shop: bool = False, **kwargs):
        counter["n"] += 1
        n = counter["n"]
        data = {
            "organization": lgo["organization"], "number": number or f"A{n:05d}",
            "kind": AccountKind.PREMISES if shop else AccountKind.HOUSEHOLD, "owner_name": f"นายทดสอบ {n}",
            "address": f"{n} หมู่ 1", "zone": lgo["zones"][zone], "phone": f"08{n:08d}",
            "tariff_class": lgo["shop" if shop else "h20"], "active_from": dt.date(2024, 10, 1),
        }
        data.update(kwargs)
        account = ServiceAccount(**data)
        account.full_clean()
        account.save()
        return account

    return factory


@pytest.fixture
def clerk(org_a, make_officer):
    """An officer of the finance division: may see and manage waste fees."""
    return make_officer(org_a, Role.OFFICER, username="wf-clerk", department="finance")
