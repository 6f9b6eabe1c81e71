"""Choosers that show an officer only their own LGO's objects.

Images and documents are scoped by Wagtail's collection permissions (each LGO's groups hold permissions on its own
collection only: `permissions.py`). Pages and snippets are not, by Wagtail's design: its page chooser lists every
site's tree (and draft titles) to any editor, and a snippet chooser lists every row. Here the page chooser's listing
and search are narrowed to the trees of the LGOs the user works for (their home pages and those pages' translations),
browsing into another LGO's page is 404, and LGO-owned snippets are chosen from the officer's LGO only.
Superusers keep the whole deployment.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from wagtail.admin.views import chooser as page_chooser
from wagtail.models import Page
from wagtail.snippets.views import chooser as snippet_chooser

from core.requestmemo import memoized

from .models import Organization
from .tenancy import active_organization, officer_organizations


def _tree_paths(user) -> tuple[str, ...]:
    """Tree paths of the home pages (in every language) of the LGOs `user` works for."""
    def compute() -> tuple[str, ...]:
        roots = Organization.objects.filter(pk__in=[o.pk for o in officer_organizations(user)]).values_list(
            "site__root_page_id", flat=True)
        keys = Page.objects.filter(pk__in=list(roots)).values_list("translation_key", flat=True)
        return tuple(Page.objects.filter(translation_key__in=list(keys)).values_list("path", flat=True))

    return memoized(("page_tree_paths", user.pk), compute)


def scope_pages(pages: QuerySet, user) -> QuerySet:
    """`pages` narrowed to the LGO trees `user` works in (unchanged for a superuser, nothing for anyone else)."""
    if getattr(user, "is_superuser", False):
        return pages
    paths = _tree_paths(user) if getattr(user, "is_authenticated", False) else ()
    if not paths:
        return pages.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return pages.filter(condition)


def page_chooser_queryset(pages: QuerySet, request) -> QuerySet:
    """The `construct_page_chooser_queryset` hook: browse and search list only the officer's LGO trees."""
    return scope_pages(pages, request.user)


class ScopedPageBrowseView(page_chooser.BrowseView):
    """Wagtail's page chooser, refusing to open a page of another LGO's tree as the parent (its title, its
    children). Routed in config/urls.py in front of Wagtail's own /admin/choose-page/<id>/."""

    def get(self, request, parent_page_id=None):
        if parent_page_id and not request.user.is_superuser:
            parent = get_object_or_404(Page, id=parent_page_id)
            if not parent.is_root() and not scope_pages(Page.objects.filter(pk=parent.pk), request.user).exists():
                raise Http404
        return super().get(request, parent_page_id)


class _OwnLGOSnippets:
    """Rows of the officer's working LGO only (`TenantQuerySet.for_organization`); all rows for a superuser."""

    def scoped(self, queryset: QuerySet) -> QuerySet:
        if self.request.user.is_superuser:
            return queryset
        return queryset.for_organization(active_organization(self.request))


class ScopedSnippetChooseView(_OwnLGOSnippets, snippet_chooser.ChooseView):
    def get_object_list(self):
        return self.scoped(super().get_object_list())


class ScopedSnippetChooseResultsView(_OwnLGOSnippets, snippet_chooser.ChooseResultsView):
    def get_object_list(self):
        return self.scoped(super().get_object_list())


class ScopedSnippetChosenView(_OwnLGOSnippets, snippet_chooser.SnippetChosenView):
    def get_object(self, pk):
        return self.scoped(self.model_class.objects.all()).get(pk=pk)


class ScopedSnippetChosenMultipleView(_OwnLGOSnippets, snippet_chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return self.scoped(super().get_objects(pks))


class ScopedSnippetChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    """For the `chooser_viewset_class` of every LGO-owned snippet."""

    choose_view_class = ScopedSnippetChooseView
    choose_results_view_class = ScopedSnippetChooseResultsView
    chosen_view_class = ScopedSnippetChosenView
    chosen_multiple_view_class = ScopedSnippetChosenMultipleView
