"""Reporting a problem in a LINE chat: topic (quick replies), photos, place (location message or a typed landmark),
description, then one report filed through complaints' `file_report`; and rating a finished report (1–5 + comment).

Each webhook event moves the user's `Conversation` one step and returns the messages to reply with. Every question
offers its answer as buttons (quick replies), so a citizen taps rather than types, except the description. "ยกเลิก"
(cancel) ends the conversation at any step. The filing's idempotency key is the LINE event's id, so a redelivered
last message never files twice (events are also de-duplicated before they get here).
"""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import parse_qs

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from complaints.constants import Channel
from complaints.models import Category, Report
from complaints.services import file_report
from core.files import private_storage
from organizations.links import absolute_url
from organizations.models import Organization

from . import client
from .client import LineApiError, action_button, postback_button, text
from .constants import MAX_PHOTO_BYTES, MAX_PHOTOS, MAX_TOPIC_BUTTONS, Step
from .models import Conversation, LineSettings

CANCEL_WORDS = {"ยกเลิก", "cancel"}
SKIP = "action=skip"
Messages = list[dict[str, Any]]


def _cancel_button() -> dict[str, Any]:
    return postback_button(_("Cancel"), "action=cancel", "ยกเลิก")


def _skip_button(label: str) -> dict[str, Any]:
    return postback_button(label, SKIP)


def _categories(organization: Organization) -> list[Category]:
    return list(Category.objects.for_organization(organization).active().order_by("sort_order", "pk"))


def ask_topic(organization: Organization) -> Messages:
    buttons = [postback_button(category.name, f"action=topic&code={category.code}")
               for category in _categories(organization)[:MAX_TOPIC_BUTTONS]]
    return [text(_("What would you like to report to %(lgo)s? Choose a topic below.") % {"lgo": organization.name},
                 [*buttons, _cancel_button()])]


def ask_photo() -> Messages:
    return [text(_("Send a photo of the problem (optional): take one or choose from your album."),
                 [action_button("camera", _("Take a photo")), action_button("cameraRoll", _("Choose a photo")),
                  _skip_button(_("No photo")), _cancel_button()])]


def ask_place(photos: int) -> Messages:
    intro = _("Photo received (%(count)d).") % {"count": photos} + " " if photos else ""
    return [text(intro + _("Where is it? Share the location, or type a landmark or address."),
                 [action_button("location", _("Share location")), action_button("cameraRoll", _("Another photo")),
                  _skip_button(_("Skip")), _cancel_button()])]


def ask_description() -> Messages:
    return [text(_("Describe the problem in a few words, e.g. the street light in front of the school is off."),
                 [_cancel_button()])]


def _conversation(organization: Organization, user_id: str) -> Conversation | None:
    return Conversation.objects.for_organization(organization).filter(line_user_id=user_id).first()


def _start(organization: Organization, user_id: str, data: dict[str, Any] | None = None,
           step: str = Step.TOPIC) -> Conversation:
    chat, _created = Conversation.objects.update_or_create(
        organization=organization, line_user_id=user_id, defaults={"step": step, "data": data or {}})
    return chat


def _forget(chat: Conversation | None) -> None:
    """Drop the conversation and the photos it kept (after the transaction commits)."""
    if chat is None:
        return
    names = list(chat.data.get("photos", []))
    chat.delete()
    transaction.on_commit(lambda: [private_storage().delete(name) for name in names])


def _move(chat: Conversation, step: str) -> None:
    chat.step = step
    chat.save(update_fields=["step", "data", "updated_at"])


def _choose_topic(organization: Organization, chat: Conversation | None, user_id: str, code: str) -> Messages:
    categories = _categories(organization)
    category = next((c for c in categories if code in (c.code, c.name_th, c.name_en)), None)
    if category is None:  # typed words that name exactly one topic ("ขยะ") choose it too
        matches = [c for c in categories if code and code in c.name_th]
        category = matches[0] if len(matches) == 1 else None
    if category is None:
        _start(organization, user_id)
        return ask_topic(organization)
    chat = chat or _start(organization, user_id)
    chat.data["topic"] = category.code
    if chat.data.get("photos"):
        _move(chat, Step.PLACE)
        return ask_place(len(chat.data["photos"]))
    _move(chat, Step.PHOTO)
    return ask_photo()


