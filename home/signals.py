"""Purge the anonymous page cache when the website settings change (pages, sites and LGOs purge it themselves:
`core.pagecache.connect` and `organizations.receivers`)."""

from __future__ import annotations

from core.pagecache import purge_site_of


def _site_settings_saved(sender, instance=None, created=False, **kwargs) -> None:
    if created:
        return  # created with defaults on first read: the pages already show exactly that
    purge_site_of(sender, instance=instance)


def connect() -> None:
    from django.db.models.signals import post_save

    from .models import SiteSettings

    post_save.connect(_site_settings_saved, sender=SiteSettings, dispatch_uid="pagecache_home.sitesettings")
