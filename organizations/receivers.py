"""Cached answers that must be dropped when organizations' data changes (connected in `apps.ready`)."""

from __future__ import annotations

from typing import Any

from core import requestmemo

from .calendar import forget_holidays


def holidays_changed(sender: Any, **kwargs: Any) -> None:
    """Deadlines read holidays from the cache: any change drops every cached year."""
    forget_holidays()


def tenancy_changed(sender: Any, **kwargs: Any) -> None:
    """A membership, department or LGO changed in this request: forget the roles and departments it remembered."""
    requestmemo.forget()


def connect() -> None:
    from django.contrib.auth.signals import user_logged_in
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Site

    from .hosts import forget_site_hostnames
    from .middleware import remember_password_change
    from .models import Department, Holiday, Membership, Organization

    user_logged_in.connect(remember_password_change, dispatch_uid="organizations.password_change_flag")
    post_save.connect(forget_site_hostnames, sender=Site, dispatch_uid="organizations.site_hosts_saved")
    post_delete.connect(forget_site_hostnames, sender=Site, dispatch_uid="organizations.site_hosts_deleted")
    post_save.connect(holidays_changed, sender=Holiday, dispatch_uid="organizations.holiday_saved")
    post_delete.connect(holidays_changed, sender=Holiday, dispatch_uid="organizations.holiday_deleted")
    for model in (Membership, Department, Organization):
        label = model._meta.model_name
        post_save.connect(tenancy_changed, sender=model, dispatch_uid=f"organizations.memo_{label}_saved")
        post_delete.connect(tenancy_changed, sender=model, dispatch_uid=f"organizations.memo_{label}_deleted")
