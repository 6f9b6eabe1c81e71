"""Officers of an LGO edit the wording of its notifications (Snippets → Notification wording).

Each LGO sees and edits only its own rows: the listing, the edit and delete views are all narrowed by the officer's
working LGO (organizations.tenancy), and a new row is always created for that LGO.
"""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.snippets.views import snippets as snippet_views

from organizations.choosers import ScopedSnippetChooserViewSet
from organizations.tenancy import active_organization

from .models import NotificationTemplate


class _OwnLGOObjectMixin:
    def get_object(self, *args, **kwargs):  # Wagtail's views differ: some take a queryset, usage/history do not
        obj = super().get_object(*args, **kwargs)
        if obj.organization_id != active_organization(self.request).pk:
            raise Http404
        return obj


class CreateView(snippet_views.CreateView):
    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        form.instance.organization = active_organization(self.request)  # before validation: duplicates are caught
        return form


class EditView(_OwnLGOObjectMixin, snippet_views.EditView):
    pass


class DeleteView(_OwnLGOObjectMixin, snippet_views.DeleteView):
    pass


class UsageView(_OwnLGOObjectMixin, snippet_views.UsageView):
    pass


class HistoryView(_OwnLGOObjectMixin, snippet_views.HistoryView):
    pass


class NotificationTemplateViewSet(snippet_views.SnippetViewSet):
    model = NotificationTemplate
    icon = "mail"
    menu_label = _("Notification wording")
    list_display = ["key", "subject", "updated_at"]
    copy_view_enabled = False
    inspect_view_enabled = False
    chooser_viewset_class = ScopedSnippetChooserViewSet
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    usage_view_class = UsageView
    history_view_class = HistoryView
    panels = [
        HelpPanel(content=_(
            "Without a row here the standard wording is used. Variables: {{ reference }}, {{ service }}, "
            "{{ organization }}, {{ applicant_name }}, {{ status }}, {{ note }}, {{ due_date }}, {{ received_at }}, "
            "{{ tracking_url }}, {{ contact }}; {{ items }} for information requests, {{ message }} for messages.")),
        FieldPanel("key"),
        FieldPanel("subject"),
        FieldPanel("body"),
    ]

    def get_queryset(self, request):
        return NotificationTemplate.objects.for_organization(active_organization(request))
