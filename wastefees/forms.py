"""Forms: the citizen look-up, and the officer's account, tariff, pickup, billing-run, reminder and import forms."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.dates import BEDateField, BEDateTextInput
from core.thai import ascii_digits, normalize_national_id, normalize_phone

from .constants import AccountKind, AccountStatus, PickupBilling
from .models import Pickup, ServiceAccount, Tariff, TariffClass, Zone
from .periods import PeriodError, parse_period


class LookupForm(forms.Form):
    """Account number plus the last 4 digits of the phone or ID on record: two things only the owner should know."""

    account_number = forms.CharField(
        label=_("Account number"), max_length=20,
        help_text=_("As printed on your bill, e.g. A00123."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        error_messages={"required": _("Enter your account number.")},
    )
    last_digits = forms.CharField(
        label=_("Last 4 digits of your phone number or national ID"), max_length=4, min_length=4,
        help_text=_("The phone number or ID the LGO has on record for this account."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]*"}),
        error_messages={
            "required": _("Enter the last 4 digits of your phone number or national ID."),
            "min_length": _("Enter exactly 4 digits."),
            "max_length": _("Enter exactly 4 digits."),
        },
    )

    def clean_account_number(self) -> str:
        value = "".join(ascii_digits(self.cleaned_data["account_number"]).split()).replace("-", "").upper()
        if not value.isalnum() or not value.isascii():
            raise ValidationError(_("An account number has only English letters and digits."))
        return value

    def clean_last_digits(self) -> str:
        value = ascii_digits(self.cleaned_data["last_digits"].strip())
        if not re.fullmatch(r"[0-9]{4}", value):
            raise ValidationError(_("Enter exactly 4 digits."))
        return value


class OrganizationBoundForm(forms.ModelForm):
    """A model form whose choices and new rows belong to the officer's LGO only."""

    def __init__(self, *args, organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.instance.organization = organization


class AccountForm(OrganizationBoundForm):
    class Meta:
        model = ServiceAccount
        fields = ["number", "kind", "owner_name", "address", "zone", "phone", "email", "tax_id", "tariff_class",
                  "wastewater", "active_from", "active_to", "notes"]
        widgets = {
            "address": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
            "active_from": BEDateTextInput(),
            "active_to": BEDateTextInput(),
        }
        field_classes = {"active_from": BEDateField, "active_to": BEDateField}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = Zone.objects.for_organization(self.organization)
        self.fields["tariff_class"].queryset = TariffClass.objects.for_organization(self.organization)
        self.fields["number"].widget.attrs["autocapitalize"] = "characters"
        # People type "081-234-5678" and "1-2345-67890-12-1": accept the dashes, store the digits.
        for name in ("phone", "tax_id"):
            self.fields[name].max_length = 30
            self.fields[name].validators = []
            self.fields[name].widget.attrs.update({"maxlength": "30", "inputmode": "tel"})

    def clean_phone(self) -> str:
        return normalize_phone(self.cleaned_data["phone"])

    def clean_tax_id(self) -> str:
        return normalize_national_id(self.cleaned_data["tax_id"])

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip().upper()
        clash = ServiceAccount.objects.for_organization(self.organization).filter(number=number)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("Another account of this LGO already has this number."))
        return number

    def _post_clean(self) -> None:
        # The model's clean() normalises the phone and ID and checks them; errors land on their fields.
        self.instance.organization = self.organization
        super()._post_clean()


class AccountFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False,
                        help_text=_("Account number, name, address, phone or ID"))
    zone = forms.ModelChoiceField(label=_("Zone"), queryset=Zone.objects.none(), required=False,
                                  empty_label=_("All zones"))
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All")), *AccountStatus.choices])
    arrears = forms.BooleanField(label=_("In arrears only"), required=False)

    def __init__(self, *args, organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["zone"].queryset = Zone.objects.for_organization(organization)


class ZoneForm(OrganizationBoundForm):
    class Meta:
        model = Zone
        fields = ["code", "name", "sort_order"]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().upper()
        clash = Zone.objects.for_organization(self.organization).filter(code=code).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("Another zone has this code."))
        return code


