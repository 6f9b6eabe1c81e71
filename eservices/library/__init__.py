"""The library of standard services: citizen manuals and online forms every Thai LGO offers, kept as data.

Each service is one JSON file in `services/` (its file name is its key). A file carries a `version`: raise it when the
manual or form changes, and every LGO that published an older version is *offered* the update in the admin
(Admin → คลังบริการมาตรฐาน); nothing changes on a live site until its administrator accepts. LGO-specific facts
(office hours, phone, address, department) are never in a template: they are filled from the LGO's profile when the
service is published (`page_values`).

File shape: key, version, title, summary, category, service_type, department (the usual department code, see
`organizations.services.DEFAULT_DEPARTMENTS`), service_kind (optional), process_name, legal_basis, time_limit_days,
total_time_days, criteria, process_steps [{description, duration, responsible_unit}], no_documents_required,
documents [{name, issued_by, copy_kind, count, note}], fee_point, fee_amount ("50.00" or null), fee_text,
issues_document, document_validity_days, form_steps (the raw StreamField data of `ServicePage.form_steps`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from ..constants import ServiceCategory

LIBRARY_DIR = Path(__file__).resolve().parent / "services"

#: The services `create_lgo --services default` and the web onboarding screen add to a new LGO: what almost every
#: LGO must offer (welfare registration, information requests, complaints) plus the most asked-for requests.
DEFAULT_SET: tuple[str, ...] = (
    "elderly-allowance", "disability-allowance", "official-information", "general-request", "complaint",
    "water-truck", "tree-cutting", "waste-collection", "disaster-relief", "health-hazard-business",
)


@dataclass(frozen=True)
class ServiceTemplate:
    """One standard service as the library ships it (immutable: edit the JSON file and raise its version)."""

    key: str
    version: int
    data: dict[str, Any]

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def summary(self) -> str:
        return self.data["summary"]

    @property
    def category(self) -> str:
        return self.data["category"]

    @property
    def category_label(self) -> str:
        return str(ServiceCategory(self.category).label)

    @property
    def department_code(self) -> str:
        return self.data.get("department", "office")

    @property
    def fee_amount(self) -> Decimal | None:
        amount = self.data.get("fee_amount")
        return Decimal(amount) if amount else None


@cache
def all_templates() -> tuple[ServiceTemplate, ...]:
    """Every template, in catalogue order (category as the public catalogue shows it, then title)."""
    order = {value: index for index, value in enumerate(ServiceCategory.values)}
    templates = []
    for path in sorted(LIBRARY_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") != path.stem:
            raise ValueError(f"{path.name}: key {data.get('key')!r} must equal the file name")
        templates.append(ServiceTemplate(key=data["key"], version=int(data["version"]), data=data))
    return tuple(sorted(templates, key=lambda t: (order.get(t.category, 99), t.title)))


def get(key: str) -> ServiceTemplate:
    """The template with this key; KeyError for an unknown key."""
    for template in all_templates():
        if template.key == key:
            return template
    raise KeyError(key)
