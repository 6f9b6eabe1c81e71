"""The one write path of an LGO's LINE settings."""

from __future__ import annotations

from django.db import transaction

from organizations.models import Organization

from .models import LineSettings


def save_settings(*, organization: Organization, enabled: bool, basic_id: str, channel_secret: str = "",
                  access_token: str = "") -> LineSettings:
    """Save the LGO's LINE channel; a blank secret or token keeps the stored one (the form never shows them)."""
    with transaction.atomic():
        row, _created = LineSettings.objects.select_for_update().get_or_create(organization=organization)
        row.enabled, row.basic_id = enabled, basic_id.strip()
        if channel_secret.strip():
            row.channel_secret = channel_secret.strip()
        if access_token.strip():
            row.access_token = access_token.strip()
        row.save()
    return row
