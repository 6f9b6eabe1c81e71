"""The one write path for complaint reports: filing, routing, officer work, the citizen's cancel/reopen/rating.

Each report is also an e-service case, and every step that changes where the case stands goes through the engine
(`eservices.services.transition`/`set_department`) in the same transaction, so the officers' inbox, the e-mails and
the retention clock follow. Every function is keyword-only and atomic; announcements (`signals.report_changed`,
e-mail to followers) go out only after the commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import thai
from eservices import services as cases
from eservices.constants import SubmissionStatus
from eservices.forms.definition import DEFINITION_VERSION, normalise, question
from eservices.selectors import can_handle
from organizations import calendar

from . import geo
from .constants import (
    MAX_PHOTOS,
    OPEN_STATUSES,
    REOPEN_DAYS,
    Channel,
    EventKind,
    PhotoKind,
    ReportStatus,
)
from .models import Category, Follower, Report, ReportEvent, ReportPhoto, RoutingRule
from .photos import CleanPhoto, clean_photo
from .selectors import settings_for

# --- Filing -----------------------------------------------------------------------------------------------------


def report_definition() -> dict[str, Any]:
    """The form a report's case is filed under: the engine shows these answers in the inbox and on receipts."""
    def q(kind: str, key: str, label: str, requirement: str = "optional", **extra: Any) -> dict[str, Any]:
        return {"type": kind, **question(kind, key, label, requirement, **extra)}

    step = {"key": "1", "title": "แจ้งเรื่อง", "description": "", "show_if_field": "", "show_if_value": "",
            "fields": [
                q("short_text", "topic", "เรื่องที่แจ้ง", "required", max_length=200),
                q("long_text", "details", "รายละเอียด", "required", max_length=2000),
                q("short_text", "place", "สถานที่", max_length=400),
                q("short_text", "applicant_name", "ชื่อ-นามสกุล", applicant_role="name", max_length=200),
                q("short_text", "phone", "เบอร์โทรศัพท์", applicant_role="phone", max_length=20),
                q("email", "email", "อีเมล", applicant_role="email"),
            ]}
    return normalise({"version": DEFINITION_VERSION, "steps": [step]})


def complaint_service(organization: Any):
    """The LGO's live complaint e-service (reports are filed as its cases), published from the library if the LGO
    has none yet, so every LGO, however it was created, can take reports."""
    from eservices.library.services import add_from_library
    from eservices.models import ServicePage

    pages = ServicePage.objects.live().descendant_of(organization.site.root_page).filter(service_kind="complaint")
    page = pages.filter(online_filing=True).order_by("path").first() or pages.order_by("path").first()
    if page is not None:
        return page
    department = _default_department(organization)
    add_from_library(organization=organization, choices=[("complaint", department)])
    return pages.order_by("path").first()


def _default_department(organization: Any):
    from organizations.models import Department

    departments = Department.objects.for_organization(organization)
    return departments.filter(code="office").first() or departments.first()


@dataclass(frozen=True)
class Route:
    department: Any
    outside_reason: str = ""


def route(*, organization: Any, category: Category, latitude: Decimal | None, longitude: Decimal | None,
          village: int | None) -> Route:
    """Where a report goes: outside the LGO's boundary → forwarded (with the reason); else the first rule whose
    topic, village and area all match; else the topic's department; else the LGO's fallback."""
    settings = settings_for(organization)
    has_point = latitude is not None and longitude is not None
    boundary = geo.ring(settings.boundary)
    if has_point and boundary and not geo.contains(boundary, float(latitude), float(longitude)):
        where = settings.outside_area_referral or _("the agency responsible for that area")
        return Route(department=None, outside_reason=_(
            "The place is outside the area of %(lgo)s. Please contact %(where)s.") % {
            "lgo": organization.name_th, "where": where})
    rules = RoutingRule.objects.for_organization(organization).select_related("department")
    for rule in rules:
        if rule.category_id not in (None, category.pk) or (rule.village and rule.village != village):
            continue
        area = geo.ring(rule.area)
        if area and not (has_point and geo.contains(area, float(latitude), float(longitude))):
            continue
        return Route(department=rule.department)
    fallback = settings.fallback_department
    return Route(department=category.department or fallback or _default_department(organization))


