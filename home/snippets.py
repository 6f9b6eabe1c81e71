"""Editors extend search with their LGO's own synonyms (Snippets → search synonyms), each LGO seeing only its own
rows (the same per-LGO views as the notification wording)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.snippets.views import snippets as snippet_views

from eservices.snippets import CreateView, DeleteView, EditView, HistoryView, UsageView
from organizations.tenancy import active_organization

from .models import SearchSynonym


class SearchSynonymViewSet(snippet_views.SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("Search synonyms")
    list_display = ["__str__"]
    copy_view_enabled = False
    inspect_view_enabled = False
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = DeleteView
    usage_view_class = UsageView
    history_view_class = HistoryView
    panels = [
        HelpPanel(content=_(
            "When a citizen searches for any word of a group, the website also looks for the others. Common groups "
            "(ไฟถนน = ไฟฟ้าส่องสว่าง, ค่าขยะ = ค่าธรรมเนียมเก็บขยะ…) are built in; add the words people use here.")),
        FieldPanel("words"),
    ]

    def get_queryset(self, request):
        return SearchSynonym.objects.for_organization(active_organization(request))
