"""What an LGO's page tree starts with, as registered by the app that owns page content.

`organizations` creates an LGO (site, departments, groups, workflow) but owns no page types: the website app
registers its root page type and its default pages here from its `AppConfig.ready()`. So the dependency runs from the
website to organizations, never back, and other page apps (the e-services catalogue) ask here which page type roots
an LGO's tree instead of naming the website app.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from wagtail.models import Page

    from .models import Organization


@dataclass(frozen=True)
class SiteTree:
    """How to build a new LGO's pages: the root page type and, optionally, the default pages under it."""

    root_page_model: type[Page]
    create_default_pages: Callable[[Organization], Any] | None = None


_registered: list[SiteTree] = []


def register_site_tree(*, root_page_model: type[Page],
                       create_default_pages: Callable[[Organization], Any] | None = None) -> None:
    """Register (or, on a repeated `ready()`, replace) the page tree every new LGO starts with."""
    _registered[:] = [SiteTree(root_page_model=root_page_model, create_default_pages=create_default_pages)]


def site_tree() -> SiteTree:
    """The registered page tree; a deployment without a website app cannot create LGOs."""
    if not _registered:
        raise ImproperlyConfigured("No app registered an LGO page tree (organizations.sitetree.register_site_tree).")
    return _registered[0]


def root_page_models() -> list[type[Page]]:
    """The page types that root an LGO's tree (for other apps' `parent_page_types`); empty when none registered."""
    return [tree.root_page_model for tree in _registered]