def _check_filing(*, organization: Any, category: Any, description: str, latitude: Any, longitude: Any,
                  name: str, email: str, phone: str, anonymous: bool, line_user_id: str,
                  photos: list) -> tuple[Decimal | None, Decimal | None, str]:
    """Every problem with a filing at once, per field; returns the clean (latitude, longitude, phone)."""
    errors: dict[str, str] = {}
    if category is None or category.organization_id != organization.pk or not category.is_active:
        errors["category"] = _("Choose what you are reporting.")
    if not description.strip():
        errors["description"] = _("Describe what is wrong.")
    elif len(description) > 2000:
        errors["description"] = _("Keep the description under 2,000 characters.")
    try:
        lat, lon = geo.to_decimal(latitude), geo.to_decimal(longitude)
        if (lat is None) != (lon is None) or (lat is not None and not geo.valid_point(lat, lon)):
            raise ValueError
    except ValueError:
        errors["latitude"] = _("The location is not valid. Pick the place on the map again or type an address.")
        lat = lon = None
    if phone and not thai.is_thai_phone(phone):
        errors["phone"] = _("Enter a Thai phone number, e.g. 081 234 5678.")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Enter an e-mail address like name@example.com.")
    may_hide = anonymous and category is not None and category.allows_anonymous
    if anonymous and category is not None and not category.allows_anonymous:
        errors["contact"] = _("This topic cannot be reported anonymously: we need a way to tell you what we did.")
    elif not may_hide and not (line_user_id or (name.strip() and (phone or email))):
        errors["contact"] = _("Give your name and a phone number or e-mail so that we can tell you what we did.")
    if len(photos) > MAX_PHOTOS:
        errors["photos"] = _("Send at most %(count)s photos.") % {"count": MAX_PHOTOS}
    if errors:
        raise ValidationError(errors)
    return lat, lon, (thai.normalize_phone(phone) if phone else "")


def clean_photos(uploads: Iterable[UploadedFile]) -> list[CleanPhoto]:
    """Photos checked and cleaned before anything is written (ValidationError keyed "photos")."""
    try:
        return [clean_photo(upload) for upload in uploads]
    except ValidationError as exc:
        raise ValidationError({"photos": exc.messages}) from exc


def file_report(*, organization: Any, category: Category | None, description: str, idempotency_key: str,
                latitude: Any = None, longitude: Any = None, address: str = "", village: int | None = None,
                photos: Iterable[UploadedFile] = (), name: str = "", email: str = "", phone: str = "",
                anonymous: bool = False, channel: str = Channel.WEB, line_user_id: str = "",
                attributes: dict[str, Any] | None = None, media_url: str = "", language: str = "th",
                now: dt.datetime | None = None) -> Report:
    """File a report as a complaint case and route it. Idempotent per (LGO, `idempotency_key`).

    Raises ValidationError keyed by field (nothing written). A place outside the LGO's boundary is filed and at
    once closed as forwarded, with the reason the reporter sees.
    """
    key = hashlib.sha256(f"complaints\x00{idempotency_key}".encode()).hexdigest()
    existing = Report.objects.for_organization(organization).filter(submission__idempotency_key=key).first()
    if existing is not None:
        return existing
    photos = list(photos)
    lat, lon, phone = _check_filing(organization=organization, category=category, description=description,
                                    latitude=latitude, longitude=longitude, name=name, email=email, phone=phone,
                                    anonymous=anonymous, line_user_id=line_user_id, photos=photos)
    cleaned = clean_photos(photos)
    if lat is None:  # the first photo that knows where it was taken places the report
        lat, lon = next(((p.latitude, p.longitude) for p in cleaned if p.latitude is not None), (None, None))
    hide = anonymous and category.allows_anonymous
    if hide:
        name = email = phone = ""
    now = now or timezone.now()
    routed = route(organization=organization, category=category, latitude=lat, longitude=lon, village=village)
    place = address.strip() or (f"{lat}, {lon}" if lat is not None else "")
    answers = {"topic": category.name_th, "details": description.strip(), "place": place,
               "applicant_name": name.strip(), "phone": phone, "email": email.strip()}
    answers = {k: v for k, v in answers.items() if v}
    service = complaint_service(organization)
    if service is None:
        raise ValidationError({"category": _("This LGO does not take reports online yet.")})
    with transaction.atomic():
        submission = cases.submit(
            service=service, answers=answers, idempotency_key=key, definition=report_definition(),
            applicant=cases.Applicant(name=name.strip(), email=email.strip(), phone=phone),
            language=language, now=now,
        )
        report = Report.objects.create(
            organization=organization, submission=submission, category=category, description=description.strip(),
            latitude=lat, longitude=lon, address=address.strip()[:300], village=village, anonymous=hide,
            channel=channel, department=routed.department, attributes=attributes or {}, media_url=media_url,
            created_at=now, acknowledge_by=calendar.add_working_days(
                organization, timezone.localdate(now), category.acknowledge_days),
            resolve_by=timezone.localdate(now) + dt.timedelta(days=category.resolve_days),
        )
        _save_photos(report, cleaned, kind=PhotoKind.BEFORE, actor=None, at=now)
        if email or line_user_id:
            Follower.objects.create(report=report, email=email.strip(), line_user_id=line_user_id,
                                    language=language)
        _event(report, EventKind.FILED, to_status=ReportStatus.NEW, at=now)
        if routed.outside_reason:
            _move(report, ReportStatus.FORWARDED_OUT, EventKind.FORWARDED_OUT, note=routed.outside_reason,
                  case_action="forward_out")
        elif routed.department is not None:
            if routed.department.pk != submission.department_id:
                cases.set_department(submission=submission, department=routed.department)
            _event(report, EventKind.ROUTED, department=routed.department, public=False)
    return report


