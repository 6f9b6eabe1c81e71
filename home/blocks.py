"""StreamField blocks shared by every content page type (one place, as in bakerydemo).

Images are only ever inserted through `ImageBlock`, which demands alternative text, so that an editor cannot publish
an image a screen-reader user cannot perceive (rich text deliberately has no "image" feature).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr", "blockquote"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; h2 by default because the page title is the only h1."""

    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("h2", _("Heading 2")), ("h3", _("Heading 3")), ("h4", _("Heading 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "home/blocks/heading.html"


class ImageWithAltBlock(blocks.StructBlock):
    """An image with required alternative text and an optional visible caption."""

    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"), max_length=250,
        help_text=_("Describe what the image shows for people who cannot see it, e.g. 'Mayor opening the new market'."),
    )
    caption = blocks.CharBlock(label=pgettext_lazy("image", "Caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "home/blocks/image.html"


class LinkBlock(blocks.StructBlock):
    """A link to a page of this site or to another website (exactly one of the two)."""

    title = blocks.CharBlock(label=_("Link text"), max_length=120)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Other address"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")
        template = "home/blocks/link.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page or enter an address (one of the two).")
            raise blocks.StructBlockValidationError(
                block_errors={"page": ErrorList([ValidationError(message)])}
            )
        return value


class ServiceLinkBlock(LinkBlock):
    """A highlighted service on the home page: a link with one line that says what the citizen can do."""

    description = blocks.CharBlock(label=_("Short description"), max_length=200, required=False)

    class Meta:
        icon = "pick"
        label = _("Service")


class DocumentItemBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(
        label=_("Title shown"), max_length=250, required=False, help_text=_("Leave empty to use the document's title.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Document")


class DocumentListBlock(blocks.StructBlock):
    """A list of downloadable files (orders, announcements, plans), each with its type and size."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200, required=False)
    documents = blocks.ListBlock(DocumentItemBlock(), label=_("Documents"))

    class Meta:
        icon = "doc-full-inverse"
        label = _("Document list")
        template = "home/blocks/document_list.html"


class TableBlock(TypedTableBlock):
    """A data table with a caption (screen readers announce it) and typed columns."""

    def __init__(self, **kwargs):
        super().__init__(
            [
                ("text", blocks.CharBlock(label=_("Text"))),
                ("number", blocks.DecimalBlock(label=pgettext_lazy("numeric value", "Number"))),
                ("rich_text", blocks.RichTextBlock(label=_("Rich text"), features=["bold", "italic", "link"])),
                ("page", blocks.PageChooserBlock(label=_("Page"))),
            ],
            **kwargs,
        )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "home/blocks/table.html"


class CallToActionBlock(blocks.StructBlock):
    """A highlighted box that sends the reader to the next step (an e-service, a form, a document)."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link = LinkBlock(label=_("Button"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "home/blocks/call_to_action.html"


class CaptionedEmbedBlock(blocks.StructBlock):
    """A video or map from YouTube, Facebook, Google Maps…, with a title that names the frame for screen readers."""

    embed = EmbedBlock(label=_("Address of the video or map"))
    title = blocks.CharBlock(label=_("Title"), max_length=200, help_text=_("Read out by screen readers."))

    class Meta:
        icon = "media"
        label = _("Embed")
        template = "home/blocks/embed.html"


class BodyBlock(blocks.StreamBlock):
    """The body of standard pages, news and transparency items."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Paragraph"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = ImageWithAltBlock()
    documents = DocumentListBlock()
    table = TableBlock()
    call_to_action = CallToActionBlock()
    embed = CaptionedEmbedBlock()

    class Meta:
        label = _("Body")
