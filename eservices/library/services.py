"""Write paths of the service library: publish standard services on an LGO's site, offer and apply updates.

Every page is created and published through Wagtail revisions (so history, the page cache purge and search follow as
for any page an editor publishes), all or nothing per call.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .. import library
from ..models import ServiceIndexPage, ServicePage
from . import ServiceTemplate

CATALOGUE_SLUG = "e-service"
DEFAULT_HOURS = "วันจันทร์ถึงวันศุกร์ (เว้นวันหยุดราชการ) เวลา 08:30–16:30 น."
#: The usual name of each department code, as the template's process steps name the responsible unit.
_USUAL_UNITS = {
    "office": "สำนักปลัด", "finance": "กองคลัง", "engineering": "กองช่าง", "health": "กองสาธารณสุขและสิ่งแวดล้อม",
    "education": "กองการศึกษา ศาสนาและวัฒนธรรม", "welfare": "กองสวัสดิการสังคม",
}
#: Fields a template owns; an update rewrites these and leaves the LGO's title, slug, department and settings.
TEMPLATE_FIELDS = (
    "summary", "category", "service_type", "process_name", "legal_basis", "time_limit_days", "total_time_days",
    "process_steps", "criteria", "no_documents_required", "required_documents", "fee_point", "fee_amount",
    "fee_text", "service_kind", "issues_document", "document_validity_days", "form_steps",
)


def ensure_catalogue(organization, *, user=None) -> ServiceIndexPage:
    """The LGO's e-service catalogue page, created and published at /e-service/ when it has none."""
    home = organization.site.root_page
    existing = ServiceIndexPage.objects.child_of(home).first()
    if existing is not None:
        return existing
    index = ServiceIndexPage(
        title="บริการออนไลน์ (e-Service)", slug=CATALOGUE_SLUG, show_in_menus=True,
        intro="<p>ยื่นคำขอได้ตลอด 24 ชั่วโมง ไม่ต้องเดินทางมาที่สำนักงาน คำขอที่ยื่นนอกเวลาราชการ"
              "ถือว่าได้รับในเวลาทำการถัดไป</p>",
        contact_text=_contact_text(organization),
    )
    home.add_child(instance=index)
    index.save_revision(user=user).publish(user=user)
    return index


def _contact_text(organization) -> str:
    parts = [f"ต้องการความช่วยเหลือในการยื่นคำขอ ติดต่อ {organization.name_th}"]
    if organization.phone:
        parts.append(f"โทร. {organization.phone}")
    if organization.office_hours:
        parts.append(organization.office_hours)
    return " ".join(parts)


def page_values(template: ServiceTemplate, organization, department) -> dict[str, Any]:
    """The page fields of `template` for one LGO: the template's manual and form, and the LGO's own facts
    (hours, where to apply, phone, where to complain) from its profile, so they are typed once."""
    data = template.data
    usual_unit = _USUAL_UNITS.get(template.department_code)
    steps = []
    for step in data.get("process_steps", []):
        step = dict(step)
        if department is not None and step.get("responsible_unit") == usual_unit:
            step["responsible_unit"] = department.name_th
        steps.append({"type": "step", "value": step})
    where = department.name_th if department is not None else organization.name_th
    channels = ["1. ยื่นออนไลน์ผ่านเว็บไซต์นี้ได้ตลอด 24 ชั่วโมง", f"2. ยื่นด้วยตนเองที่{where} {organization.name_th}"]
    if organization.address:
        channels[-1] += f" {organization.address.replace(chr(10), ' ')}"
    if organization.phone:
        channels.append(f"3. สอบถามทางโทรศัพท์ {organization.phone}")
    phone = f" โทร. {organization.phone}" if organization.phone else ""
    return {
        "summary": data["summary"], "category": data["category"], "service_type": data["service_type"],
        "process_name": data["process_name"], "legal_basis": data.get("legal_basis", ""),
        "time_limit_days": data.get("time_limit_days", 15), "total_time_days": data.get("total_time_days", 15),
        "process_steps": steps, "criteria": data.get("criteria", ""),
        "no_documents_required": data.get("no_documents_required", False),
        "required_documents": [{"type": "document", "value": doc} for doc in data.get("documents", [])],
        "fee_point": data.get("fee_point", "none"),
        "fee_amount": Decimal(data["fee_amount"]) if data.get("fee_amount") else None,
        "fee_text": data.get("fee_text", ""), "service_kind": data.get("service_kind", "generic"),
        "issues_document": data.get("issues_document", "none"),
        "document_validity_days": data.get("document_validity_days"),
        "form_steps": data.get("form_steps", []),
        "channels": "\n".join(channels),
        "service_hours": organization.office_hours or DEFAULT_HOURS,
        "complaint_channel": (f"1. {organization.name_th}{phone}\n2. ศูนย์ดำรงธรรมอำเภอ/จังหวัด หรือสายด่วน 1567\n"
                              "3. ศูนย์รับเรื่องราวร้องทุกข์ของรัฐบาล สายด่วน 1111 หรือ www.1111.go.th"),
        "online_filing": True,
    }