def _save_photos(report: Report, photos: Iterable[CleanPhoto], *, kind: str, actor: Any,
                 at: dt.datetime | None = None) -> None:
    for photo in photos:
        item = ReportPhoto(report=report, kind=kind, width=photo.width, height=photo.height, uploaded_by=actor,
                           created_at=at or timezone.now())
        item.image.save("photo.jpg", ContentFile(photo.content), save=False)
        item.save()


# --- History and announcements --------------------------------------------------------------------------------


def _event(report: Report, kind: str, *, actor: Any = None, note: str = "", to_status: str = "",
           from_status: str = "", department: Any = None, public: bool = True,
           at: dt.datetime | None = None) -> ReportEvent:
    event = ReportEvent.objects.create(report=report, kind=kind, actor=actor, note=note, from_status=from_status,
                                       to_status=to_status, department=department, is_public=public,
                                       at=at or timezone.now())
    if public:
        from .signals import report_changed

        transaction.on_commit(lambda: report_changed.send(sender=Report, report=report, event=event))
    return event


def _move(report: Report, to_status: str, kind: str, *, actor: Any = None, note: str = "",
          case_action: str | None = None, case_actor: Any = None) -> ReportEvent:
    """Change the report's status, append its event and move the case by `case_action` (engine table)."""
    source = report.status
    now = timezone.now()
    report.status = to_status
    if note:
        report.public_note = note
    if to_status in OPEN_STATUSES:
        report.closed_at = None
    else:
        report.closed_at = now
    if to_status == ReportStatus.DONE:
        report.done_at = now
    if to_status == ReportStatus.ACCEPTED and report.accepted_at is None:
        report.accepted_at = now
    report.save()
    event = _event(report, kind, actor=actor, note=note, from_status=source, to_status=to_status, at=now)
    if case_action:
        cases.transition(submission=report.submission, action=case_action, actor=case_actor, note=note)
    return event


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update(of=("self",)).select_related(
        "submission", "organization", "category").get(pk=report.pk)


def _refuse(report: Report, *allowed: str) -> None:
    if report.status not in allowed:
        raise ValidationError(_("This report is “%(status)s”: that step is not possible now.") % {
            "status": report.get_status_display()})


def _check_officer(actor: Any, report: Report) -> None:
    if not can_handle(actor, report.submission):
        raise PermissionDenied(_("You may not work on this report."))


def _refresh(target: Report, source: Report) -> Report:
    for field in ("status", "closed_at", "done_at", "accepted_at", "department_id", "merged_into_id",
                  "reopen_count", "rating", "rating_comment", "public_note", "updated_at"):
        setattr(target, field, getattr(source, field))
    target.submission = source.submission
    return target


# --- Officer work ---------------------------------------------------------------------------------------------


def accept(*, report: Report, actor: Any, note: str = "") -> Report:
    """The department takes the report on: the acknowledgement target is met."""
    with transaction.atomic():
        locked = _locked(report)
        _refuse(locked, ReportStatus.NEW)
        _check_officer(actor, locked)
        _move(locked, ReportStatus.ACCEPTED, EventKind.ACCEPTED, actor=actor, note=note, case_action="accept",
              case_actor=actor)
    return _refresh(report, locked)