def _keep_photo(organization: Organization, chat: Conversation | None, user_id: str, message_id: str) -> Messages:
    settings = LineSettings.objects.for_organization(organization).first()
    try:
        answer = client.LineClient(settings.access_token).content(message_id)
    except (LineApiError, OSError):
        return [text(_("Sorry, the photo did not arrive. Please send it again."))]
    if len(answer.body) > MAX_PHOTO_BYTES:
        return [text(_("This photo is too large (more than 10 MB). Please send a smaller one."))]
    chat = chat or _start(organization, user_id)
    photos = chat.data.setdefault("photos", [])
    if len(photos) >= MAX_PHOTOS:
        return [text(_("A report can carry at most %(count)d photos.") % {"count": MAX_PHOTOS})]
    photos.append(private_storage().save(f"lineoa/pending/{uuid.uuid4().hex}.jpg", ContentFile(answer.body)))
    if "topic" not in chat.data:
        _move(chat, Step.TOPIC)
        return ask_topic(organization)
    _move(chat, Step.PLACE)
    return ask_place(len(photos))


def _keep_place(chat: Conversation, *, latitude: Any = None, longitude: Any = None, address: str = "") -> Messages:
    try:
        if latitude is not None and longitude is not None:
            chat.data["latitude"] = str(Decimal(str(latitude)).quantize(Decimal("0.000001")))
            chat.data["longitude"] = str(Decimal(str(longitude)).quantize(Decimal("0.000001")))
    except InvalidOperation:
        pass
    if address:
        chat.data["address"] = address[:500]
    _move(chat, Step.DESCRIPTION)
    return ask_description()


def _photo_uploads(names: list[str]) -> list[SimpleUploadedFile]:
    uploads = []
    for index, name in enumerate(names, start=1):
        with private_storage().open(name) as handle:
            uploads.append(SimpleUploadedFile(f"line-{index}.jpg", handle.read()))
    return uploads


def _file(organization: Organization, chat: Conversation, event_id: str, description: str) -> Messages:
    """File the report with everything the chat collected; on a refusal keep the chat and say what to fix."""
    data = chat.data
    category = next((c for c in _categories(organization) if c.code == data.get("topic")), None)
    if category is None:
        _move(chat, Step.TOPIC)
        return ask_topic(organization)
    try:
        with transaction.atomic():
            report = file_report(
                organization=organization, category=category, description=description,
                idempotency_key=f"line:{event_id}"[:64], latitude=data.get("latitude"),
                longitude=data.get("longitude"), address=data.get("address", ""),
                photos=_photo_uploads(data.get("photos", [])), channel=Channel.LINE,
                line_user_id=chat.line_user_id, language="th",
            )
    except ValidationError as error:
        messages = error.messages if not hasattr(error, "message_dict") else [
            message for messages in error.message_dict.values() for message in messages]
        return [text(_("The report could not be filed: %(reasons)s") % {"reasons": " ".join(messages)},
                     [_cancel_button()])]
    _forget(chat)
    link = absolute_url(report.get_absolute_url(), organization)
    return [text(_("Thank you. %(lgo)s has received your report, reference %(reference)s. We will tell you here "
                   "when it changes. Follow it: %(link)s")
                 % {"lgo": organization.name, "reference": report.reference, "link": link})]


# --- Rating ---------------------------------------------------------------------------------------------------------

def _report_to_rate(organization: Organization, user_id: str, reference: str) -> Report | None:
    return (Report.objects.for_organization(organization).filter(followers__line_user_id=user_id,
                                                                 submission__reference=reference).first())


def _start_rating(organization: Organization, user_id: str, reference: str, stars: str) -> Messages:
    if not stars.isdigit() or not 1 <= int(stars) <= 5 or _report_to_rate(organization, user_id, reference) is None:
        return [text(_("This rating could not be recorded."))]
    _start(organization, user_id, {"rate": reference, "stars": int(stars)}, Step.RATING_COMMENT)
    return [text(_("Thank you. Anything to add about how it was fixed? Type it, or tap No comment."),
                 [_skip_button(_("No comment"))])]


