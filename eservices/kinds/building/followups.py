"""Renewal (before expiry) and transfer of a building permit as follow-up requests of its holder: filed from the
tracking page of the case that issued the permit, worked by the officer like any permit case (approve or refuse),
ending in a new permit that replaces the old one (revoked with the reason, so /verify/ and the register follow)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core import thai

from ..followups import file_followup, followup_definition, holder_document
from .form import _field

RENEWAL, TRANSFER = "ขอต่ออายุใบอนุญาต", "ขอโอนใบอนุญาต"


def definition() -> dict[str, Any]:
    """The follow-up's own small form: which permit, what is asked, the transferee for a transfer."""
    return followup_definition([{"key": "1", "title": "คำขอต่อเนื่องของผู้ถือใบอนุญาต", "fields": [
        _field("short_text", "followup", "คำขอ", max_length=100),
        _field("short_text", "original_reference", "เลขที่คำขอเดิม", max_length=40),
        _field("short_text", "document_number", "ใบอนุญาตเลขที่", max_length=40),
        _field("short_text", "work", "ประเภทงาน", max_length=100),
        _field("short_text", "new_holder_name", "ชื่อผู้รับโอน", "optional", max_length=200),
        _field("national_id", "new_holder_national_id", "เลขประจำตัวประชาชนของผู้รับโอน", "optional"),
        _field("long_text", "reason", "เหตุผล", "optional", max_length=2000),
    ]}])


class FollowupForm(forms.Form):
    """What the holder asks on the tracking page (no JavaScript: the transferee's fields are always shown)."""

    followup = forms.ChoiceField(label=_("What do you ask for?"), widget=forms.RadioSelect,
                                 choices=[(RENEWAL, RENEWAL), (TRANSFER, TRANSFER)],
                                 error_messages={"required": _("Choose renewal or transfer.")})
    new_holder_name = forms.CharField(label=_("Transferee's name (for a transfer)"), required=False, max_length=200,
                                      widget=forms.TextInput(attrs={"class": "input"}))
    new_holder_national_id = forms.CharField(
        label=_("Transferee's national ID (for a transfer)"), required=False, max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "input"}))
    reason = forms.CharField(label=_("Reason"), required=False, max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3, "class": "textarea"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("followup") == TRANSFER:
            if not (data.get("new_holder_name") or "").strip():
                self.add_error("new_holder_name", _("Enter the transferee's name."))
            national_id = thai.normalize_national_id(data.get("new_holder_national_id") or "")
            if not thai.national_id_checksum_ok(national_id):
                self.add_error("new_holder_national_id", _("Enter a valid 13-digit national ID."))
            data["new_holder_national_id"] = national_id
        return data


def form_for(submission: Any, data: Any = None) -> FollowupForm | None:
    """The follow-up form, when the case holds a valid (not yet expired) permit: renewal must come before expiry."""
    if submission.answers.get("followup") or holder_document(submission) is None:
        return None
    return FollowupForm(data, auto_id="followup-%s")


def file(submission: Any, data: dict[str, Any]):
    if form_for(submission) is None:
        raise ValidationError(_("This permit cannot be renewed or transferred any more."))
    answers = {"work": submission.answers.get("work", ""), "reason": data.get("reason", "")}
    if data["followup"] == TRANSFER:
        answers.update(new_holder_name=data["new_holder_name"].strip(),
                       new_holder_national_id=data["new_holder_national_id"])
    return file_followup(original=submission, followup=data["followup"], answers=answers, definition=definition())
