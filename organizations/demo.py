"""Demo LGOs and their officers: a เทศบาลตำบล on 127.0.0.1 and an อบต. on localhost, to show isolation.

Idempotent: an LGO that exists (by code) is kept as it is, missing officers and roles are added, and every demo
account's password is (re)set to the demo password so that the printed credentials always work.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from core.demo import DemoContext

from .constants import OrganizationKind, Role
from .holidays import seed_national_holidays
from .models import Holiday, Membership, Organization
from .permissions import ensure_organization_groups, sync_user_groups
from .services import NewOrganization, add_membership, create_organization

ROLE_LABELS_TH = {
    Role.LGO_ADMIN: "ผู้ดูแลระบบของ อปท.",
    Role.PR_EDITOR: "เจ้าหน้าที่ประชาสัมพันธ์ (ผู้เขียนข่าว)",
    Role.PR_APPROVER: "หัวหน้างานประชาสัมพันธ์ (ผู้อนุมัติเผยแพร่)",
    Role.OFFICER: "เจ้าหน้าที่ผู้ให้บริการ",
    Role.DEPARTMENT_HEAD: "ผู้อำนวยการกอง",
    Role.EXECUTIVE: "ผู้บริหาร",
    Role.CORRESPONDENCE_ADMIN: "เจ้าหน้าที่สารบรรณ",
}


@dataclass(frozen=True)
class DemoOfficer:
    suffix: str  # username is "<code>-<suffix>"
    role: str
    first_name: str
    last_name: str
    position: str
    department: str | None = None


def _lgos() -> list[tuple[NewOrganization, dict]]:
    port = int(os.environ.get("PORT", "8000"))
    return [
        (
            NewOrganization(
                code="NKW", kind=OrganizationKind.SUBDISTRICT_MUNICIPALITY, name_th="เทศบาลตำบลหนองแก้ว",
                name_en="Nong Kaeo Subdistrict Municipality", dla_code="5570103", province="เชียงราย",
                district="เมืองเชียงราย", subdistrict="หนองแก้ว",
                # The default site: 127.0.0.1 on any port is served by this LGO; registered on `make run`'s PORT
                # so that links made outside a request (e-mails from tasks, printed URLs) open there.
                hostname="127.0.0.1", port=port, is_default_site=True,
            ),
            {
                "address": "99 หมู่ 3 ถนนพหลโยธิน ตำบลหนองแก้ว อำเภอเมืองเชียงราย จังหวัดเชียงราย",
                "postcode": "57000", "phone": "053 123 456", "email": "saraban@nongkaew.go.th",
                "office_hours": "จันทร์–ศุกร์ 08:30–16:30 น. (เว้นวันหยุดราชการ)",
                "tax_id": "0994000123451", "biller_id": "099400012345100", "document_prefix": "ชร 52301",
            },
        ),
        (
            NewOrganization(
                code="DSK", kind=OrganizationKind.SAO, name_th="องค์การบริหารส่วนตำบลดอยสะเก็ด",
                name_en="Doi Saket Subdistrict Administrative Organization", dla_code="6500712",
                province="เชียงใหม่", district="ดอยสะเก็ด", subdistrict="ดอยสะเก็ด",
                hostname="localhost", port=port,
            ),
            {
                "address": "1 หมู่ 1 ตำบลดอยสะเก็ด อำเภอดอยสะเก็ด จังหวัดเชียงใหม่",
                "postcode": "50220", "phone": "053 866 001", "email": "contact@doisaket-sao.go.th",
                "office_hours": "จันทร์–ศุกร์ 08:30–16:30 น. (พักเที่ยง 12:00–13:00 น. มีเจ้าหน้าที่ให้บริการ)",
                "tax_id": "0994000654324", "biller_id": "099400065432400", "document_prefix": "ชม 80101",
            },
        ),
    ]


OFFICERS: tuple[DemoOfficer, ...] = (
    DemoOfficer("admin", Role.LGO_ADMIN, "วิไลวรรณ", "ศรีสุข", "นักวิชาการคอมพิวเตอร์", "office"),
    DemoOfficer("editor", Role.PR_EDITOR, "กมลชนก", "ใจงาม", "เจ้าพนักงานประชาสัมพันธ์", "office"),
    DemoOfficer("approver", Role.PR_APPROVER, "ประเสริฐ", "มั่นคง", "หัวหน้าสำนักปลัด", "office"),
    DemoOfficer("officer", Role.OFFICER, "สมหญิง", "รักงาน", "นักวิชาการจัดเก็บรายได้", "finance"),
    # One officer in every other department that owns a demo service, so any service can be walked as its officer.
    DemoOfficer("office-officer", Role.OFFICER, "สุดารัตน์", "ดีงาม", "นักจัดการงานทั่วไป", "office"),
    DemoOfficer("engineering-officer", Role.OFFICER, "ธนากร", "ช่างดี", "นายช่างโยธา", "engineering"),
    DemoOfficer("health-officer", Role.OFFICER, "พิมพ์ชนก", "สะอาด", "นักวิชาการสาธารณสุข", "health"),
    DemoOfficer("welfare-officer", Role.OFFICER, "มานพ", "เอื้ออารี", "นักพัฒนาชุมชน", "welfare"),
    DemoOfficer("head", Role.DEPARTMENT_HEAD, "อนุชา", "เก่งกาจ", "ผู้อำนวยการกองคลัง", "finance"),
    DemoOfficer("executive", Role.EXECUTIVE, "บุญเลิศ", "ทองดี", "นายกเทศมนตรี"),
    DemoOfficer("saraban", Role.CORRESPONDENCE_ADMIN, "จันทร์เพ็ญ", "สุขใจ", "เจ้าพนักงานธุรการ", "office"),
)

EXECUTIVE_TITLE = {OrganizationKind.SAO: "นายกองค์การบริหารส่วนตำบล"}


def load(ctx: DemoContext) -> None:
    seed_national_holidays()
    port = int(os.environ.get("PORT", "8000"))
    urls = [f"http://127.0.0.1:{port}", f"http://localhost:{port}"]
    _superuser(ctx, urls[0])
    for (data, profile), base_url in zip(_lgos(), urls, strict=True):
        organization = Organization.objects.filter(code=data.code).first()
        if organization is None:
            organization = create_organization(data, **profile)
            ctx.say(f"สร้าง {organization.name_th} ({organization.code}) ที่ {base_url}/")
        else:
            _register_site(organization, data)
        ensure_organization_groups(organization)
        ctx.organizations.append(organization)
        ctx.extra.setdefault("websites", []).append((f"{base_url}/", f"{organization.name_th} (/en/ English)"))
        _local_holiday(organization)
        for officer in OFFICERS:
            _officer(ctx, organization, officer, base_url)


def _register_site(organization: Organization, data: NewOrganization) -> None:
    """Serve an existing demo LGO where this run serves (`make run PORT=8080` after a run on 8000): its Wagtail
    Site is what links made outside a request point to."""
    site = organization.site
    if (site.hostname, site.port) != (data.hostname, data.port):
        site.hostname, site.port = data.hostname, data.port
        site.save(update_fields=["hostname", "port"])


def _superuser(ctx: DemoContext, base_url: str) -> None:
    User = get_user_model()
    user, _created = User.objects.get_or_create(
        username="admin", defaults={"email": "admin@example.org", "first_name": "ผู้ดูแล", "last_name": "ระบบ"}
    )
    user.is_superuser = user.is_staff = user.is_active = True
    user.set_password(ctx.password)
    user.save()
    ctx.users["admin"] = user
    ctx.credentials.append((f"{base_url}/admin/", "admin", "ผู้ดูแลระบบทั้งหมด (superuser)"))


def _officer(ctx: DemoContext, organization: Organization, spec: DemoOfficer, base_url: str) -> None:
    User = get_user_model()
    username = f"{organization.code.lower()}-{spec.suffix}"
    position = spec.position
    if spec.role == Role.EXECUTIVE:
        position = EXECUTIVE_TITLE.get(organization.kind, position)
    user, _created = User.objects.get_or_create(
        username=username,
        defaults={"first_name": spec.first_name, "last_name": spec.last_name,
                  "email": f"{username}@example.org"},
    )
    user.is_active = True
    user.set_password(ctx.password)
    user.save()
    department = organization.departments.filter(code=spec.department).first() if spec.department else None
    if not Membership.objects.filter(user=user, organization=organization, role=spec.role).exists():
        add_membership(user=user, organization=organization, role=spec.role, department=department,
                       position=position)
    sync_user_groups(user)
    ctx.users[username] = user
    role = ROLE_LABELS_TH[spec.role]
    if spec.role == Role.OFFICER and department is not None:
        role = f"{role} {department.name_th}"
    ctx.credentials.append((f"{base_url}/admin/", username, f"{role} – {organization.name_th}"))


def _local_holiday(organization: Organization) -> None:
    """One local closure per LGO, to show that holidays can be the LGO's own."""
    day = dt.date(2026, 12, 22) if organization.code == "NKW" else dt.date(2026, 12, 23)
    Holiday.objects.get_or_create(
        organization=organization, date=day, defaults={"name": f"วันก่อตั้ง{organization.name_th}"}
    )
