"""StreamField blocks of the citizen manual (คู่มือสำหรับประชาชน): process steps and required documents."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .constants import DocumentCopyKind


class ProcessStepBlock(blocks.StructBlock):
    """One step of the service process as the citizen manual lists it."""

    description = blocks.TextBlock(label=_("What happens"))
    duration = blocks.CharBlock(label=_("Time taken"), max_length=100, help_text=_("e.g. 1 working day, 15 minutes"))
    responsible_unit = blocks.CharBlock(label=_("Responsible unit"), max_length=200)

    class Meta:
        icon = "list-ol"
        label = _("Process step")


class RequiredDocumentBlock(blocks.StructBlock):
    """A document the applicant must bring or upload."""

    name = blocks.CharBlock(label=_("Document"), max_length=300)
    issued_by = blocks.CharBlock(label=_("Issued by"), max_length=200, required=False)
    copy_kind = blocks.ChoiceBlock(label=_("Original or copy"), choices=DocumentCopyKind.choices,
                                   default=DocumentCopyKind.COPY)
    count = blocks.IntegerBlock(label=_("Number of sets"), default=1, min_value=1, max_value=20)
    note = blocks.CharBlock(label=_("Note"), max_length=300, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Required document")
