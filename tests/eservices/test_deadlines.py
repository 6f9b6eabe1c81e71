"""Delay notices on a frozen clock (Licensing Facilitation Act s.10): first when late, then every 7 days, never twice
a day, never after the decision, and not while the clock is paused for the applicant."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from eservices import services
from eservices.constants import SubmissionStatus
from eservices.deadlines import DELAY_NOTICE_ACTION, send_delay_notices, send_delay_notices_task
from organizations.constants import Role

BANGKOK_9AM = dt.time(2, 0)  # 09:00 in Bangkok, as UTC


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, BANGKOK_9AM, tzinfo=dt.UTC)


def notices() -> list:
    return [m for m in mail.outbox if "time limit" in m.subject or "ล่าช้า" in m.subject or "เกินกำหนด" in m.subject]


@pytest.fixture
def admin_a(org_a, make_officer):
    return make_officer(org_a, Role.LGO_ADMIN, username="a-admin")


@pytest.fixture
def late_case(file_case, django_capture_on_commit_callbacks):
    day0 = dt.date(2026, 11, 2)  # a Monday; 5 working days → due Monday 9 November
    with time_machine.travel(at(day0), tick=False), django_capture_on_commit_callbacks(execute=True):
        case = file_case()
    assert case.due_date == dt.date(2026, 11, 9)
    mail.outbox.clear()
    return case


def run(day: dt.date, capture) -> int:
    with time_machine.travel(at(day), tick=False), capture(execute=True):
        return send_delay_notices().sent


@pytest.mark.django_db
def test_notice_cadence(late_case, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    assert run(dt.date(2026, 11, 9), capture) == 0  # due today: not late yet
    assert run(dt.date(2026, 11, 10), capture) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["somsri@example.com"]
    assert late_case.reference in message.subject + message.body
    assert run(dt.date(2026, 11, 10), capture) == 0  # same day again: nothing
    assert run(dt.date(2026, 11, 16), capture) == 0  # 6 days later: nothing
    assert run(dt.date(2026, 11, 17), capture) == 1  # 7 days later: the second notice
    assert len(mail.outbox) == 2
    history = late_case.status_changes.filter(action=DELAY_NOTICE_ACTION)
    assert history.count() == 2 and all(change.is_public and change.note for change in history)


@pytest.mark.django_db
def test_no_notice_after_decision(late_case, admin_a, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    assert run(dt.date(2026, 11, 10), capture) == 1
    with time_machine.travel(at(dt.date(2026, 11, 12)), tick=False):
        services.act(submission=late_case, action="accept", actor=admin_a)
        services.act(submission=late_case, action="approve", actor=admin_a)
    assert late_case.status == SubmissionStatus.APPROVED
    assert run(dt.date(2026, 11, 17), capture) == 0
    assert run(dt.date(2026, 11, 24), capture) == 0


@pytest.mark.django_db
def test_clock_paused_while_information_requested(late_case, admin_a, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    with time_machine.travel(at(dt.date(2026, 11, 4)), tick=False):
        services.request_information(submission=late_case, items="สำเนาบัตรประชาชน", actor=admin_a)
    assert run(dt.date(2026, 11, 12), capture) == 0  # past the original due date, but waiting for the applicant
    with time_machine.travel(at(dt.date(2026, 11, 16)), tick=False):
        services.answer_information_request(submission=late_case, text="ส่งแล้วค่ะ")
    late_case.refresh_from_db()
    assert late_case.due_date > dt.date(2026, 11, 16)  # the paused working days were added
    assert run(dt.date(2026, 11, 17), capture) == 0
    assert run(late_case.due_date + dt.timedelta(days=1), capture) == 1


@pytest.mark.django_db
def test_command_and_task(late_case, django_capture_on_commit_callbacks):
    from io import StringIO

    with time_machine.travel(at(dt.date(2026, 11, 10)), tick=False):
        out = StringIO()
        call_command("send_delay_notices", "--dry-run", stdout=out)
        assert "1 case" in out.getvalue()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_delay_notices", stdout=out)
        assert "1 sent" in out.getvalue()
        assert send_delay_notices_task.enqueue().return_value == 0  # already told today
    assert len(mail.outbox) == 1
