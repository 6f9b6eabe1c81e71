"""The one append-only primitive: rows that are history are written once and never changed or deleted.

Case history (`eservices.StatusChange`), correspondence events and endorsements (saraban) and the audit log inherit
`AppendOnlyModel`. Saving an existing row, deleting a row, and `update()`, `delete()` or `bulk_update()` on a
queryset all raise `AppendOnlyError`, whichever way the code reaches them, so a slip in a view or a shell cannot
rewrite what an officer or a citizen was shown.

Deliberately not blocked: deleting the row that owns the history (the PDPA purge of a whole closed case cascades
through Django's collector, not through these methods), and the collector's SET_NULL when a user account is removed.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(ValidationError, TypeError):
    """Raised on any attempt to change or delete a history row.

    One type for every history model. It is a ValidationError, so a form or view that lets an officer try shows the
    (Thai) message instead of failing, and a TypeError, as the case history raised before: callers of either kind
    keep working.
    """


def _refuse(model: type[models.Model], what: str) -> AppendOnlyError:
    message = _("History entries cannot be deleted.") if what == "deleted" else _("History entries cannot be changed.")
    return AppendOnlyError(message, code=f"append_only_{what}", params={"model": model.__name__})


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise _refuse(self.model, "updated")

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> int:
        raise _refuse(self.model, "updated")

    def update_or_create(self, *args: Any, **kwargs: Any):
        raise _refuse(self.model, "updated")

    def delete(self):
        raise _refuse(self.model, "deleted")


class AppendOnlyModel(models.Model):
    """Abstract base for history rows; its default manager is an `AppendOnlyQuerySet`."""

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise _refuse(type(self), "changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any):
        raise _refuse(type(self), "deleted")
