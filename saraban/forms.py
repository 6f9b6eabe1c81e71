"""Officer forms for correspondence. They only collect and check input; services.py does the writing."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.dates import BEDateField, BEDateTextInput
from organizations.models import Department, Organization

from .constants import (
    TOP_SECRET,
    TOP_SECRET_LABEL,
    TOP_SECRET_REFUSAL,
    CommitteeRole,
    DocumentKind,
    EndorsementKind,
    Instruction,
    LetterFormat,
    Register,
    RetentionClass,
    Secrecy,
    Urgency,
)
from .search import ARABIC_DIGITS, REFERENCE_REGISTERS, parse_number
from .services import ATTACHMENT_TYPES, check_file, check_retention

SECRECY_CHOICES = [*Secrecy.choices, (TOP_SECRET, TOP_SECRET_LABEL)]


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has one, else at the top."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


REFERENCE_WORDS = {"รับ": Register.INCOMING, "ส่ง": Register.OUTGOING, "คำสั่ง": Register.ORDER,
                   "ประกาศ": Register.ANNOUNCEMENT}
REFERENCE_PATTERN = re.compile(r"^(?:(รับ|ส่ง|คำสั่ง|ประกาศ)\s*)?(\d+)\s*/\s*(\d{4})$")


def parse_references(text: str, organization: Organization, user) -> list:
    """Turn "รับ 12/2569, ส่ง 7/2569" into this LGO's documents `user` may see (register word optional, รับ by
    default). A number the user may not see is "not found", exactly like one that does not exist: walking the
    numbers must not reveal classified subjects or even which numbers are classified."""
    from .selectors import visible_documents

    documents, unknown = [], []
    for token in filter(None, (part.strip() for part in re.split(r"[,;\n]+", text or ""))):
        match = REFERENCE_PATTERN.match(token)
        found = None
        if match:
            register = REFERENCE_WORDS.get(match.group(1) or "รับ")
            found = visible_documents(user, organization).filter(
                register=register, number=int(match.group(2)), year=int(match.group(3))).first()
        if found is None:
            unknown.append(token)
        else:
            documents.append(found)
    if unknown:
        raise ValidationError(_("These register numbers were not found: %(numbers)s. Write them like “รับ 12/2569”."),
                              params={"numbers": ", ".join(unknown)}, code="reference")
    return documents


class UploadsMixin:
    """Check uploads in the form, so a wrong type or a file too large is said at its own field (the services check
    again, with the same function)."""

    def _checked(self, name: str, allowed_types: tuple[str, ...]):
        upload = self.cleaned_data.get(name)
        if upload:
            try:
                check_file(upload, field=name, allowed_types=allowed_types)
            except ValidationError as error:
                raise ValidationError(error.error_dict[name]) from error
            upload.seek(0)
        return upload

    def clean_pdf(self):
        return self._checked("pdf", ("application/pdf",))

    def clean_attachment(self):
        return self._checked("attachment", ATTACHMENT_TYPES)


class ReferencesMixin:
    """An optional "refers to" field holding register numbers of earlier documents of the same LGO."""

    organization: Organization
    user: object

    def clean_references(self) -> list:
        return parse_references(self.cleaned_data.get("references", ""), self.organization, self.user)


class SecrecyMixin:
    def clean_secrecy(self) -> str:
        value = self.cleaned_data["secrecy"]
        if value == TOP_SECRET:
            raise ValidationError(TOP_SECRET_REFUSAL, code="top_secret")
        return value

    def clean(self):
        cleaned = super().clean()
        if "retention_class" in cleaned:  # else its own field error already says what is wrong
            try:
                check_retention(cleaned["retention_class"], cleaned.get("retention_years"))
            except ValidationError as error:
                apply_errors(self, error)
        return cleaned


REFERENCES_FIELD = dict(
    label=_("Refers to earlier documents"), required=False, max_length=300,
    help_text=_("Register numbers, e.g. รับ 12/2569, ส่ง 7/2569 (optional)."),
)


class IncomingForm(UploadsMixin, ReferencesMixin, SecrecyMixin, forms.Form):
    pdf = forms.FileField(label=_("The letter as PDF"), required=False,
                          help_text=_("The scanned or received PDF. A copy is stamped with the receipt number."))
    reference_number = forms.CharField(label=_("Number (ที่)"), max_length=100, required=False,
                                       help_text=_("The sender's number, e.g. ชร 0023/ว 1234."))
    dated = BEDateField(label=_("Dated"), required=False, widget=BEDateTextInput())
    sender = forms.CharField(label=_("From"), max_length=300)
    recipient = forms.CharField(label=_("To"), max_length=300, required=False)
    subject = forms.CharField(label=_("Subject"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=DocumentKind.choices, initial=DocumentKind.EXTERNAL)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    secrecy = forms.ChoiceField(label=_("Classification"), choices=SECRECY_CHOICES, initial=Secrecy.NORMAL)
    action = forms.CharField(label=pgettext_lazy("for action", "Action"), max_length=500, required=False)
    remarks = forms.CharField(label=_("Remarks"), max_length=500, required=False)
    retention_class = forms.ChoiceField(label=_("Retention"), choices=RetentionClass.choices,
                                        initial=RetentionClass.TEN_YEARS)
    retention_years = forms.IntegerField(label=_("Years required by the other law"), required=False, min_value=1,
                                         max_value=200)
    references = forms.CharField(**REFERENCES_FIELD)
    attachment = forms.FileField(label=_("Enclosure"), required=False,
                                 help_text=_("PDF, JPEG, PNG, Word or Excel, up to 20 MB."))

    def __init__(self, *args, organization: Organization, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization, self.user = organization, user


class LetterForm(UploadsMixin, ReferencesMixin, SecrecyMixin, forms.Form):
    letter_format = forms.ChoiceField(label=pgettext_lazy("letter", "Layout"), choices=LetterFormat.choices,
                                      initial=LetterFormat.EXTERNAL)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices, initial=Urgency.NORMAL)
    secrecy = forms.ChoiceField(label=_("Classification"), choices=SECRECY_CHOICES, initial=Secrecy.NORMAL)
    department = forms.ModelChoiceField(label=_("Owning department"), queryset=Department.objects.none(),
                                        required=False)
    recipient = forms.CharField(label=_("To"), max_length=300,
                                help_text=_("Who the letter is addressed to, as in the register."))
    target_organization = forms.ModelChoiceField(
        label=_("Also deliver to an LGO on this platform"), queryset=Organization.objects.none(), required=False,
        help_text=_("The letter then appears in that LGO's queue to be registered (รอลงรับ)."),
    )
    subject = forms.CharField(label=_("Subject"), max_length=500)
    salutation = forms.CharField(label=_("Salutation (เรียน)"), max_length=300, required=False)
    reference_text = forms.CharField(label=_("Reference (อ้างถึง)"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))
    references = forms.CharField(**REFERENCES_FIELD)
    enclosures_text = forms.CharField(label=_("Enclosures (สิ่งที่ส่งมาด้วย)"), required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 12}),
                           help_text=_("One paragraph per line."))
    closing = forms.CharField(label=_("Closing"), max_length=100, required=False, initial="ขอแสดงความนับถือ")
    contact_text = forms.CharField(label=_("Contact unit"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                   help_text=_("Owning unit, phone and e-mail, one per line."))
    retention_class = forms.ChoiceField(label=_("Retention"), choices=RetentionClass.choices,
                                        initial=RetentionClass.TEN_YEARS)
    retention_years = forms.IntegerField(label=_("Years required by the other law"), required=False, min_value=1,
                                         max_value=200)
    attachment = forms.FileField(label=_("Enclosure file"), required=False)

    def __init__(self, *args, organization: Organization, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization, self.user = organization, user
        self.fields["department"].queryset = Department.objects.for_organization(organization)
        self.fields["target_organization"].queryset = Organization.objects.exclude(pk=organization.pk)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("letter_format") in (LetterFormat.EXTERNAL, LetterFormat.MEMO) and not cleaned.get(
            "salutation"
        ):
            self.add_error("salutation", _("Enter who the letter is addressed to (เรียน)."))
        return cleaned


class IssueForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Signing by typed name needs you to confirm who you are."),
    )


class RouteForm(forms.Form):
    departments = forms.ModelMultipleChoiceField(label=_("Departments"), queryset=Department.objects.none(),
                                                 required=False, widget=forms.CheckboxSelectMultiple)
    officers = forms.ModelMultipleChoiceField(label=_("Officers"), queryset=get_user_model().objects.none(),
                                              required=False, widget=forms.SelectMultiple(attrs={"size": 6}))
    instruction = forms.ChoiceField(label=_("Instruction"), choices=Instruction.choices,
                                    initial=Instruction.FOR_ACTION, widget=forms.RadioSelect)
    instruction_text = forms.CharField(label=_("Instruction (details)"), max_length=500, required=False)
    due_date = BEDateField(label=_("Due"), required=False, widget=BEDateTextInput(),
                               help_text=_("Leave empty for the default by urgency."))

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].queryset = Department.objects.for_organization(organization)
        self.fields["officers"].queryset = (
            get_user_model().objects.filter(memberships__organization=organization).distinct()
            .order_by("first_name", "username")
        )
        self.fields["officers"].label_from_instance = lambda user: user.get_full_name() or user.get_username()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("departments") and not cleaned.get("officers"):
            raise ValidationError(_("Choose at least one department or officer."))
        return cleaned


class EndorseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EndorsementKind.choices, initial=EndorsementKind.OPINION,
                             widget=forms.RadioSelect)
    text = forms.CharField(label=_("Endorsement"), widget=forms.Textarea(attrs={"rows": 3}))


class CompleteForm(forms.Form):
    action = forms.CharField(label=_("What was done"), max_length=500, required=False)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Words in the subject or text"), required=False,
                        help_text=_("Words of the subject, the text or the received PDF, or a number as printed "
                                    "(241/2569)."))
    number = forms.CharField(label=_("Register number"), required=False, max_length=30,
                             help_text=_("As printed, e.g. 241 or 241/2569."))
    year = forms.IntegerField(label=_("Year (BE)"), required=False, min_value=2400, max_value=2700)
    reference_number = forms.CharField(label=_("Number (ที่)"), required=False)
    sender = forms.CharField(label=_("From"), required=False)
    recipient = forms.CharField(label=_("To"), required=False)
    date_from = BEDateField(label=_("Dated from"), required=False, widget=BEDateTextInput())
    date_to = BEDateField(label=_("Dated to"), required=False, widget=BEDateTextInput())
    register = forms.ChoiceField(label=_("Register"), required=False,
                                 choices=[("", _("All registers")), *Register.choices])


    def clean_number(self) -> int | None:
        """241, ๒๔๑, or the printed "241/2569" / "รับ 241/2569" (which also fill in the year and register)."""
        raw = self.cleaned_data["number"].strip().translate(ARABIC_DIGITS)
        if not raw:
            return None
        printed = parse_number(raw)
        if printed is not None:
            self.printed = printed
            return printed[1]
        if raw.isdigit() and int(raw) >= 1:
            return int(raw)
        raise ValidationError(_("Write the register number as printed, e.g. 241 or 241/2569."), code="number")

    def clean(self):
        cleaned = super().clean()
        register_word, _number, year = getattr(self, "printed", ("", None, None))
        if year and not cleaned.get("year"):
            cleaned["year"] = year
        if register_word and not cleaned.get("register"):
            cleaned["register"] = REFERENCE_REGISTERS[register_word]
        return cleaned


class DateRangeForm(forms.Form):
    date_from = BEDateField(label=_("Registered from"), required=False, widget=BEDateTextInput())
    date_to = BEDateField(label=_("Registered to"), required=False, widget=BEDateTextInput())


class PrepareDestructionForm(forms.Form):
    year = forms.IntegerField(label=_("Year (BE) that has ended"), min_value=2400, max_value=2700)


class ApproveDestructionForm(forms.Form):
    chair_name = forms.CharField(label=_("Chair: name"), max_length=200)
    chair_position = forms.CharField(label=_("Chair: position"), max_length=300)
    member1_name = forms.CharField(label=_("Member 1: name"), max_length=200)
    member1_position = forms.CharField(label=_("Member 1: position"), max_length=300)
    member2_name = forms.CharField(label=_("Member 2: name"), max_length=200)
    member2_position = forms.CharField(label=_("Member 2: position"), max_length=300)
    member3_name = forms.CharField(label=_("Member 3: name"), max_length=200, required=False)
    member3_position = forms.CharField(label=_("Member 3: position"), max_length=300, required=False)
    note = forms.CharField(label=_("Committee decision"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def members(self):
        from .services import Member

        data = self.cleaned_data
        rows = [Member(data["chair_name"], data["chair_position"], CommitteeRole.CHAIR)]
        for n in (1, 2, 3):
            if data.get(f"member{n}_name"):
                rows.append(Member(data[f"member{n}_name"], data.get(f"member{n}_position", ""),
                                   CommitteeRole.MEMBER))
        return rows
