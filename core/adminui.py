"""A base for the project's own admin screens (forms, lists and reports shown inside the Wagtail admin)."""

from __future__ import annotations

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class AdminScreen(WagtailAdminTemplateMixin):
    """Wagtail's admin page header, with the screen's own title as the last breadcrumb.

    Wagtail's generic views build their breadcrumbs from a model; screens that are not about one model (the library,
    the checklist steps, the ITA and translation overviews) would otherwise show only "Dashboard".
    """

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]
