"""Choices of the e-service engine (statuses, categories, fees, field requirements, document kinds)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SubmissionStatus(models.TextChoices):
    """Where a case stands. Allowed moves between these are the table in `eservices.workflow`."""

    SUBMITTED = "submitted", _("Submitted")
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting payment")
    IN_REVIEW = "in_review", _("Under consideration")
    INFO_REQUESTED = "info_requested", _("More information requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")


#: Statuses after which the case is decided: no more delay notices, the retention clock starts.
FINAL_STATUSES = frozenset({SubmissionStatus.REJECTED, SubmissionStatus.COMPLETED, SubmissionStatus.CANCELLED})
#: Statuses in which the legal time limit runs (it pauses while the citizen owes information or payment).
CLOCK_RUNNING_STATUSES = frozenset({SubmissionStatus.SUBMITTED, SubmissionStatus.IN_REVIEW})
#: "Due soon" in the inbox and on the dashboard: falling due within this many working days.
DUE_SOON_WORKING_DAYS = 3


class ServiceCategory(models.TextChoices):
    """Catalogue groups shown on the service index page."""

    PUBLIC = "public", _("Public services")
    BUSINESS = "business", _("Business and SMEs")
    LABOUR = "labour", _("Labour")
    WELFARE = "welfare", _("Welfare")
    HEALTH = "health", _("Public health")
    CONSTRUCTION = "construction", _("Construction")
    TAX = "tax", _("Local taxes")
    COMPLAINT = "complaint", _("Complaints")


class ServiceType(models.TextChoices):
    """The kind of process, as the citizen manual (คู่มือสำหรับประชาชน) classifies it."""

    PERMIT = "permit", _("Permit or licence")
    REGISTRATION = "registration", _("Registration")
    NOTIFICATION = "notification", _("Notification")
    WELFARE = "welfare", _("Welfare benefit")
    REQUEST = "request", _("Service request")
    INFORMATION = "information", _("Information request")
    COMPLAINT = "complaint", _("Complaint or petition")


class FeePoint(models.TextChoices):
    """When the fee of a service is charged: eservices raises the invoice (`services.raise_invoice`), payments
    only collects it and announces it paid."""

    NONE = "none", _("No fee")
    ON_SUBMIT = "on_submit", _("When the request is filed")
    ON_APPROVAL = "on_approval", _("When the request is approved")


class Requirement(models.TextChoices):
    """Whether a form field must be answered. Soft-required warns but never blocks (the LGO must still assess)."""

    REQUIRED = "required", _("Required")
    OPTIONAL = "optional", _("Optional")
    SOFT = "soft", _("Recommended (warns, does not block)")


class ApplicantRole(models.TextChoices):
    """Which applicant contact detail a form field supplies (used for tracking, e-mails and search)."""

    NONE = "", _("Nothing special")
    NAME = "name", _("Applicant's name")
    EMAIL = "email", _("Applicant's e-mail")
    PHONE = "phone", _("Applicant's phone")
    NATIONAL_ID = "national_id", _("Applicant's national ID")


class DocumentKind(models.TextChoices):
    """What an approved request results in, if anything."""

    NONE = "none", _("No document")
    CERTIFICATE = "certificate", _("Certificate")
    PERMIT = "permit", _("Permit")
    LICENCE = "licence", _("Licence")
    REGISTRATION = "registration", _("Registration certificate")
    RECEIPT_OF_NOTICE = "notice_receipt", _("Receipt of notification")


class DocumentCopyKind(models.TextChoices):
    ORIGINAL = "original", _("Original")
    COPY = "copy", pgettext_lazy("document copy", "Copy")
    BOTH = "both", _("Original and copy")


class ChoiceStyle(models.TextChoices):
    RADIOS = "radios", _("Radio buttons (one answer)")
    SELECT = "select", _("Drop-down list (one answer)")
    CHECKBOXES = "checkboxes", _("Checkboxes (several answers)")


class DateRange(models.TextChoices):
    ANY = "any", _("Any date")
    PAST = "past", _("Today or earlier")
    FUTURE = "future", _("Today or later")


class NotificationKey(models.TextChoices):
    """Notification templates the engine sends; an LGO can edit the wording of each."""

    SUBMISSION_RECEIVED = "eservices.submission_received", _("Citizen: request received")
    NEW_CASE = "eservices.new_case", _("Department: new case")
    STATUS_CHANGED = "eservices.status_changed", _("Citizen: status changed")
    INFO_REQUESTED = "eservices.info_requested", _("Citizen: more information requested")
    INFO_ANSWERED = "eservices.info_answered", _("Department: citizen answered")
    MESSAGE = "eservices.message", _("Citizen: new message")
    DELAY_NOTICE = "eservices.delay_notice", _("Citizen: delay notice")
    RESUME_LINK = "eservices.resume_link", _("Citizen: link to continue a saved form")


class AnnualFeeStatus(models.TextChoices):
    """Where one year's fee of a certificate stands (Public Health Act s.65)."""

    BILLED = "billed", _("Billed, not paid")
    PAID = "paid", _("Paid")
    WAIVED = "waived", _("Not due (business closed)")


class FilingChannel(models.TextChoices):
    """How a citizen came to a service and filed: counted per service and month (outreach), shown in the inbox.

    QR is the code on a printed poster or table card, short link the address printed under it (typed by hand);
    LINE is a link shared in LINE (marked ``?src=line``, or opened in LINE's own browser); counter is a request an
    officer filed on the citizen's behalf at the service point (ยื่นที่จุดบริการ); web is everything else.
    """

    WEB = "web", _("Website")
    QR = "qr", _("Poster QR code")
    SHORT_LINK = "short_link", _("Short link")
    LINE = "line", _("LINE")
    COUNTER = "counter", _("Filed at the counter")