def forward(*, report: Report, department: Any, actor: Any, note: str = "") -> Report:
    """Send the report to another department of the LGO (it is theirs, not ours)."""
    with transaction.atomic():
        locked = _locked(report)
        _refuse(locked, *OPEN_STATUSES)
        _check_officer(actor, locked)
        if department is None or department.organization_id != locked.organization_id:
            raise ValidationError({"department": _("Choose a department of this LGO.")})
        locked.department = department
        locked.save(update_fields=["department", "updated_at"])
        cases.set_department(submission=locked.submission, department=department, note=note, actor=actor)
        _event(locked, EventKind.FORWARDED, actor=actor, note=note, department=department)
    return _refresh(report, locked)


def start_work(*, report: Report, actor: Any, note: str = "") -> Report:
    """Work has started (a crew is on its way); accepts the report first if nobody had."""
    with transaction.atomic():
        locked = _locked(report)
        _refuse(locked, ReportStatus.NEW, ReportStatus.ACCEPTED)
        _check_officer(actor, locked)
        if locked.status == ReportStatus.NEW:
            _move(locked, ReportStatus.ACCEPTED, EventKind.ACCEPTED, actor=actor, case_action="accept",
                  case_actor=actor)
        _move(locked, ReportStatus.IN_PROGRESS, EventKind.IN_PROGRESS, actor=actor, note=note)
    return _refresh(report, locked)


def mark_done(*, report: Report, actor: Any, note: str, photos: Iterable[UploadedFile] = ()) -> Report:
    """Fixed: a note for the citizen and, ideally, a photo after. The citizen may then rate or reopen."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Say what was done: the citizen will see it.")})
    cleaned = clean_photos(list(photos)[:MAX_PHOTOS])
    with transaction.atomic():
        locked = _locked(report)
        _refuse(locked, *OPEN_STATUSES)
        _check_officer(actor, locked)
        if locked.status == ReportStatus.NEW:
            _move(locked, ReportStatus.ACCEPTED, EventKind.ACCEPTED, actor=actor, case_action="accept",
                  case_actor=actor)
        _save_photos(locked, cleaned, kind=PhotoKind.AFTER, actor=actor)
        _move(locked, ReportStatus.DONE, EventKind.DONE, actor=actor, note=note, case_action="complete",
              case_actor=actor)
    return _refresh(report, locked)


def reject_not_ours(*, report: Report, actor: Any, note: str) -> Report:
    """Outside the LGO's authority: the note tells the citizen where to go instead."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tell the citizen where to go instead.")})
    with transaction.atomic():
        locked = _locked(report)
        _refuse(locked, *OPEN_STATUSES)
        _check_officer(actor, locked)
        _move(locked, ReportStatus.NOT_OURS, EventKind.NOT_OURS, actor=actor, note=note, case_action="reject",
              case_actor=actor)
    return _refresh(report, locked)


def merge(*, report: Report, into: Report, actor: Any, note: str = "") -> Report:
    """Close `report` as a duplicate of `into`; its followers (and its reporter) now follow `into`."""
    if into.pk == report.pk or into.organization_id != report.organization_id:
        raise ValidationError({"into": _("Choose another report of this LGO.")})
    with transaction.atomic():
        locked = _locked(report)
        target = Report.objects.select_for_update().get(pk=into.pk)
        _refuse(locked, *OPEN_STATUSES)
        _check_officer(actor, locked)
        if target.merged_into_id or target.status in (ReportStatus.MERGED, ReportStatus.CANCELLED):
            raise ValidationError({"into": _("That report was itself merged or cancelled.")})
        text = note.strip() or _("The same problem was already reported as %(reference)s; follow that report.") % {
            "reference": target.reference}
        locked.merged_into = target
        _move(locked, ReportStatus.MERGED, EventKind.MERGED, actor=actor, note=text, case_action="merge")
        _copy_followers(locked, target)
        _event(target, EventKind.FOLLOWER_ADDED, actor=actor, public=False,
               note=_("Merged from %(reference)s") % {"reference": locked.reference})
    return _refresh(report, locked)


def _copy_followers(source: Report, target: Report) -> None:
    people = {(f.email, f.line_user_id, f.language) for f in source.followers.all()}
    submission = source.submission
    if submission.applicant_email:
        people.add((submission.applicant_email, "", submission.language))
    for email, line_user_id, language in people:
        add_follower(report=target, email=email, line_user_id=line_user_id, language=language)


