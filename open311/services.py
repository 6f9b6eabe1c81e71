"""The one write path of API keys: issue, revoke, and recognise a key on a POST."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from .constants import KEY_PREFIX_LENGTH
from .models import ApiKey


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_key(*, organization, client_name: str, user=None) -> tuple[ApiKey, str]:
    """A new key for `client_name` at `organization`: the row and the key, which is never shown again."""
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        row = ApiKey.objects.create(
            organization=organization, client_name=client_name.strip(), key_prefix=key[:KEY_PREFIX_LENGTH],
            key_digest=_digest(key), created_by=user if getattr(user, "is_authenticated", False) else None,
        )
    return row, key


def revoke_key(*, api_key: ApiKey) -> ApiKey:
    """Stop a key from filing requests; requests it filed stay."""
    with transaction.atomic():
        if api_key.revoked_at is None:
            api_key.revoked_at = timezone.now()
            api_key.save(update_fields=["revoked_at"])
    return api_key


def key_for(*, organization, key: str) -> ApiKey | None:
    """The active key of `organization` matching `key`, or None (another LGO's key does not count here)."""
    if not key:
        return None
    row = ApiKey.objects.for_organization(organization).filter(key_digest=_digest(key.strip()),
                                                              revoked_at__isnull=True).first()
    if row is not None:
        ApiKey.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
    return row
