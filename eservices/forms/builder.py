"""Build the Django form for one step of a definition (server-side validation, Thai messages, values kept)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _

from ..constants import Requirement
from . import registry
from .definition import requirement, visible_fields

#: Field types whose "required" message already says what to do ("Choose an option", "Upload a file", …).
OWN_REQUIRED_MESSAGE = frozenset({"choice", "file", "declaration", "location"})


class StepForm(forms.Form):
    """A step's questions. `specs` maps each field name (the question key) to its definition."""

    specs: dict[str, dict[str, Any]]

    def answers(self) -> dict[str, Any]:
        """Cleaned answers as JSON (file questions excluded: see `uploads`)."""
        result = {}
        for key, spec in self.specs.items():
            field_type = registry.get(spec["type"])
            if not field_type.is_file:
                result[key] = field_type.to_answer(self.cleaned_data.get(key), spec)
        return result

    def own_data(self) -> dict[str, list[str]]:
        """The posted values of this step's own inputs (a group's widget reads several: address_line, …), as the
        wizard stores them to revalidate the step before filing; buttons, tokens and stray keys are left out."""
        names = [self.add_prefix(name) + suffix for name, field in self.fields.items()
                 for suffix in getattr(field.widget, "widgets_names", None) or [""]]
        return {name: self.data.getlist(name) for name in names if name in self.data}

    def uploads(self) -> dict[str, list]:
        return {key: self.cleaned_data.get(key) or [] for key, spec in self.specs.items()
                if registry.get(spec["type"]).is_file}


def build_step_form(step: dict[str, Any], definition: dict[str, Any], answers: dict[str, Any], *,
                    data: Any = None, files: Any = None, existing_files: dict[str, int] | None = None) -> StepForm:
    """The bound (or unbound, with the stored answers as initial values) form for `step`."""
    existing_files = existing_files or {}
    form_fields: dict[str, forms.Field] = {}
    specs: dict[str, dict[str, Any]] = {}
    initial: dict[str, Any] = {}
    for spec in visible_fields(step, answers, definition):
        field_type = registry.get(spec["type"])
        required = requirement(spec) == Requirement.REQUIRED
        if field_type.is_file:
            field = field_type.formfield(spec, required=required, existing=existing_files.get(spec["key"], 0))
        else:
            field = field_type.formfield(spec, required=required)
        if field_type.name not in OWN_REQUIRED_MESSAGE:
            field.error_messages["required"] = _("Answer the question “%(label)s”.") % {"label": spec.get("label", "")}
        field.label = spec.get("label", "")
        field.help_text = spec.get("help_text", "")
        field.soft_required = requirement(spec) == Requirement.SOFT
        field.is_group = field_type.is_group
        field.first_suffix = field_type.first_input_suffix(spec)
        field.field_type = field_type.name
        form_fields[spec["key"]] = field
        specs[spec["key"]] = spec
        if spec["key"] in answers and not field_type.is_file:
            initial[spec["key"]] = field_type.to_initial(answers[spec["key"]], spec)
    # Fields are added to the instance, not declared on a class, so a question key can never clobber a form attribute.
    form = StepForm(data=data, files=files, initial=initial)
    form.fields.update(form_fields)
    form.specs = specs
    return form
