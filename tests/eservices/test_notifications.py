"""Notifications: LGO wording over the defaults, channels pluggable without touching the engine, sent after commit."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from core import notifications
from eservices.constants import NotificationKey
from eservices.models import NotificationTemplate

pytestmark = pytest.mark.django_db


class RecordingSMS(notifications.Channel):
    name = "test-sms"

    def __init__(self):
        self.sent: list[notifications.Notification] = []

    def accepts(self, notification):
        return bool(notification.recipient_phone)

    def send(self, notification):
        self.sent.append(notification)


@pytest.fixture
def sms():
    channel = notifications.register_channel(RecordingSMS())
    yield channel
    notifications._channels.pop(channel.name)


def test_lgo_wording_replaces_the_default_and_a_new_channel_gets_it_too(file_case, org_a, org_b, sms,
                                                                         django_capture_on_commit_callbacks):
    NotificationTemplate.objects.create(
        organization=org_a, key=NotificationKey.SUBMISSION_RECEIVED, subject="รับเรื่อง {{ reference }} แล้วจ้า",
        body="สวัสดี {{ applicant_name }} ติดตามที่ {{ tracking_url }}")
    NotificationTemplate.objects.create(organization=org_b, key=NotificationKey.SUBMISSION_RECEIVED,
                                        subject="ของ อบต.บี", body="ไม่ควรเห็น")
    with django_capture_on_commit_callbacks(execute=True):
        case = file_case()
    citizen = next(m for m in mail.outbox if m.to == ["somsri@example.com"])
    assert citizen.subject == f"รับเรื่อง {case.reference} แล้วจ้า"
    assert citizen.body == f"สวัสดี นางสมศรี มีสุข ติดตามที่ http://testserver/track/{case.tracking_token}/"
    texts = [n.body for n in sms.sent]
    assert texts == [citizen.body]  # the SMS channel reached the phone with the same wording


def test_nothing_is_sent_when_the_transaction_rolls_back(service):
    from django.db import transaction

    from .conftest import GOOD_ANSWERS

    with pytest.raises(RuntimeError), transaction.atomic():
        from eservices import services

        services.submit(service=service, answers=GOOD_ANSWERS, idempotency_key="k",
                        files=[services.StoredFile("house_registration", "x.pdf", "x.pdf", "application/pdf", 1)])
        raise RuntimeError
    assert mail.outbox == []


def test_muted_sends_nothing(org_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), notifications.muted():
        used = notifications.notify(organization=org_a, template_key=NotificationKey.MESSAGE,
                                    context={"message": "x"}, recipient_email="a@example.com")
    assert used == [] and mail.outbox == []


def test_broken_lgo_template_is_refused(org_a):
    row = NotificationTemplate(organization=org_a, key=NotificationKey.MESSAGE, subject="{% if %}", body="x")
    with pytest.raises(ValidationError):
        row.full_clean()
    NotificationTemplate.objects.create(organization=org_a, key=NotificationKey.MESSAGE, subject="a", body="b")
    duplicate = NotificationTemplate(organization=org_a, key=NotificationKey.MESSAGE, subject="c", body="d")
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_snippet_views_are_scoped_to_the_officers_lgo(client, org_a, org_b, make_officer):
    from django.contrib.auth.models import Permission

    from organizations.constants import Role

    admin = make_officer(org_a, Role.LGO_ADMIN, username="a-admin-n")
    admin.is_staff = True
    admin.save()
    admin.user_permissions.add(*Permission.objects.filter(content_type__app_label="eservices",
                                                          codename__endswith="notificationtemplate"),
                               Permission.objects.get(codename="access_admin"))
    theirs = NotificationTemplate.objects.create(organization=org_b, key=NotificationKey.MESSAGE, subject="บี",
                                                 body="บี")
    client.force_login(admin)
    listing = client.get("/admin/snippets/eservices/notificationtemplate/")
    assert listing.status_code == 200 and "บี" not in listing.content.decode()
    assert client.get(f"/admin/snippets/eservices/notificationtemplate/edit/{theirs.pk}/").status_code == 404
    response = client.post("/admin/snippets/eservices/notificationtemplate/add/", {
        "key": NotificationKey.MESSAGE, "subject": "ข้อความใหม่ {{ reference }}", "body": "{{ message }}"})
    assert response.status_code == 302
    assert NotificationTemplate.objects.get(organization=org_a).subject == "ข้อความใหม่ {{ reference }}"
