"""Choices and legal figures of the building permit kind (Building Control Act B.E. 2522 as amended)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

KEY = "building_permit"


class WorkKind(models.TextChoices):
    """What the applicant wants to do with the building (s.21: construct, alter, demolish; s.22: move)."""

    CONSTRUCT = "construct", _("Construct")
    ALTER = "alter", _("Alter")
    DEMOLISH = "demolish", _("Demolish")
    MOVE = "move", _("Move")


class Route(models.TextChoices):
    """A permit from the LGO (s.21), or notification instead of a permit with certified plans (s.39 bis)."""

    PERMIT = "permit", _("Permit (s.21)")
    NOTIFICATION = "notification", _("Notification instead of a permit (s.39 bis)")


class StructureKind(models.TextChoices):
    """What the plan-check fee is measured on: a building by floor area, a sign by its face, a fence, wall or
    drain by its length, a car park or yard by its area (the ministerial fee schedule's items)."""

    BUILDING = "building", _("Building")
    SIGN = "sign", _("Sign")
    LINEAR = "linear", _("Fence, wall, drain or pipe")
    PARKING = "parking", _("Car park, driveway or yard")


class LicenceLevel(models.TextChoices):
    """Levels of a professional licence (Engineer Act 2542 / Architect Act 2543), lowest first."""

    ASSOCIATE = "associate", _("Associate (ภาคี)")
    PROFESSIONAL = "professional", _("Professional (สามัญ)")
    SENIOR = "senior", _("Senior (วุฒิ)")


#: Thai answers of the ข.1 form, as the citizen picks them (the form is Thai first; the keys above are code).
WORK_ANSWERS = {
    "ก่อสร้างอาคาร": WorkKind.CONSTRUCT, "ดัดแปลงอาคาร": WorkKind.ALTER,
    "รื้อถอนอาคาร": WorkKind.DEMOLISH, "เคลื่อนย้ายอาคาร": WorkKind.MOVE,
}
ROUTE_ANSWERS = {
    "ขออนุญาต (มาตรา 21)": Route.PERMIT,
    "แจ้งแทนการขออนุญาต (มาตรา 39 ทวิ)": Route.NOTIFICATION,
}
STRUCTURE_ANSWERS = {
    "อาคาร": StructureKind.BUILDING, "ป้าย": StructureKind.SIGN,
    "รั้ว กำแพง ท่อหรือทางระบายน้ำ": StructureKind.LINEAR, "ที่จอดรถ ที่กลับรถ ทางเข้าออกของรถ": StructureKind.PARKING,
}
LEVEL_ANSWERS = {
    "ภาคี": LicenceLevel.ASSOCIATE, "สามัญ": LicenceLevel.PROFESSIONAL, "วุฒิ": LicenceLevel.SENIOR,
}
LEVEL_ORDER = (LicenceLevel.ASSOCIATE, LicenceLevel.PROFESSIONAL, LicenceLevel.SENIOR)

# --- Clocks (calendar days unless said) -----------------------------------------------------------------------
#: s.25: the local official decides within 45 days of receiving a complete application.
DECISION_DAYS = 45
#: s.25: at most two extensions, each of at most 45 days, each with a written notice and reasons before the limit.
EXTENSION_DAYS = 45
MAX_EXTENSIONS = 2
#: s.27: after an order to correct the plans, the official decides within 30 days of the corrected plans.
CORRECTED_PLANS_DAYS = 30
#: s.39 bis: the receipt of notification (ใบรับแจ้ง) within 3 working days of the notification and its fee.
NOTICE_RECEIPT_WORKING_DAYS = 3
#: The notification lapses when work has not started within 120 days of the receipt of notification.
NOTICE_LAPSE_DAYS = 120
#: s.52: an appeal against a refusal to the building appeal committee within 30 days of receiving the order.
APPEAL_DAYS = 30
#: Validity offered on approval (s.21 permits state theirs; one year is the usual, renewable before expiry).
DEFAULT_VALIDITY_DAYS = 365

# --- History actions (StatusChange.action), contracts/licensing.md item 3 --------------------------------------
EV_CLOCK = f"{KEY}.clock_started"
EV_EXTENSION = f"{KEY}.extension"
EV_CORRECTION = f"{KEY}.correction_order"
EV_CORRECTED = f"{KEY}.corrected_plans"
EV_INSPECTION_SCHEDULED = f"{KEY}.inspection_scheduled"
EV_INSPECTION = f"{KEY}.inspection"
EV_PERMIT_FEE = f"{KEY}.permit_fee"
EV_ISSUED = f"{KEY}.issued"
EV_WORK_STARTED = f"{KEY}.work_started"
EV_LAPSED = f"{KEY}.lapsed"

#: Invoices of the permit fee raised on approval (the plan-check fee is the case's own invoice, on filing).
PERMIT_FEE_SOURCE = "eservices.building_permit_fee"
