"""POST requests: check the client's api_key and the spec's fields, then file through complaints' one write path.

A client that sends the same request twice (a retry after a timeout) gets the same service_request_id back: the
idempotency key is the client plus every field it sent.
"""

from __future__ import annotations

import hashlib
import secrets
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from complaints.constants import Channel
from complaints.services import file_report
from organizations.models import Organization

from . import attributes, selectors
from .formats import Open311Error
from .models import ApiKey, RequestToken
from .services import key_for


def _api_key(organization: Organization, data: QueryDict) -> ApiKey:
    api_key = key_for(organization=organization, key=data.get("api_key", ""))
    if api_key is None:
        raise Open311Error(403, _("api_key is missing or not valid for this LGO."))
    return api_key


def _coordinate(data: QueryDict, name: str, limit: int) -> Decimal | None:
    text = (data.get(name) or "").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or abs(value) > limit:
        raise Open311Error(400, _("%(name)s must be a number of degrees (WGS84).") % {"name": name})
    return value.quantize(Decimal("0.000001"))


def _media_url(data: QueryDict) -> str:
    url = (data.get("media_url") or "").strip()
    if len(url) > 500:
        raise Open311Error(400, _("media_url must be an http or https address."))
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            raise Open311Error(400, _("media_url must be an http or https address.")) from None
    return url


def _idempotency_key(api_key: ApiKey, data: QueryDict) -> str:
    fields = sorted((key, tuple(data.getlist(key))) for key in data if key != "api_key")
    return "open311:" + hashlib.sha256(repr((api_key.pk, fields)).encode()).hexdigest()[:48]


def _errors(error: ValidationError) -> list[str]:
    if hasattr(error, "message_dict"):
        return [f"{field}: {message}" if field != "__all__" else message
                for field, messages in error.message_dict.items() for message in messages]
    return list(error.messages)


def _notice(category) -> str:
    days = getattr(category, "acknowledge_days", 1) or 1
    return ngettext("We will acknowledge your report within %(days)d working day.",
                    "We will acknowledge your report within %(days)d working days.", days) % {"days": days}


def create(organization: Organization, data: QueryDict) -> list[dict[str, Any]]:
    """File one request; the spec's POST response (service_request_id, token, service_notice, account_id)."""
    api_key = _api_key(organization, data)
    code = (data.get("service_code") or "").strip()
    if not code:
        raise Open311Error(400, _("service_code is required."))
    try:
        category = selectors.category(organization, code)
    except Open311Error as error:
        raise Open311Error(400, *error.descriptions) from None
    latitude, longitude = _coordinate(data, "lat", 90), _coordinate(data, "long", 180)
    address = (data.get("address_string") or data.get("address_id") or "").strip()
    if (latitude is None) != (longitude is None) or (latitude is None and not address):
        raise Open311Error(400, _("Give the place: lat and long, or address_string."))
    answers = attributes.read(category, data)
    name = " ".join(part for part in ((data.get("first_name") or "").strip(), (data.get("last_name") or "").strip())
                    if part)
    idempotency_key = _idempotency_key(api_key, data)
    try:
        with transaction.atomic():
            report = file_report(
                organization=organization, category=category, description=(data.get("description") or "").strip(),
                idempotency_key=idempotency_key, latitude=latitude, longitude=longitude, address=address[:500],
                name=name[:200], email=(data.get("email") or "").strip(), phone=(data.get("phone") or "").strip(),
                channel=Channel.OPEN311, attributes=answers, media_url=_media_url(data),
            )
            token, _created = RequestToken.objects.get_or_create(
                organization=organization, idempotency_key=idempotency_key,
                defaults={"token": secrets.token_urlsafe(16), "service_request_id": report.reference,
                          "api_key": api_key},
            )
    except ValidationError as error:
        raise Open311Error(400, *_errors(error)) from None
    return [{"service_request_id": report.reference, "token": token.token, "service_notice": _notice(category),
             "account_id": None}]
