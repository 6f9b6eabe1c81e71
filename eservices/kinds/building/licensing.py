"""Licence check of the named engineer and architect (Building Control Act s.26: an application naming a designer
or supervisor who is not licensed for the work is refused without consideration).

The level a controlled work needs follows the size of the building, simplified from the ministerial regulations on
controlled engineering and architecture: associate (ภาคี) for up to 3 storeys and 1,000 m² below 23 m; professional
(สามัญ) below 23 m and 10,000 m²; senior (วุฒิ) for high-rise (23 m or more) or extra-large buildings. Whether the
licence number exists is checked by the officer against the councils' registers; this flags what the answers
themselves show (a level too low, a licence expired before the filing day, a missing engineer for controlled work).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from .constants import LEVEL_ANSWERS, LEVEL_ORDER, STRUCTURE_ANSWERS, LicenceLevel, StructureKind

HIGH_RISE_M = Decimal("23")
EXTRA_LARGE_M2 = Decimal("10000")
SMALL_M2 = Decimal("1000")
#: Below this a one-storey building is not controlled engineering work (no licensed engineer needed).
CONTROLLED_FROM_M2 = Decimal("150")
LEVEL_THAI = {level: word for word, level in LEVEL_ANSWERS.items()}


def _decimal(value: Any) -> Decimal:
    try:
        return Decimal(str(value or "0"))
    except InvalidOperation:
        return Decimal("0")


def required_level(answers: dict[str, Any]) -> LicenceLevel | None:
    """The lowest licence level the designers must hold for this work (None: not controlled work)."""
    if STRUCTURE_ANSWERS.get(answers.get("structure", "")) not in (None, StructureKind.BUILDING):
        return None
    storeys, height, area = (_decimal(answers.get(k)) for k in ("storeys", "height", "floor_area"))
    if storeys <= 1 and area < CONTROLLED_FROM_M2:
        return None
    if height >= HIGH_RISE_M or area >= EXTRA_LARGE_M2:
        return LicenceLevel.SENIOR
    if storeys > 3 or area > SMALL_M2:
        return LicenceLevel.PROFESSIONAL
    return LicenceLevel.ASSOCIATE


def licence_problems(answers: dict[str, Any], *, on: dt.date) -> list[str]:
    """Why the named designers cannot sign this work, in Thai (empty: nothing the answers show)."""
    needed = required_level(answers)
    problems = []
    for prefix, role in (("engineer", "วิศวกรผู้ออกแบบ"), ("architect", "สถาปนิกผู้ออกแบบ")):
        name = (answers.get(f"{prefix}_name") or "").strip()
        if not name:
            if prefix == "engineer" and needed is not None:
                problems.append(f"งานนี้เป็นงานวิศวกรรมควบคุม ต้องระบุ{role}ที่ได้รับใบอนุญาต")
            continue
        level = LEVEL_ANSWERS.get(answers.get(f"{prefix}_level") or "")
        if not (answers.get(f"{prefix}_licence") or "").strip() or level is None:
            problems.append(f"{role} ({name}) ไม่ได้ระบุเลขทะเบียนหรือระดับใบอนุญาต")
            continue
        if needed is not None and LEVEL_ORDER.index(level) < LEVEL_ORDER.index(needed):
            problems.append(f"{role} ({name}) ถือใบอนุญาตระดับ{LEVEL_THAI[level]} "
                            f"แต่งานนี้ต้องใช้ระดับ{LEVEL_THAI[needed]}ขึ้นไป")
        expiry = answers.get(f"{prefix}_expiry")
        if expiry and dt.date.fromisoformat(expiry) < on:
            problems.append(f"ใบอนุญาตของ{role} ({name}) หมดอายุแล้ว")
    return problems
