"""Scheduled jobs that leave a record: every run's start, end and result, listed in the admin.

A management command run by cron or a systemd timer (delay notices, purges, the notification retry sweep, backups)
subclasses `RecordedCommand`; each run writes a `JobRun` row, so "did last night's backup run, and what did it do?"
is answered on one admin screen rather than in the cron mail nobody reads. A run that raises is recorded as failed
with the error and still exits non-zero.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from django.core.management import get_commands, load_command_class
from django.core.management.base import BaseCommand
from django.db.models import Max
from django.utils import timezone

from .constants import JobOutcome
from .models import JobRun


class RecordedCommand(BaseCommand):
    """A scheduled job. Call `self.report(text)` for the line that sums the run up (printed and recorded)."""

    #: When to run it (a cron schedule), for the jobs screen.
    schedule: str = ""
    #: What it does, in a lazily translated sentence for the admin (`help` stays the terminal's English).
    description: Any = ""
    summary: str = ""

    def report(self, text: str) -> None:
        self.summary = text
        self.stdout.write(text)

    def execute(self, *args: Any, **options: Any) -> str | None:
        if options.get("dry_run"):
            return super().execute(*args, **options)
        run = JobRun.objects.create(job=job_name(self), started_at=timezone.now())
        try:
            output = super().execute(*args, **options)
        except BaseException as error:
            _finish(run, JobOutcome.FAILED, f"{type(error).__name__}: {error}")
            raise
        _finish(run, JobOutcome.OK, self.summary or (output or ""))
        return output


def job_name(command: BaseCommand) -> str:
    return type(command).__module__.rsplit(".", 1)[-1]


def _finish(run: JobRun, outcome: str, summary: str) -> None:
    run.outcome, run.finished_at, run.summary = outcome, timezone.now(), " ".join(summary.split())[:500]
    run.save(update_fields=["outcome", "finished_at", "summary"])


@dataclass(frozen=True)
class ScheduledJob:
    name: str
    help: Any
    schedule: str
    last_run: JobRun | None


@functools.cache
def _recorded_commands() -> tuple[tuple[str, Any, str], ...]:
    """(name, help, schedule) of every installed command that is a RecordedCommand (looked up once per process)."""
    found = []
    for name, app in sorted(get_commands().items()):
        if app.startswith("django") or app.startswith("wagtail"):
            continue
        try:
            command = load_command_class(app, name)
        except Exception:  # noqa: S112 (a broken third-party command must not break the jobs screen)
            continue
        if isinstance(command, RecordedCommand):
            found.append((name, command.description or command.help, command.schedule))
    return tuple(found)


def scheduled_jobs() -> list[ScheduledJob]:
    """Every scheduled job with its last run (None when it never ran), in one query."""
    commands = _recorded_commands()
    latest = (JobRun.objects.filter(job__in=[name for name, _, _ in commands]).values("job")
              .annotate(last=Max("pk")).values("last"))
    last = {run.job: run for run in JobRun.objects.filter(pk__in=latest)}
    return [ScheduledJob(name=name, help=help_text, schedule=schedule, last_run=last.get(name))
            for name, help_text, schedule in commands]
