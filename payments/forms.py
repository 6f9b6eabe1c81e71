"""Officer forms of the payments admin. Amounts arrive as Decimal (forms.DecimalField), never float."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import PaymentChannel

STATEMENT_MAX_BYTES = 30 * 1024 * 1024


class CounterPaymentForm(forms.Form):
    amount = forms.DecimalField(label=_("Amount received (baht)"), max_digits=12, decimal_places=2,
                                min_value=Decimal("0.01"))
    channel = forms.ChoiceField(
        label=_("How it was paid"),
        choices=[(c.value, c.label) for c in (PaymentChannel.COUNTER_CASH, PaymentChannel.COUNTER_TRANSFER)],
        initial=PaymentChannel.COUNTER_CASH, widget=forms.RadioSelect,
    )
    slip_reference = forms.CharField(label=_("Transfer slip reference (optional)"), max_length=100, required=False)
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)
    form_token = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4().hex)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class StatementUploadForm(forms.Form):
    file = forms.FileField(label=_("Bank bill-payment statement (CSV)"),
                           help_text=_("Columns: date/time, Ref1, Ref2, amount, bank reference (Thai or English "
                                       "headers; dates dd/mm/yyyy in BE or CE)."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > STATEMENT_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 30 MB."))
        if not upload.size:
            raise forms.ValidationError(_("The file is empty."))
        head = upload.read(2048)
        upload.seek(0)
        if b"\x00" in head:
            raise forms.ValidationError(_("This is not a CSV text file."))
        return upload


class MatchForm(forms.Form):
    invoice = forms.CharField(label=_("Invoice number or Ref1"), max_length=30)
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)


class DismissForm(forms.Form):
    note = forms.CharField(label=_("Why is this dismissed?"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))
