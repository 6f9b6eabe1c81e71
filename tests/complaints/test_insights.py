"""Complaint statistics on the executive dashboard and in open data: figures per topic, no personal data."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from complaints import services
from complaints.models import Category
from core.insights import dashboard_panels, open_datasets
from organizations.constants import Role

pytestmark = pytest.mark.django_db


def test_panel_and_dataset_per_topic(org_a, org_b, make_officer, file):
    admin = make_officer(org_a, Role.LGO_ADMIN)
    done = file()
    services.mark_done(report=done, actor=admin, note="ซ่อมแล้ว")
    services.rate(report=done, rating=4)
    file()
    corruption = Category.objects.for_organization(org_a).get(code="corruption")
    file(category=corruption, anonymous=True, description="เรียกรับเงิน")
    panel = dashboard_panels.get("complaints_by_topic").compute(org_a, timezone.localdate())
    rows = {row["topic"]: row for row in panel.rows}
    lights = rows["ไฟฟ้าส่องสว่างดับ/ชำรุด"]
    assert lights["reports"] == 2 and lights["within_target"] == Decimal(100) and lights["average_rating"] == 4
    assert rows["การทุจริตและประพฤติมิชอบของเจ้าหน้าที่"]["reports"] == 1  # executives see every topic
    data = open_datasets.get("complaints").compute(org_a)
    assert [(r["topic"], r["reports"], r["fixed"]) for r in data.rows] == [("ไฟฟ้าส่องสว่างดับ/ชำรุด", 2, 1)]
    text = repr(data.rows) + repr(panel.rows)
    for private in ("สมหญิง", "0812345678", "somying", "ไฟถนนดับ", "เรียกรับเงิน"):
        assert private not in text
    assert dashboard_panels.get("complaints_by_topic").compute(org_b, timezone.localdate()).rows == []
