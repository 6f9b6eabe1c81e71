"""Admin page forms that refuse duplicates an editor could otherwise publish (two 2569 indexes, two o1 items)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class TransparencyIndexForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("year")
        parent = self.parent_page
        if year and parent is not None:
            siblings = type(self.instance).objects.child_of(parent).filter(year=year)
            if self.instance.pk:
                siblings = siblings.exclude(pk=self.instance.pk)
            if siblings.exists():
                self.add_error("year", _("This website already has a transparency page for %(year)s.") % {"year": year})
        return cleaned


class TransparencyItemForm(WagtailAdminPageForm):
    def clean_code(self):
        return (self.cleaned_data.get("code") or "").strip().lower()

    def clean(self):
        cleaned = super().clean()
        code = cleaned.get("code")
        parent = self.parent_page
        if code and parent is not None:
            siblings = type(self.instance).objects.child_of(parent).filter(code=code)
            if self.instance.pk:
                siblings = siblings.exclude(pk=self.instance.pk)
            if siblings.exists():
                self.add_error("code", _("Item %(code)s already exists in this year's list.") % {"code": code})
        return cleaned
