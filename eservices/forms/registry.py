"""The field-type registry: one `FieldType` per kind of question an editor can put on a form.

Adding a field type means subclassing `FieldType` in `types.py` (or a plug-in module) and calling `register()`
(a `core.registry.Registry`);
the editor's StreamField, the Django form builder and the answer display all pick it up from here.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from django import forms
from wagtail import blocks

from core.registry import Registry


class FieldType:
    """How one kind of question is edited (block options), asked (Django form field), stored and shown."""

    name: str = ""
    label: Any = ""
    icon: str = "form"
    #: True for file uploads: the runner stores files itself instead of putting them in the answers JSON.
    is_file: bool = False
    #: True when the question is a group of inputs (rendered in a fieldset with a legend).
    is_group: bool = False
    #: Whether the editor chooses required/optional/soft-required (a declaration must always be ticked).
    has_requirement: bool = True

    def first_input_suffix(self, spec: dict[str, Any]) -> str:
        """What Django appends to the field's id for its first input (the error summary links there)."""
        return ""

    def option_blocks(self) -> list[tuple[str, blocks.Block]]:
        """Type-specific options shown to the editor, besides key, label, help text, requirement and show-if."""
        return []

    def formfield(self, spec: dict[str, Any], *, required: bool) -> forms.Field:
        raise NotImplementedError

    def to_answer(self, value: Any, spec: dict[str, Any]) -> Any:
        """Turn the cleaned form value into JSON for `Submission.answers`."""
        return value

    def to_initial(self, answer: Any, spec: dict[str, Any]) -> Any:
        """Turn a stored answer back into the form's initial value (for going back to a step)."""
        return answer

    def display(self, answer: Any, spec: dict[str, Any]) -> str:
        """The answer as a person reads it (check-your-answers, receipt PDF, case page)."""
        if answer in (None, "", [], {}):
            return ""
        return str(answer)

    def is_empty(self, answer: Any) -> bool:
        if isinstance(answer, dict):
            return not any(str(v).strip() for v in answer.values())
        return answer in (None, "", [], False)

    def matches(self, answer: Any, value: str) -> bool:
        """For show-if conditions: does this answer equal `value`? (A list matches when it contains it.)"""
        if isinstance(answer, list):
            return value in answer
        if isinstance(answer, bool):
            return value.lower() in {"true", "yes", "1", "ใช่"} if answer else False
        return str(answer if answer is not None else "") == value


#: Built-ins (`types.py`) are loaded by `EservicesConfig.ready()` and by `blocks.py`, whose editor blocks are built
#: when the models are imported, before ready().
field_types: Registry[FieldType] = Registry("form field type", key=attrgetter("name"))


def register(field_type: FieldType) -> FieldType:
    return field_types.register(field_type)


def get(name: str) -> FieldType:
    return field_types.get(name)


def all_types() -> list[FieldType]:
    return list(field_types)
