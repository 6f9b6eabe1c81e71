"""Building-control fees computed from the ข.1 answers and the LGO's rates (ministerial schedule, Building Control
Act s.5(1)): a plan-check fee charged with the application and a permit fee charged on approval.

The schedule measures a building by the floor area of all its storeys, a sign by its face, fences, walls and drains by
length and car parks by area. A fraction of a square metre or metre of half or more counts as one, less than half
is dropped (`billable_quantity`); the fee is quantity × rate, in baht with satang.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from .constants import STRUCTURE_ANSWERS, WORK_ANSWERS, StructureKind, WorkKind

SATANG = Decimal("0.01")


def billable_quantity(value: Decimal) -> Decimal:
    """Whole square metres or metres as the schedule counts them: half or more rounds up, less is dropped."""
    return max(value, Decimal("0")).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def _number(answer: Any) -> Decimal:
    try:
        return Decimal(str(answer or "0").replace(",", ""))
    except InvalidOperation:
        return Decimal("0")


def building_tier(*, storeys: int, height: Decimal) -> str:
    """The plan-check rate of a building: the higher of what its storeys and its height call for."""
    if storeys > 3 or height > 15:
        return "plan_high"
    if storeys > 2 or height > 12:
        return "plan_mid"
    return "plan_low"


def plan_rate_name(answers: dict[str, Any]) -> str:
    structure = STRUCTURE_ANSWERS.get(answers.get("structure", ""), StructureKind.BUILDING)
    if structure == StructureKind.SIGN:
        return "plan_sign"
    if structure == StructureKind.LINEAR:
        return "plan_linear"
    if structure == StructureKind.PARKING:
        return "plan_parking"
    return building_tier(storeys=int(_number(answers.get("storeys"))), height=_number(answers.get("height")))


def plan_check_fee(answers: dict[str, Any], rates: Any) -> Decimal:
    """The plan-check fee of an application to construct or alter (demolishing or moving checks no new plans)."""
    work = WORK_ANSWERS.get(answers.get("work", ""))
    if work not in (WorkKind.CONSTRUCT, WorkKind.ALTER):
        return Decimal("0.00")
    quantity = billable_quantity(_number(answers.get("floor_area")))
    return (quantity * getattr(rates, plan_rate_name(answers))).quantize(SATANG)


def permit_fee(answers: dict[str, Any], rates: Any) -> Decimal:
    """The fee of the permit itself, by kind of work, charged when the permit is approved."""
    work = WORK_ANSWERS.get(answers.get("work", ""), WorkKind.CONSTRUCT)
    return Decimal(getattr(rates, f"permit_{work.value}")).quantize(SATANG)


def rates_for(organization: Any):
    """The LGO's rates, or the schedule's ceilings when it set none (an unsaved row with the defaults)."""
    from ...models import BuildingFeeRates

    return (BuildingFeeRates.objects.for_organization(organization).first()
            or BuildingFeeRates(organization=organization))
