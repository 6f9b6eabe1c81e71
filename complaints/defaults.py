"""The topics every LGO starts with (Traffy Fondue's commonest, plus corruption, which may be reported anonymously).

`ensure_default_categories` runs for every new LGO (a `post_save` receiver on Organization, so `create_lgo` and the
web onboarding screen both get them) and, through a data migration, for LGOs that existed before this app.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .constants import Icon


class DefaultCategory(NamedTuple):
    code: str
    name_th: str
    name_en: str
    icon: str
    description: str
    department_code: str
    allows_anonymous: bool = False
    shown_publicly: bool = True


DEFAULT_CATEGORIES: tuple[DefaultCategory, ...] = (
    DefaultCategory("roads", "ถนน ทางเท้า ท่อระบายน้ำชำรุด", "Roads, pavements, drains", Icon.ROAD,
                    "หลุมบ่อ ทางเท้าแตก ฝาท่อหาย ท่ออุดตัน", "engineering"),
    DefaultCategory("lights", "ไฟฟ้าส่องสว่างดับ/ชำรุด", "Street lights", Icon.LIGHT,
                    "ไฟถนนดับ กะพริบ เสาไฟเอียง", "engineering"),
    DefaultCategory("garbage", "ขยะไม่ได้รับการจัดเก็บ", "Uncollected garbage", Icon.GARBAGE,
                    "ขยะตกค้าง ถังขยะเต็ม ทิ้งขยะในที่สาธารณะ", "health"),
    DefaultCategory("water", "น้ำประปาไม่ไหล/รั่ว", "Water supply", Icon.WATER,
                    "น้ำไม่ไหล ท่อแตก น้ำขุ่น", "engineering"),
    DefaultCategory("nuisance", "เหตุเดือดร้อนรำคาญ", "Nuisance (smell, noise, smoke)", Icon.NUISANCE,
                    "กลิ่น เสียง ควัน ฝุ่น จากสถานประกอบการหรือบ้านเรือน", "health"),
    DefaultCategory("trees", "ต้นไม้ กิ่งไม้", "Trees", Icon.TREE,
                    "กิ่งไม้พาดสายไฟ ต้นไม้ล้ม บังทาง", "engineering"),
    DefaultCategory("animals", "สัตว์จรจัด สัตว์มีพิษ", "Stray or dangerous animals", Icon.ANIMAL,
                    "สุนัขจรจัด งู รังต่อ", "health"),
    DefaultCategory("flooding", "น้ำท่วม น้ำขัง", "Flooding", Icon.FLOOD,
                    "น้ำท่วมขังถนน น้ำล้นตลิ่ง", "office"),
    DefaultCategory("corruption", "การทุจริตและประพฤติมิชอบของเจ้าหน้าที่", "Corruption or misconduct", Icon.SHIELD,
                    "เรียกรับเงิน ใช้อำนาจโดยมิชอบ (แจ้งโดยไม่ระบุชื่อได้)", "office", True, False),
    DefaultCategory("other", "เรื่องอื่น ๆ", "Something else", Icon.OTHER, "", "office"),
)


def ensure_default_categories(organization: Any, *, category_model: Any = None, department_model: Any = None) -> int:
    """Create the default topics the LGO lacks (by code), each routed to its usual department. Returns how many
    were created; running it twice creates nothing. The models may be passed in (historical models in a migration).
    """
    from django.db import transaction

    if category_model is None:
        from organizations.models import Department

        from .models import Category

        category_model, department_model = Category, Department
    with transaction.atomic():
        existing = set(category_model.objects.filter(organization_id=organization.pk).values_list("code", flat=True))
        departments = {d.code: d for d in department_model.objects.filter(organization_id=organization.pk)}
        fallback = departments.get("office") or next(iter(departments.values()), None)
        has_public_flag = "shown_publicly" in {f.name for f in category_model._meta.get_fields()}  # not in 0002
        new = [
            category_model(organization_id=organization.pk, code=d.code, name_th=d.name_th, name_en=d.name_en,
                           icon=str(d.icon), description=d.description, allows_anonymous=d.allows_anonymous,
                           sort_order=(i + 1) * 10, department=departments.get(d.department_code, fallback),
                           **({"shown_publicly": d.shown_publicly} if has_public_flag else {}))
            for i, d in enumerate(DEFAULT_CATEGORIES) if d.code not in existing
        ]
        category_model.objects.bulk_create(new)
    return len(new)
