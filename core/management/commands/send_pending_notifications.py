"""`manage.py send_pending_notifications`: send every notification whose (re)try is due (run every minute)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.jobs import RecordedCommand
from core.notifications import send_due


class Command(RecordedCommand):
    help = "Send queued notifications and retry failed ones whose backoff has passed (run every minute)."
    schedule = "* * * * *"
    description = _("Sends waiting notifications and retries failed ones when their wait is over.")

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=500, help="At most this many notifications per run.")

    def handle(self, *args, limit: int = 500, **options):
        counts = send_due(limit=limit)
        self.report("Notifications: " + (", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
                                         or "nothing due") + ".")
