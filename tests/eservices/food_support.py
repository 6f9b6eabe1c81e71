"""Shared set-up of the food-place tests: the three services published from the library, and answers that file."""

from __future__ import annotations

import datetime as dt
from typing import Any

from eservices import services
from eservices.kinds import food
from eservices.library import services as library_services
from eservices.models import ServicePage

NOTIFICATION_KEY, LICENCE_KEY = "food-place-notification", "food-place-licence"
FOLLOWUP_KEY = "food-place-holder-request"
OPERATOR_ID = "1101700230708"
BANGKOK_9AM = dt.time(2, 0)  # 09:00 in Bangkok, as UTC


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, BANGKOK_9AM, tzinfo=dt.UTC)


def publish_food_services(organization) -> dict[str, ServicePage]:
    health = organization.departments.get(code="health")
    pages = library_services.add_from_library(organization=organization, choices=[
        (NOTIFICATION_KEY, health), (LICENCE_KEY, health), (FOLLOWUP_KEY, health)])
    return {page.library_key: ServicePage.objects.get(pk=page.pk) for page in pages}


def premises_answers(area: str = "48", **extra: Any) -> dict[str, Any]:
    return {
        "premises_name": "ร้านข้าวแกงป้าสำราญ", "premises_kind": food.PREMISES_KINDS[0], "area": area, "seats": "16",
        "food_type": "ข้าวแกง อาหารตามสั่ง", "hours": "ทุกวัน 06:30–14:00 น.",
        "premises_address": {"line": "99 หมู่ 4", "subdistrict": "ริมกก", "district": "เมืองเชียงราย",
                             "province": "เชียงราย", "postcode": "57100"},
        "place": None, "not_in_market": True, "operator_type": food.OPERATOR_PERSON,
        "applicant_name": "นางสำราญ ใจงาม", "national_id": OPERATOR_ID, "phone": "0812345678",
        "email": "samran@example.com", "premises_right": food.OWN_PREMISES, "truthful": True, **extra,
    }


def stored(key: str) -> services.StoredFile:
    return services.StoredFile(field_key=key, path=f"eservices/test/{key}.pdf", name=f"{key}.pdf",
                               mime_type="application/pdf", size=10)


def file_food(page: ServicePage, answers: dict[str, Any], *, key: str, files=("id_card", "house_registration"),
              now: dt.datetime | None = None):
    return services.submit(service=page, answers=answers, files=[stored(f) for f in files],
                           idempotency_key=f"food-{key}", now=now)
