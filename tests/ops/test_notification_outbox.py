"""Notifications lose nothing: a real SMTP server stopped mid-run, every message delivered later, exactly once;
failures stay visible to the LGO administrator (their own LGO only) with a retry button; jobs leave a record."""

from __future__ import annotations

import datetime as dt
import os
import socket

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from core import notifications
from core.constants import DeliveryStatus, JobOutcome
from core.models import JobRun, NotificationDelivery
from organizations.constants import Role

pytestmark = pytest.mark.django_db

aiosmtpd = None if os.environ.get("THONGTHIN_REQUIRE_OPS") else pytest.importorskip(
    "aiosmtpd", reason="aiosmtpd is not installed (pip install -e '.[dev]'): the SMTP-outage test needs a real server")


class Inbox:
    def __init__(self):
        self.messages: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope.content)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on a free port; `.stop()` and `.start()` it to simulate an outage."""
    from aiosmtpd.controller import Controller

    port, inbox = _free_port(), Inbox()

    class Server:
        controller = None

        def start(self):
            self.controller = Controller(inbox, hostname="127.0.0.1", port=port)
            self.controller.start()

        def stop(self):
            self.controller.stop()

    server = Server()
    server.inbox = inbox
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 5
    settings.EMAIL_USE_TLS = False
    yield server
    if server.controller and server.controller._thread:
        server.stop()


def _send(org, n: int, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(organization=org, template_key="eservices.message", context={"message": f"ข้อความ {n}"},
                             recipient_email=f"citizen{n}@example.com")


def _delivered(server) -> list[str]:
    return sorted(line.split(b": ", 1)[1].decode() for message in server.inbox.messages
                  for line in message.splitlines() if line.startswith(b"To: "))


def test_smtp_outage_mid_run_every_message_is_delivered_later_exactly_once(org_a, smtp,
                                                                           django_capture_on_commit_callbacks):
    for n in range(3):
        _send(org_a, n, django_capture_on_commit_callbacks)
    assert _delivered(smtp) == [f"citizen{n}@example.com" for n in range(3)]

    smtp.stop()  # the mail server goes down in the middle of the run
    for n in range(3, 6):
        _send(org_a, n, django_capture_on_commit_callbacks)  # the citizen's request still succeeds
    waiting = NotificationDelivery.objects.filter(status=DeliveryStatus.RETRYING)
    assert waiting.count() == 3
    assert all(row.attempts == 1 and row.last_error and row.next_attempt_at > timezone.now() for row in waiting)

    call_command("send_pending_notifications")  # nothing is due before the backoff has passed
    assert waiting.count() == 3 and len(smtp.inbox.messages) == 3

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        call_command("send_pending_notifications")  # still down: second attempt, longer wait
    assert list(waiting.values_list("attempts", flat=True)) == [2, 2, 2]

    smtp.start()
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=10)):
        call_command("send_pending_notifications")
        call_command("send_pending_notifications")  # a second sweep sends nothing twice
    assert _delivered(smtp) == [f"citizen{n}@example.com" for n in range(6)]
    assert NotificationDelivery.objects.exclude(status=DeliveryStatus.SENT).count() == 0
    runs = list(JobRun.objects.filter(job="send_pending_notifications").order_by("pk"))
    assert [run.outcome for run in runs] == [JobOutcome.OK] * 4
    assert runs[2].summary == "Notifications: 3 sent."


class Broken(notifications.Channel):
    name = "test-broken"
    permanent = False

    def accepts(self, notification):
        return bool(notification.recipient_phone)

    def send(self, notification):
        if self.permanent:
            raise notifications.PermanentFailure("number does not exist")
        raise ConnectionError("gateway down")


@pytest.fixture
def broken():
    channel = notifications.register_channel(Broken())
    yield channel
    notifications._channels.pop(channel.name)


def test_backoff_grows_and_the_last_attempt_gives_up(org_a, broken, settings, django_capture_on_commit_callbacks):
    settings.NOTIFICATION_MAX_ATTEMPTS = 3
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(organization=org_a, template_key="eservices.message", context={"message": "x"},
                             recipient_phone="0812345678")
    row = NotificationDelivery.objects.get(channel="test-broken")
    waits = [row.next_attempt_at - timezone.now()]
    for _ in range(2):
        with time_machine.travel(row.next_attempt_at + dt.timedelta(seconds=1)):
            notifications.send_due()
            row.refresh_from_db()
            if row.next_attempt_at:
                waits.append(row.next_attempt_at - timezone.now())
    assert row.status == DeliveryStatus.FAILED and row.attempts == 3 and "gateway down" in row.last_error
    assert waits[0] < waits[1] and waits[0] <= dt.timedelta(minutes=1)

    broken.permanent = True
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify(organization=org_a, template_key="eservices.message", context={"message": "y"},
                             recipient_phone="0899999999")
    assert NotificationDelivery.objects.filter(status=DeliveryStatus.FAILED).count() == 2  # no retry for that one


def test_lgo_administrator_sees_own_failures_masked_and_retries(client, org_a, org_b, make_officer, broken,
                                                                django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for org, phone in ((org_a, "0811111111"), (org_b, "0822222222")):
            notifications.notify(organization=org, template_key="eservices.message", context={"message": "x"},
                                 recipient_phone=phone, recipient_email=f"{org.code.lower()}@example.com")
    assert NotificationDelivery.objects.filter(status=DeliveryStatus.SENT).count() == 2  # e-mails went out
    mine = NotificationDelivery.objects.get(organization_id=org_a.pk, channel="test-broken")
    theirs = NotificationDelivery.objects.get(organization_id=org_b.pk, channel="test-broken")

    officer = make_officer(org_a, Role.OFFICER)
    client.force_login(officer)
    assert client.get("/admin/notifications/undelivered/").status_code in (302, 403)

    admin = make_officer(org_a, Role.LGO_ADMIN)
    client.force_login(admin)
    page = client.get("/admin/notifications/undelivered/").content.decode()
    assert "0xx-xxx-xx11" not in page and "08*****111" in page  # masked
    assert "0822222222"[:2] + "*****222" not in page  # the other LGO's row is not listed
    assert "ส่งอีกครั้ง" in page
    assert client.post(f"/admin/notifications/undelivered/{theirs.pk}/retry/").status_code == 404

    broken.send = lambda notification: None  # the gateway is back
    response = client.post(f"/admin/notifications/undelivered/{mine.pk}/retry/", follow=True)
    mine.refresh_from_db()
    assert mine.status == DeliveryStatus.SENT and response.status_code == 200
    assert "ส่งการแจ้งเตือนแล้ว" in response.content.decode()


def test_rolled_back_write_leaves_no_outbox_row(org_a):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        notifications.notify(organization=org_a, template_key="eservices.message", context={"message": "x"},
                             recipient_email="a@example.com")
        raise RuntimeError
    assert not NotificationDelivery.objects.exists() and mail.outbox == []


def test_scheduled_jobs_screen_lists_last_run_for_superusers_only(client, org_a, make_officer, django_user_model):
    call_command("purge_eservices")
    admin = make_officer(org_a, Role.LGO_ADMIN)
    client.force_login(admin)
    assert client.get("/admin/ops/jobs/").status_code in (302, 403)  # Wagtail sends the refused back to /admin/
    root = django_user_model.objects.create_superuser("root", "root@example.com", "pw-Thongthin-1")
    client.force_login(root)
    page = client.get("/admin/ops/jobs/").content.decode()
    for job in ("send_delay_notices", "purge_eservices", "send_pending_notifications"):
        assert f'data-job="{job}"' in page
    assert "สำเร็จ" in page and "Deleted 0 case(s) and 0 draft(s)." in page
    assert "ยังไม่เคยทำงาน" in page  # send_delay_notices never ran