def published_services(index: ServiceIndexPage) -> dict[str, ServicePage]:
    """The LGO's services that came from the library, by template key."""
    pages = ServicePage.objects.child_of(index).exclude(library_key="").only(
        "id", "title", "library_key", "library_version", "department_id", "live", "path", "depth", "url_path")
    return {page.library_key: page for page in pages}


def default_department(organization, template: ServiceTemplate, departments: Sequence | None = None):
    """The LGO's department with the template's usual code, else its first department."""
    if departments is None:
        departments = list(organization.departments.all())
    for department in departments:
        if department.code == template.department_code:
            return department
    return departments[0] if departments else None


def add_from_library(*, organization, choices: Sequence[tuple[str, Any]], user=None) -> list[ServicePage]:
    """Publish the chosen templates as services of `organization`, each in its department, in one transaction.

    `choices` are (template key, Department); a template already published there is skipped, so a double-click
    changes nothing. Raises ValidationError (nothing published) for an unknown key or another LGO's department.
    """
    created: list[ServicePage] = []
    with transaction.atomic():
        index = ensure_catalogue(organization, user=user)
        existing = published_services(index)
        taken = set(ServicePage.objects.child_of(index).values_list("slug", flat=True))
        for key, department in choices:
            try:
                template = library.get(key)
            except KeyError as exc:
                raise ValidationError(_("There is no standard service “%(key)s”.") % {"key": key}) from exc
            if department is not None and department.organization_id != organization.pk:
                raise ValidationError(_("The department belongs to another LGO."))
            if key in existing:
                continue
            page = ServicePage(title=template.title, slug=_free_slug(key, taken), library_key=key,
                               library_version=template.version, department=department,
                               **page_values(template, organization, department))
            index.add_child(instance=page)
            page.save_revision(user=user, log_action=True).publish(user=user)
            created.append(page)
    return created


def _free_slug(key: str, taken: set[str]) -> str:
    slug, number = slugify(key), 2
    while slug in taken:
        slug, number = f"{slugify(key)}-{number}", number + 1
    taken.add(slug)
    return slug


def add_default_set(organization, *, user=None, keys: Iterable[str] | None = None) -> list[ServicePage]:
    """The default services (`DEFAULT_SET`), each in its usual department: what onboarding offers in one tick."""
    chosen = [library.get(key) for key in (keys or library.DEFAULT_SET)]
    departments = list(organization.departments.all())
    return add_from_library(organization=organization, user=user,
                            choices=[(t.key, default_department(organization, t, departments)) for t in chosen])


def available_update(page: ServicePage) -> ServiceTemplate | None:
    """The newer library version of `page`'s template, when there is one."""
    if not page.library_key:
        return None
    try:
        template = library.get(page.library_key)
    except KeyError:
        return None
    return template if template.version > (page.library_version or 0) else None


def prepare_update(*, page: ServicePage, user=None):
    """Write the newer template into a *draft* revision of `page` (title, slug and department stay the LGO's).

    Nothing changes on the live site: the administrator reviews the draft in the page editor and publishes it, or
    discards it. Returns the revision; raises ValidationError when there is no newer version.
    """
    template = available_update(page)
    if template is None:
        raise ValidationError(_("This service is already the latest version of the standard service."))
    with transaction.atomic():
        page = page.get_latest_revision_as_object()
        values = page_values(template, page.organization, page.department)
        for name in TEMPLATE_FIELDS:
            setattr(page, name, values[name])
        page.library_version = template.version
        return page.save_revision(user=user, log_action=True)


def templates_with_state(organization) -> list[dict[str, Any]]:
    """Each library template with what the LGO did with it: not added, published (which version), or update offered."""
    home = organization.site.root_page
    index = ServiceIndexPage.objects.child_of(home).first()
    published = published_services(index) if index is not None else {}
    departments = list(organization.departments.all())
    rows = []
    for template in library.all_templates():
        page = published.get(template.key)
        rows.append({"template": template, "page": page,
                     "update": page is not None and template.version > (page.library_version or 0),
                     "department": default_department(organization, template, departments)})
    return rows
