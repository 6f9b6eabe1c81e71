"""Purge the anonymous page cache of the affected site whenever what visitors see may have changed."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .cache import purge_for_page, purge_sites


def _page_changed(sender, instance=None, **kwargs) -> None:
    purge_for_page(instance)


def _page_moved(sender, instance=None, **kwargs) -> None:
    # Moving between sites changes two sites' menus and URLs; purge everything rather than guess.
    purge_sites(None)


def _site_scoped_saved(sender, instance=None, created=False, **kwargs) -> None:
    if created and sender._meta.label_lower == "home.sitesettings":
        return  # created with defaults on first read: the pages already show exactly that
    site_id = getattr(instance, "site_id", None)
    purge_sites([site_id] if site_id else None)


def _department_changed(sender, instance=None, **kwargs) -> None:
    """Service pages name their responsible department: a renamed department must not stay in cached pages."""
    from organizations.models import Organization

    # By id: a department deleted along with its LGO may outlive the LGO's row by a moment.
    site_id = Organization.objects.filter(pk=getattr(instance, "organization_id", None)).values_list(
        "site_id", flat=True).first()
    purge_sites([site_id] if site_id else None)


def _shared_object_saved(sender, instance=None, **kwargs) -> None:
    """A site added, removed or renamed changes every host's answer."""
    purge_sites(None)


def _media_changed(sender, instance=None, **kwargs) -> None:
    """An image or document in an LGO's collection (or below it) shows on that LGO's site only; one in a shared
    collection may show anywhere. One editor's upload no longer empties every LGO's page cache."""
    from wagtail.models import Collection

    from organizations.models import Organization

    collection = Collection.objects.filter(pk=getattr(instance, "collection_id", None)).only("path").first()
    site_ids: list[int] = []
    if collection is not None:
        steps = range(Collection.steplen, len(collection.path) + 1, Collection.steplen)
        site_ids = list(Organization.objects.filter(collection__path__in=[collection.path[:i] for i in steps])
                        .values_list("site_id", flat=True))
    purge_sites(site_ids or None)


def _restriction_changed(sender, instance=None, **kwargs) -> None:
    """A page made private (or public again) must not be served from, or kept in, the anonymous cache."""
    from wagtail.models import Page

    # By id: when the restriction goes because its page is being deleted, the page may already be gone.
    page = Page.objects.filter(pk=getattr(instance, "page_id", None)).first()
    purge_for_page(page)  # every site when the page cannot be found


def connect() -> None:
    from django.apps import apps
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Page, PageViewRestriction, Site

    page_published.connect(_page_changed, dispatch_uid="home_cache_published")
    page_unpublished.connect(_page_changed, dispatch_uid="home_cache_unpublished")
    page_slug_changed.connect(_page_changed, dispatch_uid="home_cache_slug")
    post_page_move.connect(_page_moved, dispatch_uid="home_cache_moved")
    # Sender Page (a deleted subclass also signals its Page row): a receiver for every model would switch off
    # Django's fast delete everywhere (sessions, counters, task rows would be loaded and signalled row by row).
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid="home_cache_deleted")
    department = apps.get_model("organizations", "Department")
    post_save.connect(_department_changed, sender=department, dispatch_uid="home_cache_department")
    post_delete.connect(_department_changed, sender=department, dispatch_uid="home_cache_department_del")
    for model in (apps.get_model("home", "SiteSettings"), apps.get_model("organizations", "Organization")):
        post_save.connect(_site_scoped_saved, sender=model, dispatch_uid=f"home_cache_{model._meta.label_lower}")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="home_cache_restriction")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="home_cache_restriction_del")
    for model in (get_image_model(), get_document_model()):
        post_save.connect(_media_changed, sender=model, dispatch_uid=f"home_cache_{model._meta.label_lower}")
        post_delete.connect(_media_changed, sender=model, dispatch_uid=f"home_cache_del_{model._meta.label_lower}")
    post_save.connect(_shared_object_saved, sender=Site, dispatch_uid="home_cache_wagtailcore.site")
    post_delete.connect(_shared_object_saved, sender=Site, dispatch_uid="home_cache_del_wagtailcore.site")


def _page_deleted(sender, instance=None, **kwargs) -> None:
    purge_sites(None)
