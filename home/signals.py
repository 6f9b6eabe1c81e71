"""Purge the anonymous page cache when the website settings change (pages, sites and LGOs purge it themselves:
`core.pagecache.connect` and `organizations.receivers`)."""

from __future__ import annotations

from core.pagecache import purge_site_of


def _site_settings_saved(sender, instance=None, created=False, **kwargs) -> None:
    if created:
        return  # created with defaults on first read: the pages already show exactly that
    purge_site_of(sender, instance=instance)


def _synonym_changed(sender, instance=None, **kwargs) -> None:
    """Search results are cached per site: a new or changed synonym must show at once."""
    from core.pagecache import purge_sites

    site_id = getattr(instance.organization, "site_id", None)
    if site_id:
        purge_sites([site_id])


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from .models import SearchSynonym, SiteSettings

    post_save.connect(_site_settings_saved, sender=SiteSettings, dispatch_uid="pagecache_home.sitesettings")
    post_save.connect(_synonym_changed, sender=SearchSynonym, dispatch_uid="pagecache_home.synonym_saved")
    post_delete.connect(_synonym_changed, sender=SearchSynonym, dispatch_uid="pagecache_home.synonym_deleted")
