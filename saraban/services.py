"""The one write path for correspondence: register, compose, issue, route, acknowledge, endorse, file, destroy.

Every function is keyword-only, runs inside `transaction.atomic()` and appends a `DocumentEvent`. Register numbers
come from `core.counters.next_number` in the same transaction as the row that uses them, so they are gap-free and
never collide, per LGO, per register, per Buddhist Era year.

The counter row stays locked from the moment a number is taken until the transaction commits, and every other
clerk of the LGO waits for it. So a number is taken as the LAST step of its transaction (files are stored and
enclosures copied before it), and the PDFs that print the number (receipt stamp, issued letter) are rendered
AFTER the commit, by `stamp_received` and `render_issued`. A failed render therefore neither loses nor reuses a
number: the number is committed with its document, which keeps its original file, and the stamped copy or letter
is made again when it is next opened (both functions are idempotent).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth import authenticate
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.counters import next_number
from core.files import check_upload, private_upload_path
from core.thai import BE_OFFSET, be_year
from organizations.calendar import add_working_days
from organizations.models import Department, Membership, Organization
from organizations.tenancy import user_departments

from . import permissions
from .constants import (
    LETTER_FORMAT_KIND,
    LETTER_FORMAT_REGISTER,
    TOP_SECRET,
    TOP_SECRET_REFUSAL,
    TRANSITIONS,
    URGENCY_WORKING_DAYS,
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
from .models import (
    Attachment,
    CommitteeMember,
    DestructionList,
    Document,
    DocumentEvent,
    Endorsement,
    Routing,
)
from .selectors import visible_documents

logger = logging.getLogger(__name__)

ATTACHMENT_TYPES = (
    "application/pdf", "image/jpeg", "image/png",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)
MAX_FILE_BYTES = 20 * 1024 * 1024


# --- Checks and numbers ------------------------------------------------------------------------------------------

def check_secrecy(secrecy: str) -> None:
    """Refuse ลับที่สุด (with the regulation's reason) and anything that is not a known classification."""
    if secrecy == TOP_SECRET:
        raise ValidationError({"secrecy": str(TOP_SECRET_REFUSAL)}, code="top_secret")
    if secrecy not in Secrecy.values:
        raise ValidationError({"secrecy": _("Choose a classification.")}, code="invalid")


def register_scope(organization: Organization, register: str, year: int) -> str:
    return f"saraban:{organization.pk}:{register}:{year}"


def allocate_number(*, organization: Organization, register: str, moment: dt.datetime | None = None
                    ) -> tuple[int, int]:
    """(BE year, next number) in one register; restarts at 1 each 1 January (Bangkok time). Caller holds atomic."""
    year = be_year(moment or timezone.now())
    return year, next_number(register_scope(organization, register, year))


def default_due_date(organization: Organization, urgency: str, start: dt.date | None = None) -> dt.date:
    """Same day for ด่วนที่สุด, then 1, 3 and 7 working days for ด่วนมาก, ด่วน and normal."""
    start = start or timezone.localdate()
    return add_working_days(organization, start, URGENCY_WORKING_DAYS.get(urgency, 7))


def _event(document: Document, kind: str, user, note: str = "", *, from_status: str = "", to_status: str = ""
           ) -> DocumentEvent:
    return DocumentEvent.objects.create(document=document, kind=kind, actor=user, note=note[:500],
                                        from_status=from_status, to_status=to_status, at=timezone.now())


def _set_status(document: Document, to_status: str, user, note: str = "") -> None:
    if to_status == document.status:
        return
    if to_status not in TRANSITIONS.get(document.status, frozenset()):
        raise ValidationError(
            _("A document that is “%(from)s” cannot become “%(to)s”."),
            params={"from": document.get_status_display(), "to": DocumentStatus(to_status).label},
            code="transition",
        )
    previous = document.status
    document.status = to_status
    document.save(update_fields=["status"])
    _event(document, EventKind.STATUS, user, note, from_status=previous, to_status=to_status)


def check_file(upload: UploadedFile, *, field: str, allowed_types: tuple[str, ...] = ATTACHMENT_TYPES):
    """Type (by content) and size check of an upload; the error names the form field, so it shows there."""
    try:
        return check_upload(upload, allowed_types=allowed_types, max_bytes=MAX_FILE_BYTES)
    except ValidationError as error:
        raise ValidationError({field: error.error_list}) from error


def _store_upload(upload: UploadedFile, *, prefix: str) -> tuple[ContentFile, str, str]:
    checked = check_file(upload, field="attachment")
    upload.seek(0)
    return ContentFile(upload.read()), private_upload_path(prefix, checked.extension), checked


def _save_attachments(document: Document, uploads: Iterable[UploadedFile], user) -> None:
    for upload in uploads:
        content, path, checked = _store_upload(upload, prefix=f"saraban/{document.organization_id}/attachments")
        attachment = Attachment(document=document, name=checked.original_name, mime_type=checked.mime_type,
                                size=checked.size, uploaded_by=user)
        attachment.file.save(path, content, save=False)
        attachment.save()


def check_retention(retention_class: str, retention_years: int | None) -> None:
    """A known retention class, and the number of years when another law sets them (forms call this too)."""
    if retention_class not in RetentionClass.values:
        raise ValidationError({"retention_class": _("Choose how long to keep the document.")})
    if retention_class == RetentionClass.OTHER_LAW and not retention_years:
        raise ValidationError({"retention_years": _("Enter how many years the other law requires.")})


def _check_references(organization: Organization, user, references: Iterable[Document]) -> list[Document]:
    """The documents referred to, all of this LGO and all visible to `user` (one cannot cite what one may not see)."""
    references = list(references)
    if not references:
        return references
    if any(ref.organization_id != organization.pk for ref in references):
        raise ValidationError(_("A document can only refer to documents of the same LGO."))
    visible = set(visible_documents(user, organization).filter(pk__in=[ref.pk for ref in references])
                  .values_list("pk", flat=True))
    hidden = [ref.register_label for ref in references if ref.pk not in visible]
    if hidden:
        message = _("These register numbers were not found: %(numbers)s. Write them like “รับ 12/2569”.")
        raise ValidationError({"references": message % {"numbers": ", ".join(hidden)}}, code="reference")
    return references


# --- Incoming ----------------------------------------------------------------------------------------------------

@dataclass
class IncomingData:
    """What the registering officer types from the letter in hand."""

    subject: str
    sender: str
    recipient: str = ""
    reference_number: str = ""
    dated: dt.date | None = None
    kind: str = DocumentKind.EXTERNAL
    urgency: str = Urgency.NORMAL
    secrecy: str = Secrecy.NORMAL
    action: str = ""
    remarks: str = ""
    retention_class: str = RetentionClass.TEN_YEARS
    retention_years: int | None = None
    references: list[Document] = field(default_factory=list)


def register_incoming(*, organization: Organization, user, data: IncomingData, pdf: UploadedFile | None = None,
                      attachments: Iterable[UploadedFile] = ()) -> Document:
    """Enter a received letter in the incoming register with the next number; stamp its PDF if one is given."""
    if not permissions.can_register(user, organization):
        raise PermissionDenied
    check_secrecy(data.secrecy)
    check_retention(data.retention_class, data.retention_years)
    references = _check_references(organization, user, data.references)
    pdf_content = None
    if pdf is not None:
        checked = check_file(pdf, field="pdf", allowed_types=("application/pdf",))
        pdf.seek(0)
        pdf_content = (pdf.read(), checked)
        _check_pdf_readable(pdf_content[0])  # before the register is locked and a number taken
    attachments = list(attachments)
    file_text = _file_text([pdf_content[0]] if pdf_content else [], attachments)
    with transaction.atomic():
        document = Document(
            organization=organization, register=Register.INCOMING, status=DocumentStatus.RECEIVED,
            subject=data.subject.strip(), sender=data.sender.strip(), recipient=data.recipient.strip(),
            reference_number=data.reference_number.strip(), dated=data.dated, kind=data.kind,
            urgency=data.urgency, secrecy=data.secrecy, action=data.action, remarks=data.remarks,
            retention_class=data.retention_class, retention_years=data.retention_years,
            created_by=user, file_text=file_text,
        )
        if pdf_content is not None:
            document.original_file.save(private_upload_path(f"saraban/{organization.pk}/incoming", "pdf"),
                                        ContentFile(pdf_content[0]), save=False)
        document.save()
        document.references.set(references)
        _save_attachments(document, attachments, user)
        _number_incoming(document, user)  # last: the register is locked from here until the commit
        _event(document, EventKind.CREATED, user, _("Registered as %(number)s") % {"number": document.register_label},
               to_status=document.status)
    stamp_received(document=document)
    return document


def _file_text(pdfs: list[bytes], uploads: Iterable) -> str | None:
    """The text layers of a received letter's PDF and PDF enclosures, for search (None when there is no PDF).
    Read before the transaction: a long PDF takes a while, and nothing is locked yet."""
    from .search import pdf_text

    contents = list(pdfs)
    for upload in uploads:
        upload.seek(0)
        if upload.read(5) == b"%PDF-":
            upload.seek(0)
            contents.append(upload.read())
        upload.seek(0)
    if not contents:
        return None
    return "\n".join(text for text in map(pdf_text, contents) if text)


def _number_incoming(document: Document, user) -> None:
    """Take the next incoming number and save it with the document (the caller's last step before its commit)."""
    now = timezone.now()
    document.year, document.number = allocate_number(organization=document.organization,
                                                     register=Register.INCOMING, moment=now)
    document.received_at = document.received_at or now
    document.registered_at = now
    document.registered_by = user
    document.save(update_fields=["year", "number", "received_at", "registered_at", "registered_by"])


def _unreadable_pdf() -> ValidationError:
    return ValidationError(
        {"pdf": ValidationError(_("The PDF is damaged or protected by a password and cannot be opened. "
                                  "Scan it again or save it as a new PDF."), code="pdf_unreadable")}
    )


def _check_pdf_readable(content: bytes) -> None:
    """Refuse a PDF the receipt stamp could not be put on, with a message the officer can act on."""
    from .stamping import UNREADABLE_PDF_ERRORS, check_readable

    try:
        check_readable(content)
    except UNREADABLE_PDF_ERRORS as error:
        raise _unreadable_pdf() from error


def stamp_received(*, document: Document) -> Document:
    """Keep a copy of a registered letter's PDF with the receipt stamp (เลขรับ, วันที่, เวลา, LGO) on page one.

    Runs after the number is committed, so the register is not locked while the stamp is rendered. Idempotent: it
    does nothing when the stamped copy exists (or there is nothing to stamp). A PDF that fails deep inside (the
    readability check before numbering passed) keeps its number and original; the failure is logged and the next
    request for the stamped copy tries again.
    """
    from .stamping import UNREADABLE_PDF_ERRORS, stamp_receipt

    if document.stamped_file or not document.original_file or document.number is None:
        return document
    try:
        with document.original_file.open("rb") as handle:
            stamped = stamp_receipt(handle.read(), organization_name=document.organization.name_th,
                                    number=document.number, year=document.year,
                                    received_at=document.registered_at)
    except (*UNREADABLE_PDF_ERRORS, OSError):
        logger.exception("Receipt stamp failed for saraban document %s (%s)", document.pk, document.register_label)
        return document
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if not locked.stamped_file:  # else another request stamped it meanwhile
            locked.stamped_file.save(private_upload_path(f"saraban/{document.organization_id}/incoming", "pdf"),
                                     ContentFile(stamped), save=False)
            locked.save(update_fields=["stamped_file"])
    document.stamped_file = locked.stamped_file
    return document


def receive_pending(*, document: Document, user, urgency: str | None = None, remarks: str = "") -> Document:
    """Register a letter another LGO on this platform sent us (รอลงรับ → ลงรับ), stamping its PDF."""
    if not permissions.can_register(user, document.organization):
        raise PermissionDenied
    if document.source_document_id and not document.original_file:  # the sender's letter was not rendered yet
        render_issued(document=document.source_document)
    with transaction.atomic():
        document = Document.objects.select_for_update().select_related("organization").get(pk=document.pk)
        if document.status != DocumentStatus.PENDING_RECEIPT:
            raise ValidationError(_("This letter has already been registered."), code="already_received")
        if urgency:
            document.urgency = urgency
        if remarks:
            document.remarks = remarks
        document.save(update_fields=["urgency", "remarks"])
        _number_incoming(document, user)  # last but the status: the register is locked until the commit
        _set_status(document, DocumentStatus.RECEIVED, user,
                    _("Registered as %(number)s") % {"number": document.register_label})
    stamp_received(document=document)
    return document


# --- Outgoing ----------------------------------------------------------------------------------------------------

@dataclass
class LetterData:
    """The compose form: everything printed on the letter except the number, date and signature."""

    letter_format: str
    subject: str
    recipient: str
    salutation: str = ""
    body: str = ""
    reference_text: str = ""
    enclosures_text: str = ""
    contact_text: str = ""
    closing: str = "ขอแสดงความนับถือ"
    urgency: str = Urgency.NORMAL
    secrecy: str = Secrecy.NORMAL
    department: Department | None = None
    target_organization: Organization | None = None
    retention_class: str = RetentionClass.TEN_YEARS
    retention_years: int | None = None
    references: list[Document] = field(default_factory=list)


#: The letter fields a draft takes from `LetterData` (compose pre-fills its form from the same list).
LETTER_FIELDS = ("letter_format", "subject", "recipient", "salutation", "body", "reference_text",
                  "enclosures_text", "contact_text", "closing", "urgency", "secrecy", "department",
                  "target_organization", "retention_class", "retention_years")


def _apply_letter(document: Document, data: LetterData, user) -> list[Document]:
    check_secrecy(data.secrecy)
    check_retention(data.retention_class, data.retention_years)
    if data.letter_format not in LetterFormat.values:
        raise ValidationError({"letter_format": _("Choose a layout.")})
    if data.department and data.department.organization_id != document.organization_id:
        raise ValidationError({"department": _("Choose a department of this LGO.")})
    if data.target_organization and data.target_organization.pk == document.organization_id:
        raise ValidationError({"target_organization": _("A letter cannot be sent to the LGO itself.")})
    for name in LETTER_FIELDS:
        setattr(document, name, getattr(data, name))
    document.register = LETTER_FORMAT_REGISTER[data.letter_format]
    document.kind = LETTER_FORMAT_KIND[data.letter_format]
    document.sender = document.organization.name_th
    return _check_references(document.organization, user, data.references)


def create_draft(*, organization: Organization, user, data: LetterData,
                 attachments: Iterable[UploadedFile] = ()) -> Document:
    """Save a letter being composed. It has no number and no date until it is issued."""
    if not permissions.can_use(user, organization):
        raise PermissionDenied
    if data.department is None:  # the composer's own department owns the letter, so its head can sign it
        data.department = next(iter(user_departments(user, organization)), None)
    with transaction.atomic():
        document = Document(organization=organization, status=DocumentStatus.DRAFT, created_by=user)
        references = _apply_letter(document, data, user)
        document.save()
        document.references.set(references)
        _save_attachments(document, attachments, user)
        _event(document, EventKind.CREATED, user, to_status=document.status)
    return document


def update_draft(*, document: Document, user, data: LetterData, attachments: Iterable[UploadedFile] = ()
                 ) -> Document:
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.status != DocumentStatus.DRAFT:
            raise ValidationError(_("An issued document cannot be changed."), code="issued")
        references = _apply_letter(document, data, user)
        document.save()
        document.references.set(references)
        _save_attachments(document, attachments, user)
    return document


def signer_position(user, organization: Organization) -> str:
    """The position printed under the typed signature: the signer's membership position in this LGO."""
    positions = Membership.objects.for_organization(organization).filter(user=user).exclude(position="")
    return positions.values_list("position", flat=True).first() or ""


def issue(*, document: Document, user, password: str, request=None) -> Document:
    """Sign by typed name after re-entering the password, allocate the number, then render and keep the PDF.

    The number is taken here and nowhere earlier, as the last step of the transaction that marks the letter
    issued (a letter to another LGO on this platform is placed in its incoming queue, enclosures copied, before
    that), and the letter is rendered after the commit (render_issued), so the register is not locked meanwhile.
    """
    organization = document.organization
    if not permissions.can_sign(user, organization):
        raise PermissionDenied(_("Only executives and department heads may sign."))
    if not password or authenticate(request, username=user.get_username(), password=password) != user:
        raise ValidationError({"password": _("The password is not correct.")}, code="reauth")
    with transaction.atomic():
        document = (Document.objects.select_for_update(of=("self",))
                    .select_related("organization", "target_organization").get(pk=document.pk))
        if document.status != DocumentStatus.DRAFT:
            raise ValidationError(_("This document has already been issued."), code="issued")
        check_secrecy(document.secrecy)
        delivered = _deliver(document, user) if document.target_organization_id else None
        now = timezone.now()
        document.year, document.number = allocate_number(organization=organization, register=document.register,
                                                         moment=now)
        if document.register == Register.OUTGOING:
            document.reference_number = f"{document.number_prefix}/{document.number}"
        else:
            document.reference_number = f"{document.number}/{document.year}"
        document.dated = timezone.localtime(now).date()
        document.signer = user
        document.signer_name = user.get_full_name() or user.get_username()
        document.signer_position = signer_position(user, organization)
        document.signed_at = now
        document.registered_at = now
        document.registered_by = user
        document.save()
        _set_status(document, DocumentStatus.ISSUED, user)
        _event(document, EventKind.ISSUED, user, document.reference_number)
        if delivered is not None:
            delivered.reference_number, delivered.dated = document.reference_number, document.dated
            delivered.save(update_fields=["reference_number", "dated"])
    return render_issued(document=document)


def render_issued(*, document: Document) -> Document:
    """Render an issued letter's PDF and give a copy to each LGO it was delivered to; after the number's commit.

    Idempotent: what exists is kept. If rendering fails the letter stays issued with its number (logged), and the
    next request for the letter, or the receiving LGO registering it, tries again.
    """
    from .letters import render_letter

    deliveries = list(document.deliveries.filter(original_file=""))
    if document.letter_file and not deliveries:
        return document
    try:
        if document.letter_file:
            with document.letter_file.open("rb") as handle:
                pdf = handle.read()
        else:
            pdf = render_letter(document)
    except Exception:  # any renderer failure: the number is committed and must stay; try again on next open
        logger.exception("Rendering issued saraban document %s (%s) failed", document.pk, document.reference_number)
        return document
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if not locked.letter_file:
            locked.letter_file.save(private_upload_path(f"saraban/{document.organization_id}/outgoing", "pdf"),
                                    ContentFile(pdf), save=False)
            locked.save(update_fields=["letter_file"])
        for delivered in Document.objects.select_for_update().filter(pk__in=[d.pk for d in deliveries],
                                                                       original_file=""):
            delivered.original_file.save(private_upload_path(f"saraban/{delivered.organization_id}/incoming", "pdf"),
                                         ContentFile(pdf), save=False)
            delivered.save(update_fields=["original_file"])
    document.letter_file = locked.letter_file
    return document


def _deliver(document: Document, user) -> Document:
    """Place an issued letter, with copies of its enclosures (สิ่งที่ส่งมาด้วย), in another hosted LGO's incoming
    queue; they number it when they register it. The letter PDF follows in render_issued."""
    target = document.target_organization
    delivered = Document.objects.create(
        organization=target, register=Register.INCOMING, status=DocumentStatus.PENDING_RECEIPT,
        kind=document.kind, urgency=document.urgency, secrecy=document.secrecy,
        sender=document.organization.name_th, recipient=document.recipient or target.name_th,
        subject=document.subject, body=document.body, source_document=document, received_at=timezone.now(),
        retention_class=document.retention_class, retention_years=document.retention_years,
    )
    enclosure_pdfs = []
    for attachment in document.attachments.all():
        extension = attachment.file.name.rsplit(".", 1)[-1] if "." in attachment.file.name else "bin"
        copy = Attachment(document=delivered, name=attachment.name, mime_type=attachment.mime_type,
                          size=attachment.size, uploaded_by=None)
        with attachment.file.open("rb") as handle:
            content = handle.read()
        copy.file.save(private_upload_path(f"saraban/{target.pk}/attachments", extension), ContentFile(content),
                       save=False)
        copy.save()
        if content.startswith(b"%PDF-"):
            enclosure_pdfs.append(content)
    if enclosure_pdfs:  # the letter's own text is its body; its enclosures are searchable by their text layer
        delivered.file_text = _file_text(enclosure_pdfs, [])
        delivered.save(update_fields=["file_text"])
    _event(delivered, EventKind.CREATED, None, _("Sent by %(org)s") % {"org": document.organization.name_th},
           to_status=delivered.status)
    _event(document, EventKind.SENT, user, target.name_th)
    return delivered


# --- Routing, acknowledgement, endorsement -----------------------------------------------------------------------

def route(*, document: Document, user, departments: Iterable[Department] = (), officers: Iterable = (),
          instruction: str = Instruction.FOR_ACTION, instruction_text: str = "", due_date: dt.date | None = None
          ) -> list[Routing]:
    """Send the document to departments and/or officers with an instruction and a due date (default by urgency)."""
    organization = document.organization
    if not permissions.can_route(user, organization):
        raise PermissionDenied
    departments, officers = list(departments), list(officers)
    if not departments and not officers:
        raise ValidationError(_("Choose at least one department or officer."), code="no_recipient")
    if instruction not in Instruction.values:
        raise ValidationError({"instruction": _("Choose an instruction.")})
    if instruction == Instruction.OTHER and not instruction_text.strip():
        raise ValidationError({"instruction_text": _("Write the instruction.")})
    if any(dept.organization_id != organization.pk for dept in departments):
        raise ValidationError(_("Choose departments of this LGO."))
    members = set(Membership.objects.for_organization(organization).values_list("user_id", flat=True))
    if any(officer.pk not in members for officer in officers):
        raise ValidationError(_("Choose officers of this LGO."))
    today = timezone.localdate()
    acknowledge_by = default_due_date(organization, document.urgency, today)
    due = due_date or acknowledge_by
    if due < today:
        raise ValidationError({"due_date": _("The due date cannot be in the past.")})
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        if document.status in (DocumentStatus.DRAFT, DocumentStatus.PENDING_RECEIPT, DocumentStatus.DESTROYED):
            raise ValidationError(_("Register or issue the document before routing it."), code="not_registered")
        now = timezone.now()
        routings = [
            Routing(document=document, to_department=dept, instruction=instruction,
                    instruction_text=instruction_text.strip(), due_date=due, acknowledge_by=acknowledge_by,
                    sent_by=user, sent_at=now)
            for dept in departments
        ] + [
            Routing(document=document, to_user=officer, instruction=instruction,
                    instruction_text=instruction_text.strip(), due_date=due, acknowledge_by=acknowledge_by,
                    sent_by=user, sent_at=now)
            for officer in officers
        ]
        for routing in routings:
            routing.save()
        _set_status(document, DocumentStatus.ROUTED, user)
        _event(document, EventKind.ROUTED, user, ", ".join(r.recipient_label for r in routings))
    return routings


def is_recipient(routing: Routing, user, organization: Organization | None = None) -> bool:
    """The named officer, or any member of the routed department (`organization` is the document's LGO; pass it
    when known, the user's departments there are remembered for the request)."""
    if routing.to_user_id:
        return routing.to_user_id == user.pk
    organization = organization or routing.document.organization
    return any(department.pk == routing.to_department_id for department in user_departments(user, organization))


def acknowledge(*, routing: Routing, user) -> Routing:
    """Record who read a routed document and when (the first reader of a department's copy). Idempotent."""
    if not is_recipient(routing, user):
        raise PermissionDenied
    with transaction.atomic():
        routing = Routing.objects.select_for_update().get(pk=routing.pk)
        if routing.acknowledged_at is not None:
            return routing
        routing.status = RoutingStatus.ACKNOWLEDGED
        routing.acknowledged_by, routing.acknowledged_at = user, timezone.now()
        routing.save(update_fields=["status", "acknowledged_by", "acknowledged_at"])
        _event(routing.document, EventKind.ACKNOWLEDGED, user, routing.recipient_label)
    return routing


def complete_routing(*, routing: Routing, user, action: str = "") -> Routing:
    """The recipient reports the instruction carried out; the document is done when every routing is."""
    if not is_recipient(routing, user):
        raise PermissionDenied
    with transaction.atomic():
        routing = Routing.objects.select_for_update().get(pk=routing.pk)
        now = timezone.now()
        if routing.acknowledged_at is None:
            routing.acknowledged_by, routing.acknowledged_at = user, now
        routing.status, routing.done_at = RoutingStatus.DONE, routing.done_at or now
        routing.save(update_fields=["status", "acknowledged_by", "acknowledged_at", "done_at"])
        document = Document.objects.select_for_update().get(pk=routing.document_id)
        if action:
            document.action = action[:500]
            document.save(update_fields=["action"])
        if not document.routings.exclude(status=RoutingStatus.DONE).exists():
            _set_status(document, DocumentStatus.DONE, user)
    return routing


def endorse(*, document: Document, user, kind: str, text: str, routing: Routing | None = None) -> Endorsement:
    """Append a เกษียน (opinion) or สั่งการ (order) to the document's chain, signed with name and position."""
    organization = document.organization
    if not permissions.can_endorse(user, organization):
        raise PermissionDenied
    if kind not in EndorsementKind.values:
        raise ValidationError({"kind": _("Choose opinion or order.")})
    if not text.strip():
        raise ValidationError({"text": _("Write the endorsement.")})
    if routing is not None and routing.document_id != document.pk:
        raise ValidationError(_("That routing belongs to another document."))
    with transaction.atomic():
        endorsement = Endorsement.objects.create(
            document=document, routing=routing, kind=kind, text=text.strip(), author=user,
            author_name=user.get_full_name() or user.get_username(),
            author_position=signer_position(user, organization), at=timezone.now(),
        )
        if kind == EndorsementKind.ORDER and text.strip():
            Document.objects.filter(pk=document.pk).update(action=text.strip()[:500])
        _event(document, EventKind.ENDORSED, user, text.strip()[:200])
    return endorsement


def change_status(*, document: Document, user, to_status: str, note: str = "") -> Document:
    """Mark done or file a document (the other statuses have their own service functions)."""
    if to_status not in (DocumentStatus.DONE, DocumentStatus.FILED):
        raise ValidationError(_("Use the register, issue or destruction steps for that status."))
    if not permissions.can_route(user, document.organization) and document.created_by_id != user.pk:
        raise PermissionDenied
    with transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        _set_status(document, to_status, user, note)
    return document


# --- Retention ---------------------------------------------------------------------------------------------------

def prepare_destruction_list(*, organization: Organization, user, be_year: int) -> DestructionList:
    """After the end of `be_year`, list every document whose retention has run out (บัญชีหนังสือขอทำลาย)."""
    from .selectors import past_retention

    if not permissions.can_manage_retention(user, organization):
        raise PermissionDenied
    if timezone.localdate().year + BE_OFFSET <= be_year:
        raise ValidationError(_("A destruction list can only be made after the year has ended."), code="too_early")
    with transaction.atomic():
        ids = list(past_retention(organization, be_year=be_year).values_list("pk", flat=True))
        existing = DestructionList.objects.select_for_update().for_organization(organization).filter(
            year=be_year).first()
        if existing is not None and (existing.status != DestructionStatus.DRAFT or not ids):
            raise ValidationError({"year": _("There is already a destruction list for %(year)s.") % {"year": be_year}})
        if not ids:  # an empty list would only block the year for documents whose time comes later
            raise ValidationError({"year": ValidationError(
                _("No documents kept by %(name)s are past their retention at the end of %(year)s.")
                % {"name": organization.name_th, "year": be_year}, code="nothing_to_destroy")})
        # A list still awaiting its committee takes in what has expired since (an empty one, as lists made
        # before this rule could be, no longer blocks its year).
        destruction_list = existing or DestructionList.objects.create(organization=organization, year=be_year,
                                                                      created_by=user)
        Document.objects.filter(pk__in=ids).update(destruction_list=destruction_list)
    return destruction_list


@dataclass(frozen=True)
class Member:
    name: str
    position: str
    role: str


def approve_destruction_list(*, destruction_list: DestructionList, user, committee: list[Member], note: str = "",
                             keep: Iterable[int] = ()) -> DestructionList:
    """Record the committee (a chair and at least two members) and its approval; documents it keeps leave the list."""
    if not permissions.can_manage_retention(user, destruction_list.organization):
        raise PermissionDenied
    committee = [m for m in committee if m.name.strip()]
    if len(committee) < 3 or sum(1 for m in committee if m.role == "chair") != 1:
        raise ValidationError(_("The committee needs one chair and at least two members."), code="committee")
    with transaction.atomic():
        destruction_list = DestructionList.objects.select_for_update().get(pk=destruction_list.pk)
        if destruction_list.status != DestructionStatus.DRAFT:
            raise ValidationError(_("This list has already been approved."))
        destruction_list.committee.all().delete()
        CommitteeMember.objects.bulk_create(
            CommitteeMember(destruction_list=destruction_list, name=m.name.strip(), position=m.position.strip(),
                            role=m.role) for m in committee
        )
        destruction_list.documents.filter(pk__in=list(keep)).update(destruction_list=None)
        destruction_list.status = DestructionStatus.APPROVED
        destruction_list.approved_by, destruction_list.approved_at = user, timezone.now()
        destruction_list.approval_note = note
        destruction_list.save()
    return destruction_list


def destroy(*, destruction_list: DestructionList, user) -> DestructionList:
    """Delete the files of every approved document; the rows stay as the record of what was destroyed."""
    if not permissions.can_manage_retention(user, destruction_list.organization):
        raise PermissionDenied
    files: list = []
    with transaction.atomic():
        destruction_list = DestructionList.objects.select_for_update().get(pk=destruction_list.pk)
        if destruction_list.status != DestructionStatus.APPROVED:
            raise ValidationError(_("The committee must approve the list first."), code="not_approved")
        now = timezone.now()
        for document in destruction_list.documents.select_for_update().prefetch_related("attachments"):
            for name in ("original_file", "stamped_file", "letter_file"):
                stored = getattr(document, name)
                if stored:
                    files.append((stored.storage, stored.name))
                    setattr(document, name, "")
            for attachment in document.attachments.all():
                files.append((attachment.file.storage, attachment.file.name))
            document.attachments.all().delete()
            document.body = ""
            document.destroyed_at = now
            document.status = DocumentStatus.DESTROYED
            document.save()
            _event(document, EventKind.DESTROYED, user, str(destruction_list))
        destruction_list.status = DestructionStatus.DESTROYED
        destruction_list.destroyed_by, destruction_list.destroyed_at = user, now
        destruction_list.save()
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    return destruction_list
