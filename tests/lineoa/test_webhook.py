"""LINE webhook: signed payloads shaped like LINE's drive a real conversation; the outgoing API calls are recorded
by replacing `lineoa.client.transport` (no network). Bad signatures are refused, replayed events ignored, a full
report conversation files one case, and status changes and the rating request are pushed back to that user."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import uuid
from typing import Any

import pytest
from PIL import Image

from complaints import services as complaint_services
from complaints.constants import Channel, ReportStatus
from complaints.models import Report
from core import notifications
from lineoa import client as line_client
from lineoa.channel import LineChannel
from lineoa.models import CaseFollower, Conversation, HandledEvent, LineSettings
from lineoa.services import save_settings

SECRET = "s3cr3t-of-the-nkw-channel-000001"
TOKEN = "access-token-nkw"
USER = "U4af4980629a0a1b2c3d4e5f6a7b8c9d0"


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1200, 900), (90, 120, 60)).save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture
def calls(monkeypatch) -> list[dict[str, Any]]:
    """Every call to LINE's API, answered as LINE would (200, and the photo's bytes for content)."""
    recorded: list[dict[str, Any]] = []
    photo = _jpeg()

    def transport(method, url, *, headers, body=None):
        recorded.append({"method": method, "url": url, "headers": headers,
                         "json": json.loads(body) if body else None})
        if url.endswith("/content"):
            return line_client.Response(200, photo, "image/jpeg")
        return line_client.Response(200, b"{}", "application/json")

    monkeypatch.setattr(line_client, "transport", transport)
    return recorded


@pytest.fixture
def line(org_a) -> LineSettings:
    return save_settings(organization=org_a, enabled=True, basic_id="@nkw", channel_secret=SECRET,
                         access_token=TOKEN)


def sign(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def event(kind: str = "message", *, user: str = USER, event_id: str | None = None, redelivery: bool = False,
          **fields) -> dict[str, Any]:
    return {"type": kind, "mode": "active", "timestamp": 1764835200000, "source": {"type": "user", "userId": user},
            "webhookEventId": event_id or uuid.uuid4().hex.upper()[:26], "replyToken": uuid.uuid4().hex,
            "deliveryContext": {"isRedelivery": redelivery}, **fields}


def text(words: str, **kw) -> dict[str, Any]:
    return event(message={"type": "text", "id": uuid.uuid4().hex[:18], "quoteToken": "q", "text": words}, **kw)


def postback(data: str, **kw) -> dict[str, Any]:
    return event("postback", postback={"data": data}, **kw)


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """POST events to the webhook as LINE does, running what waits for the commit (replies, pushes) as it would."""

    def post(*events, secret: str = SECRET, host: str = "testserver", signature: str | None = None):
        body = json.dumps({"destination": "Uchannel", "events": list(events)}, ensure_ascii=False).encode()
        with django_capture_on_commit_callbacks(execute=True):
            return client.post("/line/webhook/", body, content_type="application/json", HTTP_HOST=host,
                               HTTP_X_LINE_SIGNATURE=sign(body, secret) if signature is None else signature)

    return post


def replies(calls) -> list[dict[str, Any]]:
    return [c["json"] for c in calls if c["url"].endswith("/message/reply")]


def pushes(calls) -> list[dict[str, Any]]:
    return [c["json"] for c in calls if c["url"].endswith("/message/push")]


# --- Signature and de-duplication -----------------------------------------------------------------------------------

@pytest.mark.django_db
def test_bad_signature_is_refused_and_nothing_is_read(client, org_a, org_b, line, calls, send):
    save_settings(organization=org_b, enabled=True, basic_id="@b", channel_secret="another-secret-xxxxxxxxxxxxxxxx",
                  access_token="b-token")
    assert send(text("สวัสดี"), signature="AAAA").status_code == 403
    assert send(text("สวัสดี"), signature="").status_code == 403
    assert send(text("สวัสดี"), secret="another-secret-xxxxxxxxxxxxxxxx").status_code == 403  # B's secret
    body = json.dumps({"events": [text("สวัสดี")]}, ensure_ascii=False).encode()
    tampered = body.replace("สวัสดี".encode(), b"hello")
    assert client.post("/line/webhook/", tampered, content_type="application/json",
                       HTTP_X_LINE_SIGNATURE=sign(body)).status_code == 403
    assert not HandledEvent.objects.exists() and not Conversation.objects.exists() and calls == []


@pytest.mark.django_db
def test_verification_call_and_lgo_without_line(client, org_a, org_b, line, calls, send):
    assert send().status_code == 200  # the console's "Verify" sends no events
    assert send(text("สวัสดี"), host="b.test").status_code == 404  # B has not set LINE up
    assert client.get("/line/webhook/").status_code == 405
    odd = [{"type": "message", "source": "U1"}, {"type": "message", "source": {"type": "user", "userId": 7}},
           {"type": "postback", "source": {"type": "user", "userId": USER}, "postback": "x"},
           {"type": "message", "source": {"type": "user", "userId": USER}, "message": ["text"]},
           {"type": "message", "source": {"type": "group", "groupId": "C1", "userId": USER},
            "message": {"type": "text", "text": "hi"}}]
    assert send(*odd).status_code == 200  # shapes LINE never sends are ignored, not a 500
    assert calls == []
    body = b"not json"
    assert client.post("/line/webhook/", body, content_type="application/json",
                       HTTP_X_LINE_SIGNATURE=sign(body)).status_code == 400


@pytest.mark.django_db
def test_replayed_event_is_ignored(client, org_a, line, calls, send):
    first = text("แจ้งเรื่อง", event_id="01JREPLAYED00000000000000")
    assert send(first).json() == {"handled": 1}
    again = dict(first, deliveryContext={"isRedelivery": True})
    assert send(again).json() == {"handled": 0}
    assert len(replies(calls)) == 1
    assert HandledEvent.objects.for_organization(org_a).count() == 1


# --- The report conversation ----------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_a_full_report_conversation_creates_one_case(client, org_a, line, calls, send):
    send(event("follow"))
    topics = replies(calls)[-1]["messages"][0]
    assert calls[-1]["headers"]["Authorization"] == f"Bearer {TOKEN}"
    datas = [item["action"]["data"] for item in topics["quickReply"]["items"]]
    assert "action=topic&code=lights" in datas and "action=cancel" in datas
    assert len(topics["quickReply"]["items"]) <= 13

    send(postback("action=topic&code=lights"))
    asked = replies(calls)[-1]["messages"][0]
    assert {item["action"]["type"] for item in asked["quickReply"]["items"]} >= {"camera", "cameraRoll", "postback"}

    send(event(message={"type": "image", "id": "468789577898262530",
                                "contentProvider": {"type": "line"}}))
    assert calls[-2]["method"] == "GET" and calls[-2]["url"].endswith("/message/468789577898262530/content")
    asked = replies(calls)[-1]["messages"][0]
    assert "location" in {item["action"]["type"] for item in asked["quickReply"]["items"]}

    send(event(message={"type": "location", "id": "3251", "title": "หน้าวัดหนองแก้ว",
                                "address": "ตำบลหนองแก้ว อำเภอเมือง", "latitude": 19.9101, "longitude": 99.8402}))
    last = text("ไฟถนนดับ 3 ต้น หน้าวัด")
    send(last)
    send(dict(last, deliveryContext={"isRedelivery": True}))  # LINE redelivers the last message

    report = Report.objects.get()
    assert report.organization == org_a and report.channel == Channel.LINE
    assert report.category.code == "lights" and report.description == "ไฟถนนดับ 3 ต้น หน้าวัด"
    assert str(report.latitude) == "19.910100" and report.address == "ตำบลหนองแก้ว อำเภอเมือง"
    assert report.photos.count() == 1
    assert list(report.followers.values_list("line_user_id", flat=True)) == [USER]
    done = replies(calls)[-1]["messages"][0]["text"]
    assert report.reference in done and "http://testserver/" in done
    assert not Conversation.objects.exists()  # the chat starts afresh next time


@pytest.mark.django_db
def test_typed_landmark_skip_and_cancel(client, org_a, line, calls, send):
    send(text("สวัสดี"))
    send(text("เรื่องทั่วไป"))  # names no topic: asked again
    assert Conversation.objects.get().step == "topic"
    send(text("ขยะ"))  # names one topic: chosen
    assert Conversation.objects.get().data == {"topic": "garbage"}
    send(postback("action=skip"))  # no photo
    send(text("ซอย 5 หมู่ 3"))  # a typed landmark
    send(text("ยกเลิก"))
    assert not Conversation.objects.exists() and not Report.objects.exists()
    assert "ยกเลิกแล้ว" in replies(calls)[-1]["messages"][0]["text"]

    send(postback("action=topic&code=garbage"))
    send(postback("action=skip"))
    send(text("ซอย 5 หมู่ 3"))
    send(text("ขยะไม่ได้เก็บ 2 สัปดาห์"))
    report = Report.objects.get()
    assert report.address == "ซอย 5 หมู่ 3" and report.latitude is None


@pytest.mark.django_db
def test_status_changes_and_the_rating_request_are_pushed_back(client, org_a, line, calls, make_officer, send,
                                                               django_capture_on_commit_callbacks):
    from organizations.constants import Role

    for step in (postback("action=topic&code=roads"), postback("action=skip"), postback("action=skip"),
                 text("ถนนเป็นหลุม")):
        send(step)
    report = Report.objects.get()
    officer = make_officer(org_a, Role.LGO_ADMIN, username="nkw-boss")
    calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        report = complaint_services.accept(report=report, actor=officer)
    with django_capture_on_commit_callbacks(execute=True):
        report = complaint_services.start_work(report=report, actor=officer, note="ทีมช่างออกพื้นที่พรุ่งนี้")
    with django_capture_on_commit_callbacks(execute=True):
        report = complaint_services.mark_done(report=report, actor=officer, note="ซ่อมเสร็จแล้ว")
    pushed = pushes(calls)
    assert all(p["to"] == USER for p in pushed)
    texts = [p["messages"][0]["text"] for p in pushed]
    assert any("ทีมช่างออกพื้นที่พรุ่งนี้" in t for t in texts)
    rating = pushed[-1]["messages"][0]
    assert report.reference in rating["text"]
    stars = [item["action"]["data"] for item in rating["quickReply"]["items"]]
    assert f"action=rate&ref={report.reference}&stars=5" in stars and len(stars) == 5

    send(postback(f"action=rate&ref={report.reference}&stars=4"))
    send(text("ซ่อมเร็วมาก ขอบคุณ"))
    report.refresh_from_db()
    assert report.rating == 4 and report.rating_comment == "ซ่อมเร็วมาก ขอบคุณ"
    # someone else cannot rate it with a forged postback
    send(postback(f"action=rate&ref={report.reference}&stars=1", user="Uother"))
    assert "บันทึกคะแนนนี้ไม่ได้" in replies(calls)[-1]["messages"][0]["text"]


# --- LINE as a notification channel ---------------------------------------------------------------------------------

@pytest.mark.django_db
def test_channel_maps_line_failures(org_a, line, monkeypatch):
    status = {"code": 400}
    monkeypatch.setattr(line_client, "transport",
                        lambda method, url, *, headers, body=None: line_client.Response(status["code"], b"{}"))
    message = notifications.Notification(template_key="x", subject="เรื่อง", body="ข้อความ",
                                         organization_id=org_a.pk, recipient_line_id=USER)
    channel = LineChannel()
    assert channel.accepts(message)
    with pytest.raises(notifications.PermanentFailure):
        channel.send(message)  # a bad request or a blocked user fails the same way again
    status["code"] = 503
    with pytest.raises(line_client.LineApiError) as error:
        channel.send(message)  # LINE is down: retried later
    assert not error.value.permanent
    save_settings(organization=org_a, enabled=False, basic_id="@nkw")
    with pytest.raises(notifications.PermanentFailure):
        channel.send(message)


@pytest.mark.django_db
def test_an_eservice_case_followed_on_line_gets_its_notifications_there(client, org_a, line, calls, send,
                                                                       django_capture_on_commit_callbacks):
    from eservices.constants import NotificationKey
    from eservices.notifications import tell_citizen
    from lineoa.links import follow_message, follow_url

    report = complaint_services.file_report(
        organization=org_a, category=org_a.complaint_categories.get(code="water"), description="น้ำไม่ไหล",
        idempotency_key="web-1", name="สมหญิง รักดี", email="somying@example.com")
    submission = report.submission
    url = follow_url(submission)
    assert url.startswith("https://line.me/R/oaMessage/%40nkw/?")
    send(text(follow_message(submission)))
    assert CaseFollower.objects.for_organization(org_a).get().line_user_id == USER
    send(text(f"ติดตาม {submission.reference} {submission.pk}:forged"))
    assert "ไม่ถูกต้อง" in replies(calls)[-1]["messages"][0]["text"]
    calls.clear()
    with django_capture_on_commit_callbacks(execute=True):
        tell_citizen(submission, NotificationKey.MESSAGE, message="กรุณาส่งรูปเพิ่ม")
    pushed = pushes(calls)
    assert len(pushed) == 1 and pushed[0]["to"] == USER
    assert "กรุณาส่งรูปเพิ่ม" in pushed[0]["messages"][0]["text"]
    # the tracking page offers the link
    page = client.get(submission.get_absolute_url())
    assert "https://line.me/R/oaMessage/%40nkw/" in page.content.decode()
    assert report.status == ReportStatus.NEW


# --- Admin settings -------------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_lgo_admin_sets_line_up_and_secrets_are_never_shown(client, org_a, make_officer):
    from organizations.constants import Role

    client.force_login(make_officer(org_a, Role.LGO_ADMIN, username="a-admin"))
    page = client.get("/admin/line/").content.decode()
    assert "http://testserver/line/webhook/" in page
    client.post("/admin/line/", {"enabled": "on", "basic_id": "nkw", "channel_secret": SECRET,
                                 "access_token": TOKEN})
    row = LineSettings.objects.for_organization(org_a).get()
    assert (row.basic_id, row.channel_secret, row.access_token) == ("@nkw", SECRET, TOKEN)
    client.post("/admin/line/", {"enabled": "on", "basic_id": "@nkw", "channel_secret": "", "access_token": ""})
    row.refresh_from_db()
    assert row.channel_secret == SECRET and row.access_token == TOKEN  # blank keeps what was saved
    page = client.get("/admin/line/").content.decode()
    assert SECRET not in page and TOKEN not in page and "บันทึกรหัสลับของช่องทางไว้แล้ว" in page

    client.force_login(make_officer(org_a, Role.OFFICER))
    assert client.get("/admin/line/").status_code == 302
