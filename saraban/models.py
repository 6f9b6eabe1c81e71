"""Correspondence: documents, their registers, routing, endorsements, attachments and retention.

A `Document` is one row per register entry: an incoming letter registered here, or an outgoing letter, order or
announcement composed here. A letter sent to another LGO on this deployment becomes a second Document in that LGO's
incoming queue (`source_document` points back), so both sides keep their own numbers.
"""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.appendonly import AppendOnlyModel
from core.files import private_storage
from core.tenants import TenantQuerySet
from organizations.models import OrganizationOwned

from .constants import (
    CommitteeRole,
    DestructionStatus,
    DocumentKind,
    DocumentStatus,
    EndorsementKind,
    EventKind,
    Instruction,
    LetterFormat,
    Register,
    RetentionClass,
    RoutingStatus,
    Secrecy,
    Urgency,
)

REGISTER_WORDS = {Register.INCOMING: "รับ", Register.OUTGOING: "ส่ง", Register.ORDER: "คำสั่ง",
                  Register.ANNOUNCEMENT: "ประกาศ"}


def search_form(text: str) -> str:
    """The form text is stored and searched in: NFKC (so "ำ" typed or copied from a PDF as "ํา" match) and casefolded,
    so English words match in any case without UPPER() at query time."""
    return unicodedata.normalize("NFKC", text or "").casefold()


# "document" is Wagtail's word for a file (เอกสาร); here it is an official letter (หนังสือ).
DOCUMENT_LABEL = pgettext_lazy("correspondence", "document")

class DocumentQuerySet(TenantQuerySet):
    """One LGO's registers (`for_organization`, `for_request`)."""


