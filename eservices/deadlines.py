"""Time limits after filing: which cases are overdue, and the delay notices the law requires.

Licensing Facilitation Act 2558 s.10: when the LGO does not decide within the time limit in its citizen manual, it
must tell the applicant, with the reason, and keep telling them every 7 days until the case is decided. Due dates
are already in working days of the LGO's calendar (set on filing and moved by the paused days when the citizen
answers an information request), so "overdue" here is a plain comparison with today and is skipped while the clock
is paused (INFO_REQUESTED) or the case waits for payment.

`send_delay_notices` is idempotent: each case remembers when it was last told (`last_delay_notice_at`), so running
the job twice a day, or on two servers at once (the row is locked), sends each notice once. Schedule it daily, e.g.
cron `15 8 * * 1-5 manage.py send_delay_notices`, or enqueue `send_delay_notices_task` from a worker's scheduler.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from core.templatetags.thai import be_date
from organizations.calendar import working_days_between

from .models import Submission
from .services import DELAY_NOTICE_ACTION as DELAY_NOTICE_ACTION  # re-exported: the history action's name
from .services import lapse, record_delay_notice

logger = logging.getLogger(__name__)

#: The law's rhythm: a new notice every 7 days while the case stays undecided.
NOTICE_INTERVAL_DAYS = 7


@dataclass(frozen=True)
class DelayRun:
    """What one run did: cases found due a notice, notices sent."""

    due: int
    sent: int


def local_midnight(day: dt.date) -> dt.datetime:
    """The start of `day` in Bangkok (the project's time zone), for comparing dates with stored times."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min), timezone.get_default_timezone())


def overdue_cases(today: dt.date | None = None) -> QuerySet[Submission]:
    """Undecided cases past their due date whose clock is running, every LGO."""
    return Submission.objects.overdue(today or timezone.localdate())


def cases_due_a_notice(today: dt.date | None = None) -> QuerySet[Submission]:
    """Overdue cases never told, or last told 7 or more days ago (calendar days, Bangkok)."""
    today = today or timezone.localdate()
    last_allowed = local_midnight(today - dt.timedelta(days=NOTICE_INTERVAL_DAYS - 1))
    return overdue_cases(today).filter(
        Q(last_delay_notice_at__isnull=True) | Q(last_delay_notice_at__lt=last_allowed)
    ).order_by("pk")


def delay_reason(submission: Submission, today: dt.date) -> str:
    """The reason given to the applicant (s.10 asks for one), in the case's language."""
    days = working_days_between(submission.organization, submission.due_date, today)
    with translation.override(submission.language):
        department = submission.department.name if submission.department else submission.organization.name
        return _(
            "The request is %(days)d working day(s) past its time limit and is still being considered by "
            "%(department)s."
        ) % {"days": days, "department": department}


def send_delay_notice(*, submission: Submission, now: dt.datetime | None = None) -> bool:
    """Tell the applicant their case is late (once per 7 days); False when not due (already told, decided…).

    Locks the case and re-checks it is still due a notice; `services.record_delay_notice` (the case history's one
    writer) records it in the public history and stamps `last_delay_notice_at` in the same transaction; the e-mail
    goes out after commit.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    with transaction.atomic():
        case = (cases_due_a_notice(today).select_for_update(of=("self",))
                .select_related("organization", "department").filter(pk=submission.pk).first())
        if case is None:
            return False
        record_delay_notice(submission=case, reason=delay_reason(case, today), at=now)
    submission.last_delay_notice_at = now
    return True


def send_delay_notices(*, now: dt.datetime | None = None) -> DelayRun:
    """Send every delay notice due today, across all LGOs; safe to run as often as you like."""
    now = now or timezone.now()
    ids = list(cases_due_a_notice(timezone.localdate(now)).values_list("pk", flat=True))
    sent = 0
    for pk in ids:
        # send_delay_notice re-reads and locks the case by pk itself: an unsaved stand-in with the pk is enough.
        try:
            sent += send_delay_notice(submission=Submission(pk=pk), now=now)
        except Exception:  # one broken case (bad template, mail error) must not stop the others
            logger.exception("Delay notice for submission %s failed", pk)
    logger.info("Delay notices: %d due, %d sent", len(ids), sent)
    return DelayRun(due=len(ids), sent=sent)


@task()
def send_delay_notices_task() -> int:
    """Background-task form of `send_delay_notices` for a worker's scheduler; returns the number sent."""
    return send_delay_notices().sent


# --- Lapsing defect notices -------------------------------------------------------------------------------------


def cases_due_to_lapse(today: dt.date | None = None) -> QuerySet[Submission]:
    """Cases of kinds where an unfixed defect notice lapses the case (food places, Public Health Act s.48), whose
    answer-by date has passed with no answer."""
    from .kinds.registry import kinds

    lapsing = [kind.key for kind in kinds if kind.lapses_when_unanswered]
    return Submission.objects.filter(
        service_kind__in=lapsing, status="info_requested", info_request__answered_at__isnull=True,
        info_request__reply_by__lt=today or timezone.localdate(),
    ).order_by("pk")


def lapse_reason(submission: Submission) -> str:
    with translation.override(submission.language):
        return _("The defects listed on the notice were not fixed by %(date)s, so the request has lapsed. You may "
                 "file a new one.") % {"date": be_date(submission.info_request.reply_by)}


def lapse_unanswered(*, now: dt.datetime | None = None) -> int:
    """Lapse every case whose defect notice went unanswered past its date (recorded in the public history, the
    applicant told); idempotent, safe to run as often as you like. Returns how many lapsed."""
    now = now or timezone.now()
    lapsed = 0
    for case in cases_due_to_lapse(timezone.localdate(now)).select_related("info_request"):
        try:
            lapsed += lapse(submission=case, reason=lapse_reason(case), now=now) is not None
        except Exception:  # one broken case must not stop the others
            logger.exception("Lapsing submission %s failed", case.pk)
    logger.info("Lapsed %d case(s) with unfixed defect notices", lapsed)
    return lapsed


@task()
def lapse_unanswered_task() -> int:
    """Background-task form of `lapse_unanswered` for a worker's scheduler."""
    return lapse_unanswered()
