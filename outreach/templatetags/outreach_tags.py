"""Template tags of outreach: share meta tags in <head> and the share row under a page."""

from __future__ import annotations

from django import template

from .. import share

register = template.Library()


def _root_page_id(request) -> int | None:
    """The site's home page id, kept in the site's cache: pages that are not Wagtail pages (the wizard, tracking)
    show the LGO's card without a query."""
    from wagtail.models import Site

    from core.pagecache import remember, site_id_for

    site_id = site_id_for(request)
    if site_id is None:
        return None
    return remember(site_id, "outreach:root_page_id",
                    lambda: Site.objects.filter(pk=site_id).values_list("root_page_id", flat=True).first())


@register.inclusion_tag("outreach/share_meta.html", takes_context=True)
def share_meta(context) -> dict:
    """Open Graph and Twitter card tags for the page being shown (any public page, a Wagtail page or not)."""
    request = context.get("request")
    if request is None:
        return {"card": None}
    page = context.get("page") or context.get("self")
    organization = context.get("current_organization")
    card = share.card_for(request, page=page if hasattr(page, "seo_title") else None,
                          organization=organization or None, root_page_id=_root_page_id(request))
    return {"card": card}


@register.inclusion_tag("outreach/share_row.html", takes_context=True)
def share_row(context) -> dict:
    """LINE, Facebook and copy-link for the page being shown; plain links, no JavaScript needed."""
    request = context.get("request")
    page = context.get("page")
    if request is None or page is None or not hasattr(page, "seo_title"):
        return {"links": None}
    card = share.card_for(request, page=page, organization=context.get("current_organization") or None)
    return {"links": share.share_links(card.url, card.title), "title": card.title}
