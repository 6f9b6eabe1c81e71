"""The one write path for cases: filing, status changes, assignment, messages, the information request and
issued documents. Every function is keyword-only, runs in one transaction and leaves side effects (e-mail, tasks)
for after the commit, so a failure never half-writes a case or sends a message about something that did not happen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import thai
from core.counters import next_number
from core.files import check_upload, private_storage, private_upload_path
from core.templatetags.thai import be_date
from organizations import calendar

from . import workflow
from .constants import FINAL_STATUSES, DocumentKind, FeePoint, FilingChannel, NotificationKey, SubmissionStatus
from .forms import registry as field_types
from .forms.definition import applicant_from_answers, prune_answers, requirement, visible_fields, visible_steps
from .models import (
    Attachment,
    FormSnapshot,
    InfoRequest,
    IssuedDocument,
    Message,
    ServicePage,
    StatusChange,
    Submission,
)
from .notifications import tell_citizen, tell_department
from .selectors import can_handle

logger = logging.getLogger(__name__)

INVOICE_SOURCE_TYPE = "eservices.submission"
VERIFICATION_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud and typed by people


@dataclass(frozen=True)
class Applicant:
    name: str = ""
    email: str = ""
    phone: str = ""
    national_id: str = ""


@dataclass(frozen=True)
class StoredFile:
    """A file already checked and saved in private storage (by the wizard), to attach to a new case."""

    field_key: str
    path: str
    name: str
    mime_type: str
    size: int


def idempotency_key(session_id: str, answers: dict[str, Any]) -> str:
    """The same wizard session with the same answers gives the same key, so a double click files one case."""
    canonical = json.dumps(answers, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return hashlib.sha256(f"{session_id}\x00{canonical}".encode()).hexdigest()


def store_upload(upload: UploadedFile, *, prefix: str, storage: Storage | None = None) -> StoredFile:
    """Check an upload by content and save it privately; the stored name comes from the content type.

    An upload a form field already checked (with that question's own types and size) carries the result as
    `upload.checked`; anything else is checked against the default types and size."""
    checked = getattr(upload, "checked", None)
    if checked is None:
        checked = check_upload(upload)
    upload.seek(0)
    path = (storage or private_storage()).save(private_upload_path(prefix, checked.extension), upload)
    return StoredFile(field_key="", path=path, name=checked.original_name, mime_type=checked.mime_type,
                      size=checked.size)


# --- Filing -----------------------------------------------------------------------------------------------------


def snapshot_of(definition: dict[str, Any]) -> FormSnapshot:
    """The shared snapshot row for this definition, created on first use (safe under concurrency)."""
    canonical = json.dumps(definition, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    # Only the id: a filing needs nothing else, and the definition is the largest column of the row.
    snapshot = FormSnapshot.objects.filter(digest=digest).only("pk").first()
    if snapshot is not None:
        return snapshot
    try:
        with transaction.atomic():
            return FormSnapshot.objects.create(digest=digest, definition=json.loads(canonical))
    except IntegrityError:
        return FormSnapshot.objects.only("pk").get(digest=digest)


def submit(*, service: ServicePage, answers: dict[str, Any], idempotency_key: str,
           files: Iterable[StoredFile] = (), applicant: Applicant | None = None,
           definition: dict[str, Any] | None = None, language: str = "th",
           channel: str = FilingChannel.WEB, filed_by: Any = None, now: dt.datetime | None = None) -> Submission:
    """File a request. Idempotent: the same `idempotency_key` in the same LGO returns the case already filed.

    The reference (`{LGO}-{BE year}-{000123}`) comes from a counter locked in this transaction, so references are
    gap-free and unique under concurrency. Raises ValidationError when the service does not take online requests
    or a required answer is missing (the wizard checks first; this guards every other caller).
    `channel` says how the request came in (`FilingChannel`); an officer filing at the counter for a citizen is
    `filed_by` and is recorded as the actor of the first history step.
    """
    organization = service.organization
    if organization is None or not service.online_filing:
        raise ValidationError(_("This service does not accept requests online."))
    existing = Submission.objects.for_organization(organization).filter(idempotency_key=idempotency_key).first()
    if existing is not None:
        return existing
    definition = definition if definition is not None else service.form_definition()
    files = list(files)
    file_answers: dict[str, list[dict[str, str]]] = {}
    for stored in files:  # file questions are answered by the files themselves (names shown on receipts)
        file_answers.setdefault(stored.field_key, []).append({"name": stored.name})
    answers = prune_answers(definition, {**answers, **file_answers})
    files = [f for f in files if f.field_key in answers]  # uploads to questions the answers now hide are dropped
    _check_complete(definition, answers, {f.field_key for f in files})
    applicant = applicant or Applicant(**applicant_from_answers(definition, answers))
    filing = _prepare_filing(service=service, organization=organization, definition=definition, answers=answers,
                             now=now or timezone.now())
    try:
        with transaction.atomic():
            submission = _create_submission(service=service, organization=organization, filing=filing,
                                            answers=answers, files=files, applicant=applicant,
                                            idempotency_key=idempotency_key, language=language,
                                            channel=channel, filed_by=filed_by)
            submission.kind.after_filed(submission)
    except IntegrityError:
        # A concurrent double click won the race on the idempotency key: return its case.
        existing = Submission.objects.for_organization(organization).filter(idempotency_key=idempotency_key).first()
        if existing is None:
            raise
        return existing
    # Rendered after the commit, outside the counter's lock; delivery is queued (and sent) as a task.
    tell_citizen(submission, NotificationKey.SUBMISSION_RECEIVED)
    tell_department(submission, NotificationKey.NEW_CASE)
    return submission


def _check_complete(definition: dict[str, Any], answers: dict[str, Any], file_keys: set[str]) -> None:
    missing = []
    for step in visible_steps(definition, answers):
        for spec in visible_fields(step, answers, definition):
            if requirement(spec) != "required":
                continue
            field_type = field_types.get(spec["type"])
            answered = spec["key"] in file_keys if field_type.is_file else not field_type.is_empty(
                answers.get(spec["key"]))
            if not answered:
                missing.append(spec.get("label") or spec["key"])
    if missing:
        raise ValidationError(_("Some required answers are missing: %(fields)s") % {"fields": ", ".join(missing)})


@dataclass(frozen=True)
class _Filing:
    """What a new case needs that does not depend on its number: worked out before the counter is locked."""

    now: dt.datetime
    received: dt.datetime
    be_year: int
    due_date: dt.date | None
    snapshot_id: int
    fee: Any
    fee_point: str
    status: str


def _prepare_filing(*, service, organization, definition, answers, now: dt.datetime) -> _Filing:
    received = calendar.received_at(organization, now)
    limit = service.time_limit_days
    kind = service.kind
    fee = kind.fee(service, answers)
    fee_point = service.fee_point if fee else FeePoint.NONE
    # A fee paid first starts the clock: no decision date is promised until it is paid (`record_payment`).
    starts_now = limit and fee_point != FeePoint.ON_SUBMIT
    return _Filing(
        now=now, received=received, be_year=thai.be_year(now),
        due_date=kind.due_date(organization=organization, start=timezone.localdate(received),
                               working_days=limit, answers=answers) if starts_now else None,
        snapshot_id=snapshot_of(definition).pk, fee=fee, fee_point=fee_point,
        status=SubmissionStatus.AWAITING_PAYMENT if fee_point == FeePoint.ON_SUBMIT else SubmissionStatus.SUBMITTED,
    )


def _create_submission(*, service, organization, filing: _Filing, answers, files, applicant, idempotency_key,
                       language, channel=FilingChannel.WEB, filed_by=None) -> Submission:
    """The writes of a filing, in the caller's transaction. The counter row locked by `next_number` stays locked
    until commit, so everything that can be worked out beforehand was (`_prepare_filing`) and notifications are
    rendered after the commit."""
    now, status = filing.now, filing.status
    number = next_number(f"eservices.submission:{organization.pk}:{filing.be_year}")
    submission = Submission.objects.create(
        organization=organization,
        service=service,
        service_title=service.title,
        service_kind=service.service_kind,
        snapshot_id=filing.snapshot_id,
        reference=f"{organization.code}-{filing.be_year}-{number:06d}",
        tracking_token=secrets.token_urlsafe(32),
        status=status,
        submitted_at=now,
        received_at=filing.received,
        time_limit_days=service.time_limit_days,
        due_date=filing.due_date,
        department_id=service.department_id,  # its e-mail is read fresh when the department is notified
        applicant_name=applicant.name[:200],
        applicant_email=applicant.email,
        applicant_phone=thai.normalize_phone(applicant.phone) if applicant.phone else "",
        applicant_national_id=thai.normalize_national_id(applicant.national_id),
        answers=answers,
        language=language[:10],
        channel=channel,
        idempotency_key=idempotency_key,
        fee_point=filing.fee_point,
        fee_amount=filing.fee,
        document_kind=service.issues_document,
        document_validity_days=service.document_validity_days,
        retention_days=service.retention_days,
    )
    StatusChange.objects.create(submission=submission, from_status="", to_status=status, action="submit",
                                is_public=True, at=now, actor=filed_by)
    Attachment.objects.bulk_create(
        Attachment(submission=submission, field_key=f.field_key, file=f.path, original_name=f.name,
                   mime_type=f.mime_type, size=f.size, created_at=now)
        for f in files
    )
    if status == SubmissionStatus.AWAITING_PAYMENT:
        raise_invoice(submission=submission)
    return submission


# --- Status changes ---------------------------------------------------------------------------------------------


def _locked(submission: Submission) -> Submission:
    """Re-read the case with its row locked, so two officers acting at once cannot both move it."""
    return (Submission.objects.select_for_update(of=("self",)).select_related("organization", "department")
            .get(pk=submission.pk))


def _check_officer(actor: Any, submission: Submission, t: workflow.Transition) -> None:
    if t.by == workflow.SYSTEM:
        if actor is not None:
            raise PermissionDenied(_("Only the system can make this change."))
        return
    if actor is None or not can_handle(actor, submission, roles=t.roles):
        raise PermissionDenied(_("You may not take this action on this request."))


def transition(*, submission: Submission, to_status: str | None = None, actor: Any = None, note: str = "",
               public: bool | None = None, action: str | None = None) -> StatusChange:
    """Move a case to `to_status` (or by `action`), as the workflow table allows for `actor` (None: the system).

    Appends the history row, sets the decision/closing dates, issues the document or raises the invoice an
    approval calls for, and tells the citizen after commit when the change is public. Raises ValidationError for a
    move the table does not allow (or a missing reason) and PermissionDenied for an actor without the role or
    outside the case's department. Information requests go through `request_information`.
    """
    with transaction.atomic():
        case = _locked(submission)
        by = workflow.SYSTEM if actor is None else workflow.OFFICER
        t = workflow.find(case, to_status=to_status, action=action, by=by)
        if t is None or t.dedicated:
            raise ValidationError(
                _("A request that is “%(status)s” cannot be moved that way.") % {"status": case.get_status_display()}
            )
        change = _apply(case, t, actor=actor, note=note, public=public)
    _refresh(submission, case)
    return change


def act(*, submission: Submission, action: str, actor: Any, note: str = "") -> StatusChange:
    """Take a named officer action (accept, approve, reject, complete, cancel, extend): the table picks the target.

    Actions a service kind takes with its own form (a building permit's approval sets its terms and fee) are
    refused here, so a bulk action or a stray button cannot skip them; the kind calls `transition` itself."""
    if action in submission.kind.own_actions:
        raise ValidationError(_("Take this action on the request's own page."))
    if action == "extend":
        return extend_deadline(submission=submission, reason=note, actor=actor)
    return transition(submission=submission, action=action, actor=actor, note=note)


def extend_deadline(*, submission: Submission, reason: str, actor: Any) -> StatusChange:
    """Extend the decision deadline by the kind's legal extension, with the reasons the applicant is told.

    Public Health Act s.56 (two extensions of 15 days) and Building Control Act s.25 (two of 45 days) allow it only
    with a notice *before* the time limit ends: on the day after the due date (Bangkok) the extension is refused,
    as it is once every extension is used. The history row (action "extend") carries the reasons.
    """
    with transaction.atomic():
        case = _locked(submission)
        kind = case.kind
        if not kind.max_extensions or case.due_date is None:
            raise ValidationError(_("The time limit of this request cannot be extended."))
        if timezone.localdate() > case.due_date:
            raise ValidationError(_("The time limit ended on %(date)s: the law allows an extension only before it "
                                    "ends.") % {"date": be_date(case.due_date)})
        if case.extensions_used >= kind.max_extensions:
            raise ValidationError(_("The time limit was already extended %(count)d times, the most the law allows.")
                                  % {"count": kind.max_extensions})
        t = workflow.find(case, action="extend", by=workflow.OFFICER)
        if t is None:
            raise ValidationError(
                _("A request that is “%(status)s” cannot be moved that way.") % {"status": case.get_status_display()}
            )
        change = _apply(case, t, actor=actor, note=reason, public=True)
    _refresh(submission, case)
    return change


def lapse(*, submission: Submission, reason: str, now: dt.datetime | None = None) -> StatusChange | None:
    """The applicant did not fix the defect notice in time: the case lapses (a system move, recorded in the public
    history with `reason`, the applicant told). None when it is not (or no longer) due to lapse."""
    with transaction.atomic():
        case = _locked(submission)
        t = workflow.find(case, action="lapse", by=workflow.SYSTEM)
        if t is None:
            return None
        now = now or timezone.now()
        case.clock_paused_at = None
        change = _apply(case, t, actor=None, note=reason, public=True, at=now)
        tell_citizen(case, NotificationKey.STATUS_CHANGED, note=reason)
    _refresh(submission, case)
    return change


def _apply(case: Submission, t: workflow.Transition, *, actor: Any, note: str, public: bool | None,
           at: dt.datetime | None = None) -> StatusChange:
    _check_officer(actor, case, t)
    note = (note or "").strip()
    if t.note_required and not note:
        raise ValidationError(_("Give a reason: the citizen will see it."))
    now = at or timezone.now()
    source = case.status
    case.status = t.target
    if t.action in ("approve", "reject") and case.decided_at is None:
        case.decided_at = now
    if source in FINAL_STATUSES and t.target not in FINAL_STATUSES:  # a reopened complaint is open again
        case.closed_at = case.purge_after = None
    if t.target in FINAL_STATUSES:
        case.closed_at = now
        case.decided_at = case.decided_at or now
        case.purge_after = timezone.localdate(now) + dt.timedelta(days=case.retention_days)
    case.save(update_fields=["status", "decided_at", "closed_at", "purge_after", "clock_paused_at", "due_date",
                             "paused_days", "updated_at"])
    is_public = t.public if public is None else public
    change = StatusChange.objects.create(submission=case, from_status=source, to_status=t.target, action=t.action,
                                         actor=actor, note=note, is_public=is_public, at=now)
    if t.action == "extend":
        case.due_date = case.kind.due_date(organization=case.organization, start=case.due_date,
                                           working_days=case.kind.extension_days, answers=case.answers)
        case.save(update_fields=["due_date", "updated_at"])
        case.__dict__.pop("extensions_used", None)
    if t.target == SubmissionStatus.APPROVED and case.document_kind not in ("", DocumentKind.NONE) \
            and case.kind.issues_document_on_approval \
            and not case.issued_documents.filter(kind=case.document_kind).exists():
        case.kind.issue_document(case, actor)
    if t.target == SubmissionStatus.AWAITING_PAYMENT:
        raise_invoice(submission=case)
    case.kind.on_status_changed(case, change)
    if is_public and not t.dedicated:  # dedicated actions send their own message (or none)
        tell_citizen(case, NotificationKey.STATUS_CHANGED, note=note)
    return change


def _refresh(target: Submission, source: Submission) -> None:
    """Copy the saved state back onto the caller's instance so it sees the new status."""
    for field in ("status", "decided_at", "closed_at", "purge_after", "clock_paused_at", "due_date", "paused_days",
                  "assignee_id", "updated_at"):
        setattr(target, field, getattr(source, field))
    target.__dict__.pop("has_info_request", None)
    target.__dict__.pop("extensions_used", None)
    relation = Submission.info_request.related  # an information request read with the case may be stale now
    if relation.is_cached(target):
        relation.delete_cached_value(target)


def assign(*, submission: Submission, assignee: Any, actor: Any) -> StatusChange:
    """Give the case to an officer of its LGO (None: unassign). Recorded in the (internal) history."""
    from organizations.models import Membership

    with transaction.atomic():
        case = _locked(submission)
        if not can_handle(actor, case):
            raise PermissionDenied(_("You may not assign this request."))
        if assignee is not None and not (
            assignee.is_superuser or Membership.objects.filter(user=assignee, organization=case.organization).exists()
        ):
            raise ValidationError(_("%(name)s does not work for this LGO.") % {"name": assignee.get_full_name()})
        case.assignee = assignee
        case.save(update_fields=["assignee", "updated_at"])
        name = (assignee.get_full_name() or assignee.get_username()) if assignee else _("nobody")
        change = StatusChange.objects.create(
            submission=case, from_status=case.status, to_status=case.status, action="assign", actor=actor,
            note=_("Assigned to %(name)s") % {"name": name}, is_public=False,
        )
    _refresh(submission, case)
    return change


def set_department(*, submission: Submission, department: Any, note: str = "", actor: Any = None) -> StatusChange:
    """Hand the case to another department of its LGO (a complaint routed or forwarded). Recorded internally; the
    caller checks who may do it (`complaints.services` routes by rule, officers forward)."""
    with transaction.atomic():
        case = _locked(submission)
        if department is not None and department.organization_id != case.organization_id:
            raise ValidationError(_("The department belongs to another LGO."))
        case.department = department
        case.assignee = None
        case.save(update_fields=["department", "assignee", "updated_at"])
        change = StatusChange.objects.create(
            submission=case, from_status=case.status, to_status=case.status, action="route", actor=actor,
            note=note or (department.name_th if department else ""), is_public=False,
        )
    submission.department_id, submission.assignee_id = case.department_id, None
    return change


# --- Messages and the information request ---------------------------------------------------------------------


def add_message(*, submission: Submission, body: str, author: Any, public: bool = True,
                files: Iterable[UploadedFile] = ()) -> Message:
    """An officer's message to the citizen (public) or internal note (public=False). The citizen writes only by
    answering the information request (`answer_information_request`)."""
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Write a message."))
    with transaction.atomic():
        case = _locked(submission)
        if not can_handle(author, case):
            raise PermissionDenied(_("You may not write on this request."))
        message = Message.objects.create(submission=case, author=author, body=body, is_public=public)
        _attach(case, files, message=message, uploaded_by=author)
        if public:
            tell_citizen(case, NotificationKey.MESSAGE, message=body)
    return message


def add_note(*, submission: Submission, body: str, author: Any) -> Message:
    """An internal note only officers see."""
    return add_message(submission=submission, body=body, author=author, public=False)


def attach_files(*, submission: Submission, files: Iterable[UploadedFile], actor: Any,
                 field_key: str = "") -> list[Attachment]:
    """An officer's files on a case outside a message (site photos, corrected plans), checked by content."""
    with transaction.atomic():
        case = _locked(submission)
        if not can_handle(actor, case):
            raise PermissionDenied(_("You may not write on this request."))
        return _attach(case, files, message=None, uploaded_by=actor, field_key=field_key)


def _attach(case: Submission, files: Iterable[UploadedFile], *, message: Message | None, uploaded_by: Any,
            field_key: str = "") -> list[Attachment]:
    attachments = []
    for upload in files:
        stored = store_upload(upload, prefix="eservices/attachments")
        attachments.append(Attachment.objects.create(
            submission=case, field_key=field_key, file=stored.path, original_name=stored.name,
            mime_type=stored.mime_type, size=stored.size, uploaded_by=uploaded_by, message=message,
        ))
    return attachments


def request_information(*, submission: Submission, items: str, actor: Any,
                        reply_by: dt.date | None = None) -> InfoRequest:
    """Send the one list of what is missing (Licensing Facilitation Act s.8); the legal clock pauses until answered.

    A second request on the same case is refused (the database also holds one per case).
    """
    items = (items or "").strip()
    with transaction.atomic():
        case = _locked(submission)
        t = workflow.find(case, action="request_information", by=workflow.OFFICER)
        if t is None:
            if case.has_info_request:
                raise ValidationError(_("More information can be requested only once, in one list."))
            raise ValidationError(_("More information cannot be requested at this stage."))
        _check_officer(actor, case, t)
        if not items:
            raise ValidationError(_("List what is missing: the citizen will see it."))
        now = timezone.now()
        if reply_by is None and case.kind.defect_reply_days:
            reply_by = calendar.add_working_days(case.organization, timezone.localdate(now),
                                                 case.kind.defect_reply_days)
        info = InfoRequest.objects.create(submission=case, items=items, requested_by=actor, requested_at=now,
                                          reply_by=reply_by)
        case.clock_paused_at = now
        _apply(case, t, actor=actor, note=items, public=True, at=now)
        tell_citizen(case, NotificationKey.INFO_REQUESTED, items=items)
    _refresh(submission, case)
    return info


def answer_information_request(*, submission: Submission, text: str, files: Iterable[UploadedFile] = ()) -> Message:
    """The citizen's answer (text and files): the clock restarts and the due date moves by the paused working days."""
    text = (text or "").strip()
    files = list(files)
    if not text and not files:
        raise ValidationError(_("Write an answer or attach a file."))
    with transaction.atomic():
        case = _locked(submission)
        info = InfoRequest.objects.select_for_update().filter(submission=case).first()
        t = workflow.find(case, action="answer_information", by=workflow.SYSTEM)
        if info is None or info.is_answered or t is None:
            raise ValidationError(_("There is no open request for information on this case."))
        now = timezone.now()
        message = Message.objects.create(submission=case, author=None, body=text or _("(files attached)"),
                                         is_public=True, at=now)
        _attach(case, files, message=message, uploaded_by=None, field_key="info_request")
        info.answered_at, info.answer, info.answer_message = now, text, message
        info.save(update_fields=["answered_at", "answer", "answer_message"])
        _resume_clock(case, now)
        _apply(case, t, actor=None, note="", public=True, at=now)
        tell_department(case, NotificationKey.INFO_ANSWERED)
    _refresh(submission, case)
    return message


def _resume_clock(case: Submission, now: dt.datetime) -> None:
    if case.clock_paused_at is None:
        return
    start, end = timezone.localdate(case.clock_paused_at), timezone.localdate(now)
    paused = (end - start).days if case.kind.calendar_days else calendar.working_days_between(case.organization,
                                                                                             start, end)
    if case.due_date and paused:
        case.due_date = case.kind.due_date(organization=case.organization, start=case.due_date,
                                           working_days=paused, answers=case.answers)
    case.paused_days += paused
    case.clock_paused_at = None


def record_event(*, submission: Submission, action: str, note: str = "", actor: Any = None, public: bool = True,
                 due_date: dt.date | bool | None = False, at: dt.datetime | None = None) -> StatusChange:
    """A service kind's own step on a case (`"<kind>.<what>"`: an extension, a site inspection, an order) as a
    same-status row of the case's append-only history, optionally moving the case's due date (None clears it:
    the clock waits for the applicant). The citizen is told of public events after commit.

    The caller checks that the step is allowed; this checks the actor may handle the case and locks it, so the
    history and the due date change together or not at all (contracts/licensing.md).
    """
    with transaction.atomic():
        case = _locked(submission)
        if actor is not None and not can_handle(actor, case):
            raise PermissionDenied(_("You may not take this action on this request."))
        now = at or timezone.now()
        if due_date is not False:
            case.due_date = due_date
            case.save(update_fields=["due_date", "updated_at"])
        change = StatusChange.objects.create(submission=case, from_status=case.status, to_status=case.status,
                                             action=action, actor=actor, note=(note or "").strip(),
                                             is_public=public, at=now)
        if public:
            tell_citizen(case, NotificationKey.STATUS_CHANGED, note=change.note)
    _refresh(submission, case)
    return change


DELAY_NOTICE_ACTION = "delay_notice"


def record_delay_notice(*, submission: Submission, reason: str, at: dt.datetime) -> StatusChange:
    """Record a delay notice (Licensing Facilitation Act s.10) in the case's public history and tell the applicant.

    The caller (`deadlines.send_delay_notice`) holds the case locked and has checked that a notice is due.
    """
    with transaction.atomic():
        change = StatusChange.objects.create(submission=submission, from_status=submission.status,
                                             to_status=submission.status, action=DELAY_NOTICE_ACTION, note=reason,
                                             is_public=True, at=at)
        Submission.objects.filter(pk=submission.pk).update(last_delay_notice_at=at)
        submission.last_delay_notice_at = at
        tell_citizen(submission, NotificationKey.DELAY_NOTICE, note=reason)
    return change


# --- Fees -------------------------------------------------------------------------------------------------------


def raise_invoice(*, submission: Submission):
    """Create (or return) the case's invoice, due 15 working days from today whether the fee is charged on filing
    or on approval; Ref1 is the case reference (`Submission.ref1`), Ref2 the BE year it was filed."""
    from payments.services import InvoiceLineData, create_invoice

    amount = submission.fee_amount or Decimal("0")
    due = calendar.add_working_days(submission.organization, timezone.localdate(), 15)
    return create_invoice(
        organization=submission.organization,
        payer_name=submission.applicant_name or submission.reference,
        lines=[InvoiceLineData(description=_("Fee: %(service)s") % {"service": submission.service_title},
                               amount=amount)],
        ref1=submission.ref1,
        ref2=str(thai.be_year(submission.submitted_at)),
        due_date=due,
        source_type=INVOICE_SOURCE_TYPE,
        source_id=str(submission.pk),
        payer_email=submission.applicant_email,
        payer_phone=submission.applicant_phone,
        payer_id=submission.applicant_national_id,
    )


def record_payment(*, submission: Submission) -> StatusChange | None:
    """The case's invoice is settled: advance the case (a repeated signal changes nothing)."""
    with transaction.atomic():
        case = _locked(submission)
        t = workflow.find(case, action="payment_received", by=workflow.SYSTEM)
        if t is None:
            return None
        if t.target == SubmissionStatus.SUBMITTED and case.due_date is None and case.time_limit_days:
            # The fee was due first: the time limit runs from the working day the payment arrived.
            received = calendar.received_at(case.organization, timezone.now())
            case.due_date = case.kind.due_date(organization=case.organization, start=timezone.localdate(received),
                                               working_days=case.time_limit_days, answers=case.answers)
        change = _apply(case, t, actor=None, note="", public=True)
    _refresh(submission, case)
    return change


# --- Issued documents -------------------------------------------------------------------------------------------


def _verification_code() -> str:
    return "".join(secrets.choice(VERIFICATION_ALPHABET) for _ in range(12))


def issue_document(*, organization: Any, kind: str, title: str, holder_name: str, submission: Submission | None = None,
                   details: dict[str, str] | None = None, valid_until: dt.date | None = None,
                   actor: Any = None) -> IssuedDocument:
    """Number, record and render a certificate/permit/licence; anyone can verify it by its code (e-Admin Act s.13)."""
    from organizations.links import base_url, pdf_storage_name

    from .documents import render_document_pdf

    with transaction.atomic():
        now = timezone.now()
        be_year = thai.be_year(now)
        number = next_number(f"eservices.document:{organization.pk}:{be_year}")
        document = IssuedDocument(
            organization=organization, submission=submission, number=f"{number}/{be_year}", kind=kind,
            title=title[:300], holder_name=holder_name[:200], details=details or {}, issued_at=now,
            valid_until=valid_until, verification_code=_verification_code(), issued_by=actor,
        )
        base = base_url(organization)
        pdf = render_document_pdf(document, base=base)
        document.pdf.save(pdf_storage_name("eservices/documents", base), pdf, save=False)
        document.save()
    return document


def issue_document_for(*, submission: Submission, actor: Any = None) -> IssuedDocument:
    """The document an approved case calls for, with the essential facts from its answers."""
    from .forms.definition import answer_rows

    details = {
        row["label"]: row["value"]
        for section in answer_rows(submission.definition, submission.answers, mask_ids=True)
        for row in section["rows"]
        if row["value"] and not row["is_file"] and row["spec"]["type"] not in ("declaration", "phone", "email",
                                                                              "national_id", "long_text")
    }
    validity = submission.document_validity_days
    valid_until = timezone.localdate() + dt.timedelta(days=validity) if validity else None
    return issue_document(
        organization=submission.organization, kind=submission.document_kind, title=submission.service_title,
        holder_name=submission.applicant_name, submission=submission, details=dict(list(details.items())[:8]),
        valid_until=valid_until, actor=actor,
    )


def withdraw_document(*, document: IssuedDocument, reason: str, actor: Any = None) -> IssuedDocument:
    """Revoke a document for a reason the system (or a service function that already checked the officer) has:
    a notification lapsed, a receipt superseded by the certificate, a business closed or transferred. Idempotent."""
    with transaction.atomic():
        document = IssuedDocument.objects.select_for_update().get(pk=document.pk)
        if document.revoked:
            return document
        document.revoked, document.revoked_reason = True, reason
        document.revoked_at, document.revoked_by = timezone.now(), actor
        document.save(update_fields=["revoked", "revoked_reason", "revoked_at", "revoked_by"])
    return document


def revoke_document(*, document: IssuedDocument, reason: str, actor: Any) -> IssuedDocument:
    """Revoke (never delete) a document: the verification page then says so, with the reason."""
    from organizations.constants import Role
    from organizations.tenancy import has_role

    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for revoking."))
    if not has_role(actor, document.organization, Role.DEPARTMENT_HEAD, Role.EXECUTIVE, Role.LGO_ADMIN):
        raise PermissionDenied(_("You may not revoke documents."))
    return withdraw_document(document=document, reason=reason, actor=actor)


def lapse_document(*, document: IssuedDocument, reason: str) -> bool:
    """The system ends a document the law lets lapse (a notification whose work never started): revoked with the
    reason, so /verify/ and the registers say so. False when it was already revoked."""
    with transaction.atomic():
        updated = IssuedDocument.objects.filter(pk=document.pk, revoked=False).update(
            revoked=True, revoked_reason=reason, revoked_at=timezone.now())
    return bool(updated)


# --- Retention (PDPA) -------------------------------------------------------------------------------------------

DRAFT_RETENTION_DAYS = 30


def purge_expired(*, today: dt.date | None = None) -> tuple[int, int]:
    """Delete closed cases past their retention date (with their files and history) and drafts idle for 30 days.

    Issued documents stay (they are public records checked at /verify/) but lose the link to the case. Returns
    (cases deleted, drafts deleted). Run daily (`manage.py purge_eservices`).
    """
    from .models import Draft

    today = today or timezone.localdate()
    storage = private_storage()
    cases = 0
    for submission in Submission.objects.filter(purge_after__lt=today, closed_at__isnull=False).iterator():
        with transaction.atomic():
            paths = [*submission.attachments.values_list("file", flat=True), submission.receipt_file.name]
            Submission.objects.filter(pk=submission.pk).delete()
            transaction.on_commit(lambda paths=paths: [storage.delete(p) for p in paths if p])
        cases += 1
    cutoff = timezone.now() - dt.timedelta(days=DRAFT_RETENTION_DAYS)
    drafts = 0
    for draft in Draft.objects.filter(updated_at__lt=cutoff, submission__isnull=True).iterator():
        paths = [item["path"] for items in draft.files.values() for item in items]
        draft.delete()
        for path in paths:
            storage.delete(path)
        drafts += 1
    return cases, drafts