class TariffClassForm(OrganizationBoundForm):
    class Meta:
        model = TariffClass
        fields = ["code", "name", "kind", "litres_per_day_max", "sort_order"]

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().upper()
        clash = TariffClass.objects.for_organization(self.organization).filter(code=code).exclude(pk=self.instance.pk)
        if clash.exists():
            raise ValidationError(_("Another tariff class has this code."))
        return code

    def clean(self):
        data = super().clean()
        if data.get("kind") == AccountKind.PREMISES and data.get("litres_per_day_max"):
            self.add_error("litres_per_day_max", _("Premises are classed by business type, not by litres."))
        return data


class TariffForm(OrganizationBoundForm):
    """The ordinance and its dates; the rates of every class are extra fields named rate-<class id>-<fee>."""

    FEES = (("collection_fee", pgettext_lazy("waste fee", "collection")), ("disposal_fee", _("disposal")),
            ("wastewater_fee", _("wastewater")))

    class Meta:
        model = Tariff
        fields = ["ordinance_name", "ordinance_date", "effective_from", "effective_to"]
        widgets = {
            "ordinance_date": BEDateTextInput(),
            "effective_from": BEDateTextInput(),
            "effective_to": BEDateTextInput(),
        }
        field_classes = {"ordinance_date": BEDateField, "effective_from": BEDateField, "effective_to": BEDateField}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.classes = list(TariffClass.objects.for_organization(self.organization))
        current = {rate.tariff_class_id: rate for rate in self.instance.rates.all()} if self.instance.pk else {}
        for tariff_class in self.classes:
            rate = current.get(tariff_class.pk)
            for fee, label in self.FEES:
                name = f"rate-{tariff_class.pk}-{fee}"
                self.fields[name] = forms.DecimalField(
                    label=f"{tariff_class.name}: {label}", required=False, min_value=Decimal("0"),
                    max_digits=10, decimal_places=2, initial=getattr(rate, fee) if rate else None,
                    error_messages={"max_decimal_places": _("Use at most 2 decimal places (satang).")},
                )

    def rate_rows(self):
        """(class, [bound fields]) for the template's rate table."""
        return [(c, [self[f"rate-{c.pk}-{fee}"] for fee, _label in self.FEES]) for c in self.classes]

    def rates(self) -> list[tuple[TariffClass, Decimal, Decimal, Decimal]]:
        rows = []
        for tariff_class in self.classes:
            values = [self.cleaned_data.get(f"rate-{tariff_class.pk}-{fee}") for fee, _label in self.FEES]
            if values[0] is None and values[1] is None:
                continue
            rows.append((tariff_class, values[0] or Decimal("0.00"), values[1] or Decimal("0.00"),
                         values[2] or Decimal("0.00")))
        return rows

    def clean(self):
        data = super().clean()
        if not self.errors and not self.rates():
            raise ValidationError(_("Enter the fees of at least one tariff class."))
        return data


class PickupForm(forms.ModelForm):
    account_number = forms.CharField(label=_("Account number"), max_length=20)

    class Meta:
        model = Pickup
        fields = ["picked_up_on", "description", "amount", "billing"]
        widgets = {"picked_up_on": BEDateTextInput()}
        field_classes = {"picked_up_on": BEDateField}

    def __init__(self, *args, organization, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["billing"].choices = PickupBilling.choices

    def clean_account_number(self) -> ServiceAccount:
        number = self.cleaned_data["account_number"].strip().upper()
        account = ServiceAccount.objects.for_organization(self.organization).filter(number=number).first()
        if account is None:
            raise ValidationError(_("No account of this LGO has this number."))
        return account

    def _post_clean(self) -> None:
        pass  # the service validates the new row


class PeriodForm(forms.Form):
    period = forms.CharField(
        label=_("Month to bill"), max_length=7, help_text=_("Year and month, e.g. 2026-11 (or 2569-11)."),
        widget=forms.TextInput(attrs={"type": "month"}),
    )

    def clean_period(self) -> dt.date:
        try:
            return parse_period(self.cleaned_data["period"])
        except PeriodError as exc:
            raise ValidationError(_("Enter a month as year-month, e.g. 2026-11.")) from exc


class ReminderForm(forms.Form):
    older_than_days = forms.IntegerField(
        label=_("Unpaid for more than (days after the due date)"), min_value=0, max_value=3650, initial=30,
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("CSV file"), help_text=_("UTF-8 (with or without BOM), first row is the header."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 20 * 1024 * 1024:
            raise ValidationError(_("The file is larger than 20 MB; split it into smaller files."))
        return upload
