"""StreamField blocks editors use to build a service's form: steps, each with typed fields from the registry."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..constants import ApplicantRole, Requirement
from . import types as _builtin_types  # noqa: F401  (the blocks below are built at model import, before ready())
from .registry import FieldType, all_types

KEY_PATTERN = r"^[a-z][a-z0-9_]{0,49}$"


def _show_if_blocks() -> list[tuple[str, blocks.Block]]:
    return [
        ("show_if_field", blocks.CharBlock(
            label=_("Show only if the answer to (key)"), required=False, max_length=300,
            help_text=_("The text or key of a question on an EARLIER step. Leave empty to always show."))),
        ("show_if_value", blocks.CharBlock(
            label=_("…equals"), required=False, max_length=200,
            help_text=_("The option text (or 'true' for a ticked box) that makes this appear."))),
    ]


def field_block(field_type: FieldType) -> blocks.StructBlock:
    """The editor's block for one field type: common settings, the type's own options, then show-if."""
    children: list[tuple[str, blocks.Block]] = [
        ("key", blocks.RegexBlock(
            regex=KEY_PATTERN, label=_("Key"), max_length=50, required=False,
            error_messages={"invalid": _("Use lower-case English letters, digits and _ (start with a letter).")},
            help_text=_("Optional: leave empty and one is made when you save (q1, q2, …)."))),
        ("label", blocks.CharBlock(label=_("Question"), max_length=300)),
        ("help_text", blocks.TextBlock(label=_("Hint"), required=False)),
    ]
    if field_type.has_requirement:
        children.append(("requirement", blocks.ChoiceBlock(
            label=_("Answer"), choices=Requirement.choices, default=Requirement.REQUIRED)))
    children += field_type.option_blocks()
    children.append(("applicant_role", blocks.ChoiceBlock(
        label=_("This answer is the applicant's…"), choices=ApplicantRole.choices, required=False,
        help_text=_("Lets the system e-mail the applicant and find the case by phone or ID."))))
    children += _show_if_blocks()
    return blocks.StructBlock(children, label=field_type.label, icon=field_type.icon)


class FieldsBlock(blocks.StreamBlock):
    """The questions on one step, in order."""

    def __init__(self, local_blocks=None, **kwargs):
        local_blocks = [(t.name, field_block(t)) for t in all_types()] + list(local_blocks or [])
        super().__init__(local_blocks, **kwargs)


class StepBlock(blocks.StructBlock):
    """One page of the citizen's form."""

    title = blocks.CharBlock(label=_("Step title"), max_length=200)
    description = blocks.TextBlock(label=_("Introduction"), required=False)
    fields = FieldsBlock(label=_("Questions"))
    show_if_field = blocks.CharBlock(
        label=_("Show this step only if the answer to (key)"), required=False, max_length=300,
        help_text=_("The text or key of a question on an earlier step. Leave empty to always show."))
    show_if_value = blocks.CharBlock(label=_("…equals"), required=False, max_length=200)

    class Meta:
        icon = "form"
        label = _("Step")