class Document(OrganizationOwned):
    """One official document in one LGO's registers (ระเบียบงานสารบรรณ ข้อ 9–35)."""

    organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="saraban_documents",
    )
    register = models.CharField(_("register"), max_length=20, choices=Register.choices)
    year = models.PositiveSmallIntegerField(
        _("year (BE)"), null=True, blank=True, help_text=_("The Buddhist Era year the register number belongs to.")
    )
    number = models.PositiveIntegerField(
        _("register number"), null=True, blank=True,
        help_text=_("Allocated when the document is registered or issued, never before."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.EXTERNAL)
    urgency = models.CharField(_("urgency"), max_length=20, choices=Urgency.choices, default=Urgency.NORMAL)
    secrecy = models.CharField(_("classification"), max_length=20, choices=Secrecy.choices, default=Secrecy.NORMAL)
    status = models.CharField(_("status"), max_length=20, choices=DocumentStatus.choices)
    reference_number = models.CharField(
        _("document number (ที่)"), max_length=100, blank=True,
        help_text=_("For incoming documents the sender's number; for outgoing ones ours, given at issue."),
    )
    dated = models.DateField(_("dated"), null=True, blank=True)
    sender = models.CharField(_("from"), max_length=300, blank=True)
    recipient = models.CharField(pgettext_lazy("recipient", "to"), max_length=300, blank=True)
    subject = models.CharField(_("subject"), max_length=500)
    body = models.TextField(_("text"), blank=True, help_text=_("The letter's text; searchable."))
    search_text = models.TextField(
        _("search text"), blank=True, editable=False,
        help_text=_("Subject and text in search form (see search_form); trigram-indexed on PostgreSQL."),
    )
    file_text = models.TextField(
        _("text of the received PDF"), null=True, blank=True, editable=False,
        help_text=_("The received PDF's text layer, searched with the subject; empty for a scanned image without "
                    "one, null when no PDF was read."),
    )
    search_words = models.TextField(
        _("search words"), blank=True, editable=False,
        help_text=_("The search text as whole Thai words (\" word word \"), to rank whole-word matches first."),
    )
    action = models.CharField(_("action taken"), max_length=500, blank=True)
    remarks = models.CharField(_("remarks"), max_length=500, blank=True)
    department = models.ForeignKey(
        "organizations.Department", verbose_name=_("owning department"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="saraban_documents",
        help_text=_("The department that drafted an outgoing document (ส่วนราชการเจ้าของเรื่อง)."),
    )
    references = models.ManyToManyField(
        "self", verbose_name=_("refers to"), blank=True, symmetrical=False, related_name="referenced_by",
        help_text=_("Earlier documents of this LGO this one refers to (อ้างถึง)."),
    )
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    registered_at = models.DateTimeField(_("registered at"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registered by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Files (private storage, served only through permission-checking views).
    original_file = models.FileField(_("original file"), storage=private_storage, blank=True, max_length=255)
    stamped_file = models.FileField(
        _("file with receipt stamp"), storage=private_storage, blank=True, max_length=255
    )
    letter_file = models.FileField(_("issued letter (PDF)"), storage=private_storage, blank=True, max_length=255)
    # Outgoing letters: what is printed.
    letter_format = models.CharField(_("layout"), max_length=20, choices=LetterFormat.choices, blank=True)
    salutation = models.CharField(_("salutation (เรียน)"), max_length=300, blank=True)
    reference_text = models.TextField(_("reference (อ้างถึง)"), blank=True)
    enclosures_text = models.TextField(_("enclosures (สิ่งที่ส่งมาด้วย)"), blank=True)
    closing = models.CharField(_("closing"), max_length=100, blank=True, default="ขอแสดงความนับถือ")
    contact_text = models.TextField(
        _("contact unit"), blank=True, help_text=_("Owning unit, phone and e-mail printed at the bottom left.")
    )
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signer"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    signer_name = models.CharField(_("signer's typed name"), max_length=200, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=300, blank=True)
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    # Between LGOs on this deployment.
    target_organization = models.ForeignKey(
        "organizations.Organization", verbose_name=_("send to LGO on this platform"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("When set, issuing the letter places it in that LGO's incoming queue."),
    )
    source_document = models.ForeignKey(
        "self", verbose_name=_("sent from"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="deliveries",
    )
    # Retention.
    retention_class = models.CharField(
        _("retention"), max_length=20, choices=RetentionClass.choices, default=RetentionClass.TEN_YEARS
    )
    retention_years = models.PositiveSmallIntegerField(
        _("years required by the other law"), null=True, blank=True,
    )
    destruction_list = models.ForeignKey(
        "DestructionList", verbose_name=_("destruction list"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="documents",
    )
    destroyed_at = models.DateTimeField(_("destroyed at"), null=True, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = pgettext_lazy("correspondence", "document")
        verbose_name_plural = pgettext_lazy("correspondence", "documents")
        ordering = ["-year", "-number", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "register", "year", "number"], name="saraban_unique_register_number",
                condition=models.Q(number__isnull=False),
            ),
        ]
        indexes = [
            models.Index(fields=["organization", "register", "year", "number"], name="saraban_register_idx"),
            models.Index(fields=["organization", "dated"], name="saraban_dated_idx"),
            models.Index(fields=["organization", "status"], name="saraban_status_idx"),
            models.Index(fields=["organization", "reference_number"], name="saraban_refno_idx"),
            models.Index(fields=["organization", "number", "year"], name="saraban_number_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.register_label} {self.subject}"

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"subject", "body", "file_text"} & set(update_fields):
            from .search import word_string

            text = search_form(f"{self.subject}\n{self.body}\n{self.file_text or ''}".strip())
            if text != self.search_text or not self.search_words:  # segmenting is the costly part
                self.search_text, self.search_words = text, word_string(text)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_text", "search_words"}
        super().save(*args, **kwargs)

    @property
    def register_word(self) -> str:
        """The register in one word, as in "รับ 12/2569": รับ, ส่ง, คำสั่ง, ประกาศ."""
        return REGISTER_WORDS.get(self.register, "")

    @property
    def scanned_without_text(self) -> bool:
        """A received PDF that is only pictures of pages: search knows it by its typed details alone."""
        return bool(self.original_file) and self.file_text == ""

    @property
    def register_label(self) -> str:
        """เลขทะเบียน as printed in registers: "12/2569", or "–" before registration."""
        return f"{self.number}/{self.year}" if self.number else "–"

    @property
    def number_prefix(self) -> str:
        """What stands before the number in ที่: the LGO's document prefix ("ชร 52301"), else its code."""
        return self.organization.document_prefix or self.organization.code

    @property
    def is_secret(self) -> bool:
        return self.secrecy != Secrecy.NORMAL

    @property
    def is_draft(self) -> bool:
        return self.status == DocumentStatus.DRAFT

    @property
    def best_file(self):
        """The file to open first: the stamped copy, else the issued letter, else the original."""
        return self.stamped_file or self.letter_file or self.original_file


class Attachment(models.Model):
    """An enclosure (สิ่งที่ส่งมาด้วย) or other file kept with a document, in private storage."""

    document = models.ForeignKey(Document, verbose_name=DOCUMENT_LABEL, on_delete=models.CASCADE,
                                 related_name="attachments")
    file = models.FileField(_("file"), storage=private_storage, max_length=255)
    name = models.CharField(_("name"), max_length=200)
    mime_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class Routing(models.Model):
    """One sending of a document to a department or an officer, with an instruction and a due date."""

    document = models.ForeignKey(Document, verbose_name=DOCUMENT_LABEL, on_delete=models.CASCADE,
                                 related_name="routings")
    to_department = models.ForeignKey(
        "organizations.Department", verbose_name=_("to department"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="saraban_routings",
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("to officer"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="saraban_routings",
    )
    instruction = models.CharField(_("instruction"), max_length=20, choices=Instruction.choices)
    instruction_text = models.CharField(_("instruction (free text)"), max_length=500, blank=True)
    due_date = models.DateField(pgettext_lazy("due date", "due"))
    acknowledge_by = models.DateField(
        _("to be read by"), help_text=_("After this day an unread routing shows as stalled (limit by urgency)."),
    )
    status = models.CharField(_("status"), max_length=20, choices=RoutingStatus.choices,
                              default=RoutingStatus.PENDING)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True,
                                on_delete=models.SET_NULL, related_name="+")
    sent_at = models.DateTimeField(_("sent at"))
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("read by"), null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")
    acknowledged_at = models.DateTimeField(_("read at"), null=True, blank=True)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("routing")
        verbose_name_plural = _("routings")
        ordering = ["sent_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(to_department__isnull=False) | models.Q(to_user__isnull=False),
                name="saraban_routing_has_recipient",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="saraban_routing_status_idx")]

    def __str__(self) -> str:
        return f"{self.document_id} → {self.recipient_label}"

    @property
    def recipient_label(self) -> str:
        if self.to_user_id:
            return self.to_user.get_full_name() or self.to_user.get_username()
        return str(self.to_department)

    @property
    def instruction_label(self) -> str:
        if self.instruction == Instruction.OTHER:
            return self.instruction_text
        label = str(self.get_instruction_display())
        return f"{label} {self.instruction_text}".strip()


class Endorsement(AppendOnlyModel):
    """A เกษียน or สั่งการ written on a document by an executive or head, in order; the chain is append-only."""

    document = models.ForeignKey(Document, verbose_name=DOCUMENT_LABEL, on_delete=models.CASCADE,
                                 related_name="endorsements")
    routing = models.ForeignKey(Routing, verbose_name=_("in reply to"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="endorsements")
    kind = models.CharField(_("kind"), max_length=20, choices=EndorsementKind.choices)
    text = models.TextField(_("text"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True,
                               on_delete=models.SET_NULL, related_name="+")
    author_name = models.CharField(_("name"), max_length=200)
    author_position = models.CharField(_("position"), max_length=300, blank=True)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:50]}"


class DocumentEvent(AppendOnlyModel):
    """Append-only history of a document: created, routed, read, endorsed, status changes."""

    document = models.ForeignKey(Document, verbose_name=DOCUMENT_LABEL, on_delete=models.CASCADE,
                                 related_name="events")
    kind = models.CharField(_("event"), max_length=20, choices=EventKind.choices)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True,
                              on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("document event")
        verbose_name_plural = _("document events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"

    @property
    def status_change(self) -> str:
        """For a status change, from what to what, in the reader's language ("ลงรับแล้ว → ระหว่างดำเนินการ")."""
        if self.kind != EventKind.STATUS or not self.to_status:
            return ""
        labels = dict(DocumentStatus.choices)
        return f"{labels.get(self.from_status, self.from_status or '–')} → {labels.get(self.to_status, self.to_status)}"


class DestructionListQuerySet(TenantQuerySet):
    """One LGO's destruction lists."""


class DestructionList(OrganizationOwned):
    """บัญชีหนังสือขอทำลาย: documents past retention at a year's end, for a committee to approve (ข้อ 66–70)."""

    organization = models.ForeignKey("organizations.Organization", verbose_name=_("organization"),
                                     on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year (BE)"), help_text=_("The year whose end the list was made at."))
    status = models.CharField(_("status"), max_length=20, choices=DestructionStatus.choices,
                              default=DestructionStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("prepared by"), null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("prepared"), auto_now_add=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("approval recorded by"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_at = models.DateTimeField(pgettext_lazy("correspondence", "approved at"), null=True, blank=True)
    approval_note = models.TextField(_("committee decision"), blank=True)
    destroyed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("destroyed by"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    destroyed_at = models.DateTimeField(_("destroyed at"), null=True, blank=True)

    objects = DestructionListQuerySet.as_manager()

    class Meta:
        verbose_name = _("destruction list")
        verbose_name_plural = _("destruction lists")
        ordering = ["-year", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["organization", "year"], name="saraban_destruction_year")]

    def __str__(self) -> str:
        return f"บัญชีหนังสือขอทำลาย {self.year}"


class CommitteeMember(models.Model):
    """A member of the destruction committee (คณะกรรมการทำลายหนังสือ) who approved the list."""

    destruction_list = models.ForeignKey(DestructionList, verbose_name=_("destruction list"),
                                         on_delete=models.CASCADE, related_name="committee")
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=300)
    role = models.CharField(_("role"), max_length=20, choices=CommitteeRole.choices, default=CommitteeRole.MEMBER)

    class Meta:
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["role", "pk"]

    def __str__(self) -> str:
        return self.name
