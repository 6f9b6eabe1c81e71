"""Forms of the case page and the inbox's bulk actions. Validation messages are Thai via the translation catalogue;
the real rules (who may do what, from which status) are checked again by `eservices.services`."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.dates import BEDateField, BEDateTextInput
from organizations.models import Organization

from .filters import officer_choices

NOBODY = "none"


def _assignee_choices(organization: Organization) -> list[tuple[str, str]]:
    return [(NOBODY, _("Nobody (unassign)")), *((str(pk), name) for pk, name in officer_choices(organization))]


def resolve_assignee(value: str):
    """The user chosen in an assignee field (None for "nobody")."""
    if not value or value == NOBODY:
        return None
    return get_user_model().objects.get(pk=int(value))


class AssignForm(forms.Form):
    assignee = forms.ChoiceField(label=_("Assign to"))

    def __init__(self, *args, organization: Organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = _assignee_choices(organization)


class NoteForm(forms.Form):
    body = forms.CharField(label=_("Internal note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("Only officers see notes."),
                           error_messages={"required": _("Write the note.")})


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Message to the applicant"), max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("The applicant sees this on the tracking page and gets it by e-mail."),
                           error_messages={"required": _("Write the message.")})


class RequestInformationForm(forms.Form):
    items = forms.CharField(
        label=_("What is missing"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("List every missing item or document at once, one per line: the law allows only one request. "
                    "The time limit pauses until the applicant answers."),
        error_messages={"required": _("List what is missing: the applicant will see it.")},
    )
    reply_by = BEDateField(label=_("Answer by (optional)"), required=False, widget=BEDateTextInput())


class DecisionForm(forms.Form):
    """One workflow action (accept, approve, reject, complete, cancel) with its note; a reason where required."""

    action = forms.CharField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note to the applicant"), required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, note_required: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.note_required = note_required
        if note_required:
            self.fields["note"].label = _("Reason (the applicant will see it)")

    def clean_note(self) -> str:
        note = (self.cleaned_data.get("note") or "").strip()
        if self.note_required and not note:
            raise forms.ValidationError(_("Give a reason: the applicant will see it."), code="required")
        return note


class BulkForm(forms.Form):
    """The inbox's bulk action: assign many cases, or take one workflow action on each."""

    ids = forms.TypedMultipleChoiceField(coerce=int, error_messages={
        "required": _("Tick at least one request."),
    })
    operation = forms.ChoiceField(label=_("With the ticked requests"), error_messages={
        "required": _("Choose what to do."),
    })
    assignee = forms.ChoiceField(label=_("Assign to"), required=False)
    note = forms.CharField(label=_("Note or reason"), required=False, max_length=5000)

    OPERATIONS = [
        ("assign", _("Assign to…")),
        ("accept", _("Accept for consideration")),
        ("approve", _("Approve")),
        ("reject", _("Reject (reason required)")),
        ("complete", _("Complete")),
        ("cancel", _("Cancel (reason required)")),
    ]

    def __init__(self, *args, organization: Organization, case_ids: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["operation"].choices = [("", _("Choose an action")), *self.OPERATIONS]
        self.fields["assignee"].choices = [("", "—"), *_assignee_choices(organization)]
        # Any integer is accepted here; the view narrows the ids to the officer's own cases.
        self.fields["ids"].choices = [(pk, pk) for pk in case_ids or []]
        self.fields["ids"].valid_value = lambda value: True

    def clean(self):
        data = super().clean()
        operation = data.get("operation")
        if operation == "assign" and not data.get("assignee"):
            self.add_error("assignee", _("Choose who gets the requests."))
        if operation in ("reject", "cancel") and not (data.get("note") or "").strip():
            self.add_error("note", _("Give a reason: the applicants will see it."))
        return data
