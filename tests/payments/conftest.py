"""Fixtures for payments tests: an LGO with a biller ID, invoices, finance officers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from organizations.constants import Role
from payments.services import InvoiceLineData, create_invoice

BILLER_ID = "099400015880701"  # a tax ID with a valid check digit + suffix 01


@pytest.fixture
def lgo(org_a):
    org_a.biller_id = BILLER_ID
    org_a.tax_id = BILLER_ID[:13]
    org_a.address = "99 หมู่ 1 ถนนพหลโยธิน"
    org_a.save()
    return org_a


@pytest.fixture
def make_invoice(lgo):
    counter = {"n": 0}

    def factory(amount: str = "100.00", *, organization=None, ref1: str | None = None, ref2: str = "",
                **kwargs):
        counter["n"] += 1
        n = counter["n"]
        return create_invoice(
            organization=organization or lgo,
            payer_name=kwargs.pop("payer_name", "นายสมชาย ใจดี"),
            lines=kwargs.pop("lines", [InvoiceLineData(description="ค่าธรรมเนียมใบอนุญาต", amount=Decimal(amount))]),
            ref1=ref1 if ref1 is not None else f"REF{n:05d}",
            ref2=ref2,
            due_date=kwargs.pop("due_date", dt.date(2026, 12, 31)),
            source_type=kwargs.pop("source_type", "tests.thing"),
            source_id=kwargs.pop("source_id", str(n)),
            **kwargs,
        )

    return factory


@pytest.fixture
def cashier(lgo, make_officer):
    return make_officer(lgo, Role.OFFICER, username="cashier", department="finance")


@pytest.fixture
def supervisor(lgo, make_officer):
    return make_officer(lgo, Role.DEPARTMENT_HEAD, username="finance-head", department="finance")


@pytest.fixture
def now():
    return timezone.now()
