"""`python manage.py issue_open311_key <LGO code> <client name>`: issue an Open311 API key from the shell.

The key is printed alone on the last line so a script can take it with `tail -n 1`; it is shown only this once.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from open311.services import issue_key
from organizations.models import Organization


class Command(BaseCommand):
    help = "Issue an Open311 GeoReport v2 API key for a client of an LGO; the key is the last line of the output."

    def add_arguments(self, parser) -> None:
        parser.add_argument("code", help="the LGO's short code, e.g. NKW")
        parser.add_argument("client_name", help="who will use the key, e.g. 'Traffy Fondue'")

    def handle(self, *args, code: str, client_name: str, **options) -> None:
        organization = Organization.objects.filter(code=code.strip().upper()).first()
        if organization is None:
            raise CommandError(f"No LGO with the code {code!r}.")
        if not client_name.strip():
            raise CommandError("The client name must not be blank.")
        row, key = issue_key(organization=organization, client_name=client_name)
        self.stdout.write(f"Open311 API key for {row.client_name} at {organization.code} ({organization.name_th}):")
        self.stdout.write(key)
