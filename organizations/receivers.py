"""Cached answers that must be dropped when organizations' data changes (connected in `apps.ready`)."""

from __future__ import annotations

from typing import Any

from core import requestmemo
from core.pagecache import purge_site_of, purge_sites

from .calendar import forget_holidays


def holidays_changed(sender: Any, **kwargs: Any) -> None:
    """Deadlines read holidays from the cache: any change drops every cached year."""
    forget_holidays()


def tenancy_changed(sender: Any, **kwargs: Any) -> None:
    """A membership, department or LGO changed in this request: forget the roles and departments it remembered."""
    requestmemo.forget()


def department_changed(sender: Any, instance: Any = None, **kwargs: Any) -> None:
    """Service pages name their responsible department: a renamed department must not stay in cached pages."""
    from .models import Organization

    # By id: a department deleted along with its LGO may outlive the LGO's row by a moment.
    site_id = Organization.objects.filter(pk=getattr(instance, "organization_id", None)).values_list(
        "site_id", flat=True).first()
    purge_sites([site_id] if site_id else None)


def media_changed(sender: Any, instance: Any = None, **kwargs: Any) -> None:
    """An image or document in an LGO's collection (or below it) shows on that LGO's site only; one in a shared
    collection may show anywhere. One editor's upload no longer empties every LGO's page cache."""
    from wagtail.models import Collection

    from .models import Organization

    collection = Collection.objects.filter(pk=getattr(instance, "collection_id", None)).only("path").first()
    site_ids: list[int] = []
    if collection is not None:
        steps = range(Collection.steplen, len(collection.path) + 1, Collection.steplen)
        site_ids = list(Organization.objects.filter(collection__path__in=[collection.path[:i] for i in steps])
                        .values_list("site_id", flat=True))
    purge_sites(site_ids or None)


def connect() -> None:
    from django.contrib.auth.signals import user_logged_in
    from django.db.models.signals import post_delete, post_save
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    from .middleware import remember_password_change
    from .models import Department, Holiday, Membership, Organization

    user_logged_in.connect(remember_password_change, dispatch_uid="organizations.password_change_flag")
    post_save.connect(holidays_changed, sender=Holiday, dispatch_uid="organizations.holiday_saved")
    post_delete.connect(holidays_changed, sender=Holiday, dispatch_uid="organizations.holiday_deleted")
    for model in (Membership, Department, Organization):
        label = model._meta.model_name
        post_save.connect(tenancy_changed, sender=model, dispatch_uid=f"organizations.memo_{label}_saved")
        post_delete.connect(tenancy_changed, sender=model, dispatch_uid=f"organizations.memo_{label}_deleted")
    # The anonymous page cache (core.pagecache) shows the LGO's profile, department names and media.
    post_save.connect(purge_site_of, sender=Organization, dispatch_uid="pagecache_organizations.organization")
    post_save.connect(department_changed, sender=Department, dispatch_uid="pagecache_department")
    post_delete.connect(department_changed, sender=Department, dispatch_uid="pagecache_department_del")
    for model in (get_image_model(), get_document_model()):
        post_save.connect(media_changed, sender=model, dispatch_uid=f"pagecache_{model._meta.label_lower}")
        post_delete.connect(media_changed, sender=model, dispatch_uid=f"pagecache_del_{model._meta.label_lower}")
