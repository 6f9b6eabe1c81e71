"""Wagtail admin views that only ever see the signed-in user's own LGOs.

Other apps reuse these for their own admin screens: subclass `ScopedViewSet` (set `scope_field` when the relation to
Organization is not called "organization"), and every listing, edit, delete, history and usage view of that model
is narrowed by `organizations.tenancy.scope_to_managed`; opening another LGO's row by URL gives 404.
"""

from __future__ import annotations

from django.http import Http404
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from .tenancy import scope_to_managed


class ScopedQuerysetMixin:
    """Narrow what this view may list or open to the user's own LGOs; other rows are 404.

    `scope_field` names the relation to Organization ("pk" for Organization itself); `list_national` also lists rows
    without an LGO (national holidays) without letting them be opened.
    """

    scope_field = "organization"
    list_national = False

    def scoped(self, *, include_national: bool = False):
        return scope_to_managed(self.model._default_manager.all(), self.request.user, field=self.scope_field,
                                include_national=include_national)

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if not self.scoped().filter(pk=obj.pk).exists():
            raise Http404
        return obj


class ScopedIndexView(ScopedQuerysetMixin, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().filter(pk__in=self.scoped(include_national=self.list_national))


class ScopedEditView(ScopedQuerysetMixin, generic.EditView):
    pass


class ScopedDeleteView(ScopedQuerysetMixin, generic.DeleteView):
    pass


class ScopedHistoryView(ScopedQuerysetMixin, generic.history.HistoryView):
    pass


class ScopedUsageView(ScopedQuerysetMixin, generic.usage.UsageView):
    pass


class ScopedInspectView(ScopedQuerysetMixin, generic.InspectView):
    pass


class ScopedViewSet(ModelViewSet):
    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_class = ScopedInspectView
    copy_view_enabled = False
    add_to_admin_menu = False
    scope_field = "organization"
    list_national = False

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(scope_field=self.scope_field, **kwargs)

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(list_national=self.list_national, **kwargs)




class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Listing and inspecting only: for append-only records such as the audit log."""

    def user_has_permission(self, user, action):
        return action in {"view"} and super().user_has_permission(user, action)
