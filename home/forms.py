"""Admin page forms that refuse duplicates an editor could otherwise publish (two 2569 indexes, two o1 items)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


def refuse_sibling_duplicate(form: WagtailAdminPageForm, field: str, message: str) -> None:
    """Add `message` to `field` when another page of the same type under the same parent has the same value."""
    value = form.cleaned_data.get(field)
    if not value or form.parent_page is None:
        return
    siblings = type(form.instance).objects.child_of(form.parent_page).filter(**{field: value})
    if form.instance.pk:
        siblings = siblings.exclude(pk=form.instance.pk)
    if siblings.exists():
        form.add_error(field, message % {field: value})


class TransparencyIndexForm(WagtailAdminPageForm):
    def clean(self):
        cleaned = super().clean()
        refuse_sibling_duplicate(self, "year", _("This website already has a transparency page for %(year)s."))
        return cleaned


class TransparencyItemForm(WagtailAdminPageForm):
    def clean_code(self):
        return (self.cleaned_data.get("code") or "").strip().lower()

    def clean(self):
        cleaned = super().clean()
        refuse_sibling_duplicate(self, "code", _("Item %(code)s already exists in this year's list."))
        return cleaned