def add_follower(*, report: Report, email: str = "", line_user_id: str = "", language: str = "th") -> Follower:
    """Someone wants to hear about this report ("already reported? follow it instead"). Idempotent."""
    email = (email or "").strip().lower()
    if not email and not line_user_id:
        raise ValidationError({"email": _("Enter an e-mail address like name@example.com.")})
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise ValidationError({"email": _("Enter an e-mail address like name@example.com.")}) from exc
    lookup = {"email": email} if email else {"line_user_id": line_user_id}
    with transaction.atomic():
        follower, _created = Follower.objects.get_or_create(
            report=report, **lookup, defaults={"line_user_id": line_user_id, "language": language[:10]})
    return follower


# --- The citizen ------------------------------------------------------------------------------------------------


def cancel_by_citizen(*, report: Report, note: str = "") -> Report:
    """The reporter withdraws the report while it is not yet fixed (the caller checked the tracking token)."""
    with transaction.atomic():
        locked = _locked(report)
        _refuse(locked, *OPEN_STATUSES)
        _move(locked, ReportStatus.CANCELLED, EventKind.CANCELLED, note=note.strip(), case_action="withdraw")
    return _refresh(report, locked)


def reopen(*, report: Report, note: str, now: dt.datetime | None = None) -> Report:
    """Not fixed after all: within 14 days of being marked fixed, back to work (counted in the statistics)."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tell us what is still wrong.")})
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(report)
        _refuse(locked, ReportStatus.DONE)
        if locked.done_at and now - locked.done_at > dt.timedelta(days=REOPEN_DAYS):
            raise ValidationError(_("A report can be reopened only within %(days)s days of being fixed. Please "
                                    "file a new report.") % {"days": REOPEN_DAYS})
        locked.reopen_count += 1
        locked.rating, locked.rating_comment = None, ""
        locked.resolve_by = timezone.localdate(now) + dt.timedelta(days=locked.category.resolve_days)
        _move(locked, ReportStatus.IN_PROGRESS, EventKind.REOPENED, note=note, case_action="reopen")
    return _refresh(report, locked)


def rate(*, report: Report, rating: int, comment: str = "") -> Report:
    """The reporter's 1–5 rating of a fixed report, with an optional comment; once per fix."""
    try:
        rating = int(thai.ascii_digits(str(rating)).strip())  # citizens may type Thai digits
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise ValidationError({"rating": _("Choose from 1 to 5 stars.")})
    with transaction.atomic():
        locked = _locked(report)
        _refuse(locked, ReportStatus.DONE)
        if locked.rating is not None:
            raise ValidationError({"rating": _("You have already rated this report.")})
        locked.rating, locked.rating_comment = rating, (comment or "").strip()[:1000]
        locked.save(update_fields=["rating", "rating_comment", "updated_at"])
        _event(locked, EventKind.RATED, note=f"{rating}/5")
    return _refresh(report, locked)


# --- Keeping step with the engine's inbox ---------------------------------------------------------------------

#: Officer actions taken on a complaint case in the e-service inbox, and what they mean for its report.
_FROM_CASE = {
    "accept": (ReportStatus.ACCEPTED, EventKind.ACCEPTED),
    "complete": (ReportStatus.DONE, EventKind.DONE),
    "reject": (ReportStatus.NOT_OURS, EventKind.NOT_OURS),
    "cancel": (ReportStatus.CANCELLED, EventKind.CANCELLED),
}
_CASE_STATUS = {
    ReportStatus.ACCEPTED: SubmissionStatus.IN_REVIEW, ReportStatus.DONE: SubmissionStatus.COMPLETED,
    ReportStatus.NOT_OURS: SubmissionStatus.REJECTED, ReportStatus.CANCELLED: SubmissionStatus.CANCELLED,
}


def follow_case_change(*, change: Any) -> None:
    """An officer moved a complaint case in the e-service inbox: move its report the same way (no-op when this
    module made the move, since the report is already there)."""
    target = _FROM_CASE.get(change.action)
    if target is None:
        return
    report = Report.objects.filter(submission_id=change.submission_id).first()
    if report is None or report.status == target[0] or not report.is_open:
        return
    if report.status == ReportStatus.IN_PROGRESS and target[0] == ReportStatus.ACCEPTED:
        return
    _move(report, target[0], target[1], actor=change.actor, note=change.note)


def can_reopen(report: Report, now: dt.datetime | None = None) -> bool:
    """Whether the reporter may still reopen this report (fixed, within REOPEN_DAYS)."""
    now = now or timezone.now()
    return report.status == ReportStatus.DONE and (report.done_at is None or
                                                   now - report.done_at <= dt.timedelta(days=REOPEN_DAYS))
