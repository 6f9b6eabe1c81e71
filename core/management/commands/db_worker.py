"""`manage.py db_worker`: django-tasks-db's worker, plus a heartbeat that `/readyz` reads.

The worker itself is django-tasks-db's, unchanged; a daemon thread writes this worker's `WorkerHeartbeat` row every
`WORKER_HEARTBEAT_SECONDS`, so a dead worker or one that lost its database shows on the readiness check.
"""

from __future__ import annotations

import os
import socket
import threading

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as WorkerCommand

from core.models import WorkerHeartbeat


def beat(*, worker_id: str, started_at) -> None:
    """Record that this worker is alive now."""
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"hostname": socket.gethostname()[:255], "pid": os.getpid(), "started_at": started_at,
                  "beat_at": timezone.now()},
    )


def _beat_forever(worker_id: str, stop: threading.Event) -> None:
    started_at = timezone.now()
    interval = float(getattr(settings, "WORKER_HEARTBEAT_SECONDS", 15))
    while not stop.is_set():
        try:
            close_old_connections()
            beat(worker_id=worker_id, started_at=started_at)
        except Exception:  # the database is away: the missing beat is the signal; try again later
            connection.close()
        stop.wait(interval)


class Command(WorkerCommand):
    help = "Run the background task worker (e-mail, PDFs, billing runs) with a heartbeat for /readyz."

    def handle(self, *args, worker_id: str, **options):
        stop = threading.Event()
        thread = threading.Thread(target=_beat_forever, args=(worker_id, stop), daemon=True, name="heartbeat")
        thread.start()
        try:
            return super().handle(*args, worker_id=worker_id, **options)
        finally:
            stop.set()
