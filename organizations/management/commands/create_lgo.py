"""Onboard a new LGO in one step: site, page tree with default content, departments, groups, workflow, first admin."""

from __future__ import annotations

import secrets
import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from organizations.constants import OrganizationKind
from organizations.services import NewOrganization, onboard_organization, organization_problems


class Command(BaseCommand):
    help = (
        "Create a new LGO (site, home page and default pages, departments, role groups, publishing workflow and "
        "optionally its first administrator) in one transaction. Bad or duplicate input changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--code", required=True, help="Short code in capitals, e.g. NKS (used in references).")
        parser.add_argument("--kind", required=True, help=f"One of: {', '.join(OrganizationKind.values)}.")
        parser.add_argument("--name-th", required=True, help="Official name in Thai.")
        parser.add_argument("--name-en", default="", help="Name in English.")
        parser.add_argument("--dla-code", required=True, help="7-digit code of the Department of Local Administration.")
        parser.add_argument("--province", required=True)
        parser.add_argument("--district", required=True)
        parser.add_argument("--subdistrict", default="")
        parser.add_argument("--hostname", required=True, help="Host name the website is served on, e.g. www.x.go.th.")
        parser.add_argument("--port", type=int, default=80)
        parser.add_argument("--default-site", action="store_true", help="Serve this LGO for unknown host names.")
        parser.add_argument("--admin-username", default="", help="Create the LGO's first administrator account.")
        parser.add_argument("--admin-email", default="")
        parser.add_argument("--admin-first-name", default="", help="The administrator's first name (asked if missing).")
        parser.add_argument("--admin-last-name", default="", help="The administrator's last name (asked if missing).")
        parser.add_argument("--admin-password", default="",
                            help="Default: a random temporary password, printed last; it must be changed at first "
                                 "sign-in.")
        parser.add_argument("--default-services", action="store_true",
                            help="Also publish the standard e-services most LGOs offer (from the service library).")

    def handle(self, *args, **options) -> None:
        data = NewOrganization(
            code=options["code"], kind=options["kind"], name_th=options["name_th"], name_en=options["name_en"],
            dla_code=options["dla_code"], province=options["province"], district=options["district"],
            subdistrict=options["subdistrict"], hostname=options["hostname"].strip().lower(), port=options["port"],
            is_default_site=options["default_site"],
        )
        username = options["admin_username"].strip()
        self._refuse_problems(data, username)
        first_name, last_name = options["admin_first_name"].strip(), options["admin_last_name"].strip()
        if username and not (first_name and last_name) and sys.stdin.isatty():
            first_name = first_name or input("ชื่อผู้ดูแลระบบ / administrator's first name: ").strip()
            last_name = last_name or input("นามสกุลผู้ดูแลระบบ / administrator's last name: ").strip()
        password = options["admin_password"] or (secrets.token_urlsafe(12) if username else None)
        try:
            with translation.override("th"):
                organization = onboard_organization(
                    data, admin_username=username, admin_email=options["admin_email"], admin_password=password,
                    admin_first_name=first_name, admin_last_name=last_name,
                    default_services=options["default_services"],
                )
        except ValidationError as exc:  # a rule checked only while writing (e.g. password strength)
            raise CommandError(self._format({"__all__": exc.messages}, {})) from exc
        port = "" if data.port in (80, 443) else f":{data.port}"
        self.stdout.write(self.style.SUCCESS(
            f"สร้าง {organization.name_th} ({organization.code}) แล้ว / Created {organization.code}: "
            f"http://{data.hostname}{port}/  admin: http://{data.hostname}{port}/admin/"
        ))
        if username:
            name = f" ({first_name} {last_name})" if first_name or last_name else ""
            self.stdout.write(f"ผู้ดูแลระบบ / administrator: {username}{name}")
            self.stdout.write("ต้องตั้งรหัสผ่านใหม่เมื่อเข้าสู่ระบบครั้งแรก / must set a new password at first sign-in")
            if not options["admin_password"]:
                # Last, on its own line, so that it is easy to find and copy (and nothing scrolls it away).
                self.stdout.write("")
                self.stdout.write(self.style.WARNING(f"รหัสผ่านชั่วคราว / temporary password:  {password}"))

    def _refuse_problems(self, data: NewOrganization, username: str) -> None:
        """Check everything first, in Thai and English, so an operator sees every problem at once."""
        with translation.override("th"):
            thai = organization_problems(data, admin_username=username)
        if not thai:
            return
        with translation.override("en"):
            english = organization_problems(data, admin_username=username)
        raise CommandError(self._format(thai, english))

    @staticmethod
    def _format(thai: dict[str, list[str]], english: dict[str, list[str]]) -> str:
        lines = ["ไม่ได้สร้าง อปท. เพราะข้อมูลไม่ถูกต้อง / The LGO was not created because of invalid input:"]
        for field, messages in thai.items():
            option = "" if field == "__all__" else f"--{field.replace('_', '-')}: "
            lines.append(f"  {option}{' '.join(messages)}")
            if english.get(field):
                lines.append(f"  {' ' * len(option)}{' '.join(english[field])}")
        return "\n".join(lines)
