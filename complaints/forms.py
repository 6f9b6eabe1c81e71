"""Citizen forms. Thin: each hands clean values to one service function, which re-checks everything."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.thai import ascii_digits

from .constants import MAX_PHOTOS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(PhotosField, self).clean(item, initial) for item in files if item]


class ReportForm(forms.Form):
    """One page, phone first: topic, photos, place (any of three ways), description, contact."""

    category = forms.ChoiceField(label=_("What do you want to report?"), widget=forms.RadioSelect,
                                 error_messages={"required": _("Choose what you are reporting.")})
    photos = PhotosField(label=_("Photos"), required=False,
                         help_text=_("Up to %(count)s photos. Location stored in a photo is used, then removed.")
                         % {"count": MAX_PHOTOS},
                         widget=MultipleFileInput(attrs={"accept": "image/*", "multiple": True}))
    latitude = forms.CharField(required=False, widget=forms.HiddenInput)
    longitude = forms.CharField(required=False, widget=forms.HiddenInput)
    address = forms.CharField(label=_("Address or landmark"), required=False, max_length=300,
                              help_text=_("For example: in front of Wat Nong Kaeo, Moo 3"))
    village = forms.CharField(label=_("Village (Moo)"), required=False, max_length=3,
                              widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "input--short"}))
    description = forms.CharField(label=_("What is wrong?"), max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 4}),
                                  error_messages={"required": _("Describe what is wrong.")})
    anonymous = forms.BooleanField(label=_("Report without giving my name"), required=False)
    name = forms.CharField(label=_("Your name"), required=False, max_length=200,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(label=_("Phone"), required=False, max_length=20,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    email = forms.EmailField(label=_("E-mail"), required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    pending = forms.CharField(required=False, widget=forms.HiddenInput)
    confirmed = forms.CharField(required=False, widget=forms.HiddenInput)
    nonce = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, categories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = {c.code: c for c in categories}
        self.fields["category"].choices = [(c.code, c.name) for c in categories]

    @property
    def topic_radios(self) -> list:
        """(radio, Category) pairs, so the template shows each topic's icon beside its radio."""
        return [(radio, self.categories[radio.data["value"]]) for radio in self["category"]]

    def clean_village(self) -> int | None:
        value = ascii_digits(self.cleaned_data.get("village") or "").strip()
        if not value:
            return None
        if not value.isdigit() or not 1 <= int(value) <= 99:
            raise forms.ValidationError(_("Enter the village number, e.g. 3."))
        return int(value)

    def clean_latitude(self) -> str:
        return ascii_digits(self.cleaned_data.get("latitude") or "")

    def clean_longitude(self) -> str:
        return ascii_digits(self.cleaned_data.get("longitude") or "")


class FollowForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail"), error_messages={
        "required": _("Enter an e-mail address like name@example.com."),
        "invalid": _("Enter an e-mail address like name@example.com.")})


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("How satisfied are you with the fix?"), widget=forms.RadioSelect,
                                    coerce=int, choices=[(i, str(i)) for i in range(5, 0, -1)],
                                    error_messages={"required": _("Choose from 1 to 5 stars.")})
    comment = forms.CharField(label=_("Comment"), required=False, max_length=1000,
                              widget=forms.Textarea(attrs={"rows": 3}))


class ReopenForm(forms.Form):
    note = forms.CharField(label=_("What is still wrong?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("Tell us what is still wrong.")})


class CancelForm(forms.Form):
    note = forms.CharField(label=_("Why are you cancelling?"), required=False, max_length=500)
