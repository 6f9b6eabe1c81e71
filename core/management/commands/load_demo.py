"""Load a complete demo LGO in Thai. Idempotent: a second run keeps existing data and adds only what is missing."""

from __future__ import annotations

import importlib
import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import module_has_submodule

from core.demo import DemoContext


def demo_steps() -> list:
    """Each installed project app's `demo` module that has `load(ctx: DemoContext) -> None`, in INSTALLED_APPS
    order (later steps use what earlier ones made). Found, not named: core stands below the apps it would list."""
    from django.apps import apps

    base = Path(settings.BASE_DIR).resolve()
    steps = []
    for app_config in apps.get_app_configs():
        if base not in Path(app_config.path).resolve().parents or not module_has_submodule(app_config.module, "demo"):
            continue
        module = importlib.import_module(f"{app_config.name}.demo")
        if callable(getattr(module, "load", None)):
            steps.append(module)
    return steps


def _remembered_password() -> str:
    """A random password generated once and kept in var/, so every `make run` prints the same working one."""
    path = Path(settings.BASE_DIR) / "var" / "demo-password"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(9)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password


class Command(BaseCommand):
    help = "Create or complete the demo LGOs, their pages, services, cases, bills and correspondence."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--password", help="Password for the demo accounts (default: $DEMO_PASSWORD or random).")
        parser.add_argument("--quiet", action="store_true", help="Do not print credentials.")

    def handle(self, *args, **options) -> None:
        password = options.get("password") or os.environ.get("DEMO_PASSWORD") or _remembered_password()
        ctx = DemoContext(stdout=self.stdout, password=password)
        for module in demo_steps():
            with transaction.atomic():
                module.load(ctx)
        if options.get("quiet"):
            return
        self.stdout.write("\n" + "=" * 72)
        self.stdout.write("Thongthin demo is ready / ระบบสาธิตพร้อมใช้งาน")
        for url, name in ctx.extra.get("websites", []):
            self.stdout.write(f"  {url:<38} {name}")
        for url, username, role in ctx.credentials:
            self.stdout.write(f"  {url:<38} user: {username:<16} ({role})")
        if ctx.credentials:
            self.stdout.write(f"  password for every demo account / รหัสผ่านทุกบัญชี: {password}")
        self.stdout.write("=" * 72)
