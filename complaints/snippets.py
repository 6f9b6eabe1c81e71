"""LGO administrators edit their complaint topics, routing rules and map settings (Snippets), each LGO only its own
rows: the e-service snippets' views narrow listing, edit and delete to the working LGO and create rows for it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel
from wagtail.snippets.views import snippets as snippet_views

from eservices import snippets as own_lgo
from organizations.choosers import ScopedSnippetChooserViewSet
from organizations.tenancy import active_organization

from .models import Category, ComplaintSettings, RoutingRule


def _narrow_choices(form, request):
    """Departments and topics offered in a form are the working LGO's only."""
    organization = active_organization(request)
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        if queryset is not None and hasattr(queryset, "for_organization") and name != "organization":
            field.queryset = queryset.for_organization(organization)
    return form


class CreateView(own_lgo.CreateView):
    def get_form(self, *args, **kwargs):
        return _narrow_choices(super().get_form(*args, **kwargs), self.request)


class EditView(own_lgo.EditView):
    def get_form(self, *args, **kwargs):
        return _narrow_choices(super().get_form(*args, **kwargs), self.request)


class _OwnLGOViewSet(snippet_views.SnippetViewSet):
    copy_view_enabled = False
    inspect_view_enabled = False
    chooser_viewset_class = ScopedSnippetChooserViewSet
    add_view_class = CreateView
    edit_view_class = EditView
    delete_view_class = own_lgo.DeleteView
    usage_view_class = own_lgo.UsageView
    history_view_class = own_lgo.HistoryView

    def get_queryset(self, request):
        return self.model.objects.for_organization(active_organization(request))


class CategoryViewSet(_OwnLGOViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Complaint topics")
    list_display = ["name_th", "department", "allows_anonymous", "shown_publicly", "is_active", "resolve_days"]
    panels = [
        FieldRowPanel([FieldPanel("name_th"), FieldPanel("name_en")]),
        FieldRowPanel([FieldPanel("code"), FieldPanel("icon"), FieldPanel("sort_order")]),
        FieldPanel("description"),
        FieldPanel("department"),
        FieldRowPanel([FieldPanel("acknowledge_days"), FieldPanel("resolve_days")]),
        FieldRowPanel([FieldPanel("allows_anonymous"), FieldPanel("shown_publicly"), FieldPanel("is_active")]),
    ]


class RoutingRuleViewSet(_OwnLGOViewSet):
    model = RoutingRule
    icon = "redirect"
    menu_label = _("Complaint routing rules")
    list_display = ["__str__", "category", "village", "department", "sort_order"]
    panels = [
        HelpPanel(content=_("The first rule (by order) whose topic, village and area match sends the report to its "
                            "department; otherwise the topic's department, then the fallback department.")),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("village"), FieldPanel("sort_order")]),
        FieldPanel("department"),
        FieldPanel("area"),
    ]


class SettingsViewSet(_OwnLGOViewSet):
    model = ComplaintSettings
    icon = "site"
    menu_label = _("Complaint settings")
    list_display = ["__str__", "fallback_department", "publish_exact_points"]
    panels = [
        FieldPanel("fallback_department"),
        FieldPanel("outside_area_referral"),
        FieldPanel("boundary"),
        FieldPanel("publish_exact_points"),
        FieldRowPanel([FieldPanel("tile_url"), FieldPanel("tile_attribution")]),
        FieldRowPanel([FieldPanel("map_latitude"), FieldPanel("map_longitude")]),
    ]


def register() -> None:
    from wagtail.snippets.models import register_snippet

    for viewset in (CategoryViewSet, RoutingRuleViewSet, SettingsViewSet):
        register_snippet(viewset)
