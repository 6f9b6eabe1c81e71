"""History rows are written once: one primitive (core.appendonly) refuses every change and deletion, one error type."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from core.appendonly import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet
from core.audit import log_access
from core.models import AuditAction, AuditLog
from eservices.models import StatusChange
from saraban.models import DocumentEvent, Endorsement

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [AuditLog, StatusChange, DocumentEvent, Endorsement])
def test_every_history_model_uses_the_one_primitive(model):
    assert issubclass(model, AppendOnlyModel)
    assert isinstance(model.objects.all(), AppendOnlyQuerySet)
    assert isinstance(model._default_manager.all(), AppendOnlyQuerySet)


def test_an_audit_entry_cannot_be_changed_or_deleted_by_any_path():
    entry = log_access(actor=None, organization=None, action=AuditAction.VIEW, object_type="case", object_id="1")
    entry.detail = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditLog.objects.filter(pk=entry.pk).update(detail="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditLog.objects.bulk_update([entry], ["detail"])
    with pytest.raises(AppendOnlyError):
        AuditLog.objects.update_or_create(pk=entry.pk, defaults={"detail": "rewritten"})
    with pytest.raises(AppendOnlyError):
        AuditLog.objects.all().delete()
    assert AuditLog.objects.get(pk=entry.pk).detail == ""


def test_new_rows_are_written_and_removing_a_user_keeps_their_entries():
    user = get_user_model().objects.create_user("clerk", password="x-Long-Password-2569")
    entry = log_access(actor=user, organization=7, action=AuditAction.EXPORT, object_type="case", object_id="2")
    assert AuditLog.objects.for_organization(7).get() == entry
    user.delete()  # PDPA erasure of the account: the entry stays, without its actor
    entry = AuditLog.objects.get(pk=entry.pk)
    assert entry.actor is None and entry.action == AuditAction.EXPORT


def test_the_one_error_type_keeps_both_earlier_contracts():
    """Case history raised TypeError and saraban's history ValidationError (shown to the officer in Thai)."""
    from django.core.exceptions import ValidationError
    from django.utils import translation

    assert issubclass(AppendOnlyError, TypeError) and issubclass(AppendOnlyError, ValidationError)
    entry = log_access(actor=None, organization=None, action=AuditAction.VIEW, object_type="case", object_id="3")
    with translation.override("th"), pytest.raises(ValidationError) as refused:
        entry.delete()
    assert refused.value.messages == ["ประวัติลบไม่ได้"]
