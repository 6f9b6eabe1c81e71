"""Choices of the correspondence regulation (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ พ.ศ. 2526 และที่แก้ไขเพิ่มเติม)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentKind(models.TextChoices):
    """The six kinds of official document (ข้อ 9)."""

    EXTERNAL = "external", _("External letter (หนังสือภายนอก)")
    INTERNAL = "internal", _("Internal memo (หนังสือภายใน)")
    STAMPED = "stamped", _("Stamped letter (หนังสือประทับตรา)")
    DIRECTIVE = "directive", _("Directive (หนังสือสั่งการ)")
    PUBLIC_RELATIONS = "public_relations", _("Public-relations document (หนังสือประชาสัมพันธ์)")
    EVIDENCE = "evidence", _("Document made or received as evidence (หนังสือที่เจ้าหน้าที่ทำขึ้นหรือรับไว้เป็นหลักฐาน)")


class Urgency(models.TextChoices):
    MOST_URGENT = "most_urgent", _("Most urgent (ด่วนที่สุด)")
    VERY_URGENT = "very_urgent", _("Very urgent (ด่วนมาก)")
    URGENT = "urgent", _("Urgent (ด่วน)")
    NORMAL = "normal", _("Normal")


# Working days a routed document may wait before it counts as stalled and before its default due date: same day,
# one, three and seven working days.
URGENCY_WORKING_DAYS: dict[str, int] = {
    Urgency.MOST_URGENT: 0,
    Urgency.VERY_URGENT: 1,
    Urgency.URGENT: 3,
    Urgency.NORMAL: 7,
}

# The words printed or stamped on the document itself (ชั้นความเร็ว), empty for normal.
URGENCY_MARK: dict[str, str] = {
    Urgency.MOST_URGENT: "ด่วนที่สุด",
    Urgency.VERY_URGENT: "ด่วนมาก",
    Urgency.URGENT: "ด่วน",
    Urgency.NORMAL: "",
}


class Secrecy(models.TextChoices):
    """Classification (ชั้นความลับ). Top secret (ลับที่สุด) is deliberately absent: it may not be kept in this system."""

    NORMAL = "normal", _("Not classified")
    CONFIDENTIAL = "confidential", _("Confidential (ลับ)")
    SECRET = "secret", _("Secret (ลับมาก)")


#: The value a form may submit for ลับที่สุด; every write path refuses it with :data:`TOP_SECRET_REFUSAL`.
TOP_SECRET = "top_secret"  # noqa: S105 - a classification, not a password
TOP_SECRET_LABEL = _("Top secret (ลับที่สุด)")
TOP_SECRET_REFUSAL = _(
    "Top-secret (ลับที่สุด) matters may not be kept in the electronic correspondence system: the Regulation on "
    "Correspondence as amended in 2564 and the Regulation on Maintaining Official Secrets 2544 require them to be "
    "handled on paper by the top-secret control officer only. Register it in the paper top-secret register instead."
)

SECRECY_MARK: dict[str, str] = {Secrecy.NORMAL: "", Secrecy.CONFIDENTIAL: "ลับ", Secrecy.SECRET: "ลับมาก"}


class Register(models.TextChoices):
    """The registers a document can be numbered in; numbers run per LGO, per register, per BE year."""

    INCOMING = "incoming", _("Incoming register (ทะเบียนหนังสือรับ)")
    OUTGOING = "outgoing", _("Outgoing register (ทะเบียนหนังสือส่ง)")
    ORDER = "order", _("Orders register (ทะเบียนคำสั่ง)")
    ANNOUNCEMENT = "announcement", _("Announcements register (ทะเบียนประกาศ)")


class LetterFormat(models.TextChoices):
    """Layouts an outgoing document is printed in."""

    EXTERNAL = "external", _("External letter (หนังสือภายนอก)")
    MEMO = "memo", _("Memo (บันทึกข้อความ)")
    ORDER = "order", _("Order (คำสั่ง)")
    ANNOUNCEMENT = "announcement", _("Announcement (ประกาศ)")


LETTER_FORMAT_REGISTER: dict[str, str] = {
    LetterFormat.EXTERNAL: Register.OUTGOING,
    LetterFormat.MEMO: Register.OUTGOING,
    LetterFormat.ORDER: Register.ORDER,
    LetterFormat.ANNOUNCEMENT: Register.ANNOUNCEMENT,
}

LETTER_FORMAT_KIND: dict[str, str] = {
    LetterFormat.EXTERNAL: DocumentKind.EXTERNAL,
    LetterFormat.MEMO: DocumentKind.INTERNAL,
    LetterFormat.ORDER: DocumentKind.DIRECTIVE,
    LetterFormat.ANNOUNCEMENT: DocumentKind.PUBLIC_RELATIONS,
}


# Short English labels ("Received", "Issued", "Created", "Done") are msgids other apps translate differently
# ("รับเรื่องเมื่อ", "ออกเมื่อ"); Django merges every catalogue, so saraban's labels carry their own context.
STATUS_CONTEXT = "saraban document status"
EVENT_CONTEXT = "saraban history"
ROUTING_CONTEXT = "saraban routing status"
DESTRUCTION_CONTEXT = "saraban destruction list status"


class DocumentStatus(models.TextChoices):
    PENDING_RECEIPT = "pending_receipt", pgettext_lazy(STATUS_CONTEXT, "Awaiting registration (รอลงรับ)")
    DRAFT = "draft", pgettext_lazy(STATUS_CONTEXT, "Draft")
    RECEIVED = "received", pgettext_lazy(STATUS_CONTEXT, "Received")
    ISSUED = "issued", pgettext_lazy(STATUS_CONTEXT, "Issued")
    ROUTED = "routed", pgettext_lazy(STATUS_CONTEXT, "In progress")
    DONE = "done", pgettext_lazy(STATUS_CONTEXT, "Done")
    FILED = "filed", pgettext_lazy(STATUS_CONTEXT, "Filed")
    DESTROYED = "destroyed", pgettext_lazy(STATUS_CONTEXT, "Destroyed")


# The whitelisted status changes; every change appends a DocumentEvent.
TRANSITIONS: dict[str, frozenset[str]] = {
    DocumentStatus.PENDING_RECEIPT: frozenset({DocumentStatus.RECEIVED}),
    DocumentStatus.DRAFT: frozenset({DocumentStatus.ISSUED}),
    DocumentStatus.RECEIVED: frozenset({DocumentStatus.ROUTED, DocumentStatus.DONE, DocumentStatus.FILED}),
    DocumentStatus.ISSUED: frozenset({DocumentStatus.ROUTED, DocumentStatus.DONE, DocumentStatus.FILED}),
    DocumentStatus.ROUTED: frozenset({DocumentStatus.ROUTED, DocumentStatus.DONE, DocumentStatus.FILED}),
    DocumentStatus.DONE: frozenset({DocumentStatus.ROUTED, DocumentStatus.FILED}),
    DocumentStatus.FILED: frozenset({DocumentStatus.DESTROYED}),
    DocumentStatus.DESTROYED: frozenset(),
}


class Instruction(models.TextChoices):
    FOR_INFORMATION = "information", _("For information (เพื่อทราบ)")
    FOR_CONSIDERATION = "consideration", _("For consideration (เพื่อพิจารณา)")
    FOR_ACTION = "action", _("For action (เพื่อดำเนินการ)")
    OTHER = "other", _("Other (write below)")


class RoutingStatus(models.TextChoices):
    PENDING = "pending", pgettext_lazy(ROUTING_CONTEXT, "Not yet read")
    ACKNOWLEDGED = "acknowledged", pgettext_lazy(ROUTING_CONTEXT, "Read")
    DONE = "done", pgettext_lazy(ROUTING_CONTEXT, "Done")


class EndorsementKind(models.TextChoices):
    OPINION = "opinion", _("Opinion (เกษียน)")
    ORDER = "order", _("Order (สั่งการ)")


class EventKind(models.TextChoices):
    CREATED = "created", pgettext_lazy(EVENT_CONTEXT, "Created")
    STATUS = "status", pgettext_lazy(EVENT_CONTEXT, "Status changed")
    ROUTED = "routed", pgettext_lazy(EVENT_CONTEXT, "Routed")
    ACKNOWLEDGED = "acknowledged", pgettext_lazy(EVENT_CONTEXT, "Acknowledged")
    ENDORSED = "endorsed", pgettext_lazy(EVENT_CONTEXT, "Endorsed")
    ISSUED = "issued", pgettext_lazy(EVENT_CONTEXT, "Issued and signed")
    SENT = "sent", pgettext_lazy(EVENT_CONTEXT, "Sent to another LGO")
    DESTROYED = "destroyed", pgettext_lazy(EVENT_CONTEXT, "Destroyed")


class RetentionClass(models.TextChoices):
    """How long a document is kept (ข้อ 57): ten years is the regulation's default."""

    ONE_YEAR = "one_year", _("1 year")
    TEN_YEARS = "ten_years", _("10 years")
    PERMANENT = "permanent", pgettext_lazy("retention", "Permanent")
    OTHER_LAW = "other_law", _("As another law requires")


RETENTION_YEARS: dict[str, int | None] = {
    RetentionClass.ONE_YEAR: 1,
    RetentionClass.TEN_YEARS: 10,
    RetentionClass.PERMANENT: None,
    RetentionClass.OTHER_LAW: None,  # the document's own retention_years
}

#: Documents this old go to the National Archives (ข้อ 58).
ARCHIVES_HANDOVER_YEARS = 20


class DestructionStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy(DESTRUCTION_CONTEXT, "Awaiting committee")
    APPROVED = "approved", pgettext_lazy(DESTRUCTION_CONTEXT, "Approved by the committee")
    DESTROYED = "destroyed", pgettext_lazy(DESTRUCTION_CONTEXT, "Destroyed")


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    MEMBER = "member", _("Member")
