"""Reactions: every new LGO gets the default topics (`organizations.signals.organization_created`); officers'
moves in the e-service inbox reach the report; followers are e-mailed about public changes (the reporter already
is, by the engine)."""

from __future__ import annotations

from typing import Any


def on_organization_created(sender: Any, organization: Any, **kwargs: Any) -> None:
    """Every new LGO (create_lgo, web onboarding, tests) starts with the default topics."""
    from .defaults import ensure_default_categories

    ensure_default_categories(organization)


def on_status_change_saved(sender: Any, instance: Any, created: bool = False, raw: bool = False,
                           **kwargs: Any) -> None:
    if created and not raw and instance.action in ("accept", "complete", "reject", "cancel"):
        from .services import follow_case_change

        follow_case_change(change=instance)


def on_report_changed(sender: Any, report: Any, event: Any, **kwargs: Any) -> None:
    from .notifications import tell_followers

    tell_followers(report=report, event=event)


def connect() -> None:
    from django.db.models.signals import post_save

    from eservices.models import StatusChange
    from organizations.signals import organization_created

    from .notifications import register_defaults
    from .signals import report_changed

    register_defaults()
    organization_created.connect(on_organization_created, dispatch_uid="complaints.organization_created")
    post_save.connect(on_status_change_saved, sender=StatusChange, dispatch_uid="complaints.case_moved")
    report_changed.connect(on_report_changed, dispatch_uid="complaints.tell_followers")
