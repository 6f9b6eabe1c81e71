"""Linking an e-service case to a LINE chat, so the case's notifications also reach the citizen on LINE.

The case's tracking page (reached only with its secret link) offers "receive updates on LINE": a LINE link that
opens the LGO's Official Account with the message "ติดตาม <reference> <signed case id>" typed in. When the citizen
sends it, the signature proves they came from the tracking page, and the chat becomes a follower of the case.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from eservices.models import Submission
from organizations.models import Organization

from .client import text
from .models import CaseFollower, LineSettings

FOLLOW_WORDS = {"ติดตาม", "follow"}
_SALT = "lineoa.follow"


def follow_message(submission: Submission) -> str:
    return f"ติดตาม {submission.reference} {signing.Signer(salt=_SALT).sign(str(submission.pk))}"


def follow_url(submission: Submission) -> str:
    """The LINE link that opens the LGO's Official Account with the follow message typed in ("" without LINE)."""
    settings = LineSettings.objects.for_organization(submission.organization_id).first()
    if settings is None or not settings.enabled or not settings.basic_id:
        return ""
    return f"https://line.me/R/oaMessage/{quote(settings.basic_id)}/?{quote(follow_message(submission))}"


def follow_case(organization: Organization, user_id: str, words: str) -> list[dict[str, Any]] | None:
    """Link the case named in a follow message to this LINE user; None when `words` is not a follow message."""
    parts = words.split()
    if len(parts) != 3 or parts[0].lower() not in FOLLOW_WORDS:
        return None
    try:
        pk = int(signing.Signer(salt=_SALT).unsign(parts[2]))
    except (signing.BadSignature, ValueError):
        return [text(_("This follow code is not valid. Open the link on your request's tracking page again."))]
    submission = Submission.objects.for_organization(organization).filter(pk=pk).first()
    if submission is None:
        return [text(_("This follow code is not valid. Open the link on your request's tracking page again."))]
    try:
        with transaction.atomic():
            CaseFollower.objects.get_or_create(organization=organization, submission=submission, line_user_id=user_id)
    except IntegrityError:
        pass
    return [text(_("You will be told here when request %(reference)s changes.") % {"reference": submission.reference})]


def line_recipients(submission: Submission) -> list[str]:
    """LINE users following this case (tell_citizen pushes to each)."""
    return list(CaseFollower.objects.for_organization(submission.organization_id)
                .filter(submission=submission).values_list("line_user_id", flat=True))