def _finish_rating(organization: Organization, chat: Conversation, comment: str) -> Messages:
    from complaints.services import rate

    report = _report_to_rate(organization, chat.line_user_id, chat.data.get("rate", ""))
    _forget(chat)
    if report is None:
        return [text(_("This rating could not be recorded."))]
    try:
        rate(report=report, rating=int(chat.data["stars"]), comment=comment)
    except ValidationError as error:
        return [text(" ".join(error.messages))]
    return [text(_("Your rating of %(reference)s is recorded. Thank you.") % {"reference": report.reference})]


# --- Dispatch -------------------------------------------------------------------------------------------------------

def _on_text(organization: Organization, chat: Conversation | None, user_id: str, event_id: str,
             message: str) -> Messages:
    if chat is None:
        _start(organization, user_id)
        return ask_topic(organization)
    if chat.step == Step.TOPIC:
        return _choose_topic(organization, chat, user_id, message)
    if chat.step == Step.PHOTO:
        return ask_photo()
    if chat.step == Step.PLACE:
        return _keep_place(chat, address=message)
    if chat.step == Step.RATING_COMMENT:
        return _finish_rating(organization, chat, message)
    return _file(organization, chat, event_id, message)


def _on_skip(organization: Organization, chat: Conversation | None) -> Messages:
    if chat is None:
        return ask_topic(organization)
    if chat.step == Step.PHOTO:
        _move(chat, Step.PLACE)
        return ask_place(0)
    if chat.step == Step.PLACE:
        return _keep_place(chat)
    if chat.step == Step.RATING_COMMENT:
        return _finish_rating(organization, chat, "")
    return ask_description() if chat.step == Step.DESCRIPTION else ask_topic(organization)


def _on_postback(organization: Organization, chat: Conversation | None, user_id: str, data: str) -> Messages:
    fields = {key: values[0] for key, values in parse_qs(data).items()}
    action = fields.get("action")
    if action == "topic":
        return _choose_topic(organization, chat, user_id, fields.get("code", ""))
    if action == "rate":
        return _start_rating(organization, user_id, fields.get("ref", ""), fields.get("stars", ""))
    if action == "cancel":
        _forget(chat)
        return [text(_("Cancelled. Send any message to start a new report."))]
    return _on_skip(organization, chat)


def handle(organization: Organization, event: dict[str, Any], event_id: str) -> Messages:
    """The replies to one webhook event from a user in a 1:1 chat (none for other sources and event types)."""
    source = event.get("source")
    user_id = source.get("userId", "") if isinstance(source, dict) else ""
    if not isinstance(source, dict) or source.get("type") != "user" or not isinstance(user_id, str) or not user_id:
        return []
    chat = _conversation(organization, user_id)
    kind = event.get("type")
    if kind == "follow":
        return ask_topic(organization)
    if kind == "unfollow":
        _forget(chat)
        return []
    postback, message = event.get("postback"), event.get("message")
    if kind == "postback" and isinstance(postback, dict):
        return _on_postback(organization, chat, user_id, str(postback.get("data", "")))
    if kind != "message" or not isinstance(message, dict):
        return []
    if message.get("type") == "text":
        words = str(message.get("text") or "").strip()
        if words.lower() in CANCEL_WORDS:
            _forget(chat)
            return [text(_("Cancelled. Send any message to start a new report."))]
        from .links import follow_case

        followed = follow_case(organization, user_id, words)
        if followed is not None:
            return followed
        return _on_text(organization, chat, user_id, event_id, words[:2000])
    if message.get("type") == "image":
        return _keep_photo(organization, chat, user_id, str(message.get("id", "")))
    if message.get("type") == "location" and chat is not None:
        return _keep_place(chat, latitude=message.get("latitude"), longitude=message.get("longitude"),
                           address=message.get("address") or message.get("title") or "")
    return ask_topic(organization) if chat is None else []
