"""The write paths of a building permit case beyond the engine's: every clock of the Building Control Act, the
officer's steps (extension, plan-correction order, corrected plans, site inspection, approval with terms, refusal,
refusal without consideration), the permit fee and the permit (อ.1) or receipt of notification it ends in.

Each function is keyword-only and atomic; history rows go through `eservices.services.record_event` or the workflow
(`services.act`), so the case's one write path stays the engine's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import thai
from organizations import calendar

from ... import services as engine
from ...constants import CLOCK_RUNNING_STATUSES, DocumentKind, SubmissionStatus
from ...models import IssuedDocument, PermitDecision, StatusChange, Submission
from ..clocks import add_days
from . import fees
from .constants import (
    APPEAL_DAYS,
    CORRECTED_PLANS_DAYS,
    DECISION_DAYS,
    EV_CLOCK,
    EV_CORRECTED,
    EV_CORRECTION,
    EV_EXTENSION,
    EV_INSPECTION,
    EV_INSPECTION_SCHEDULED,
    EV_ISSUED,
    EV_LAPSED,
    EV_PERMIT_FEE,
    EV_WORK_STARTED,
    EXTENSION_DAYS,
    KEY,
    MAX_EXTENSIONS,
    NOTICE_LAPSE_DAYS,
    NOTICE_RECEIPT_WORKING_DAYS,
    PERMIT_FEE_SOURCE,
    ROUTE_ANSWERS,
    WORK_ANSWERS,
    Route,
)

PERMIT_TITLE = "ใบอนุญาตก่อสร้าง ดัดแปลง รื้อถอน หรือเคลื่อนย้ายอาคาร (แบบ อ.1)"
NOTICE_TITLE = "ใบรับแจ้งการก่อสร้าง ดัดแปลง รื้อถอน หรือเคลื่อนย้ายอาคาร (มาตรา 39 ทวิ)"


def route_of(case: Submission) -> Route:
    return ROUTE_ANSWERS.get(case.answers.get("route", ""), Route.PERMIT)


def _today() -> dt.date:
    return timezone.localdate()


def _events(case: Submission, action: str):
    return StatusChange.objects.filter(submission=case, action=action)


def extensions_used(case: Submission) -> int:
    return _events(case, EV_EXTENSION).count()


def correction_open(case: Submission) -> bool:
    """An order to correct the plans waits for the corrected plans (the 30-day clock has not started)."""
    last_order = _events(case, EV_CORRECTION).order_by("-at", "-pk").first()
    if last_order is None:
        return False
    return not _events(case, EV_CORRECTED).filter(at__gte=last_order.at).exists()


# --- Clocks the engine's transitions start (called from the kind's on_status_changed) --------------------------


def start_clock(case: Submission, *, on: dt.date) -> None:
    """The decision clock of a complete, paid application: 45 days for a permit (s.25), 3 working days for the
    receipt of a notification (s.39 bis). Written on the locked case inside the transition's transaction."""
    if route_of(case) == Route.NOTIFICATION:
        case.due_date = calendar.add_working_days(case.organization, on, NOTICE_RECEIPT_WORKING_DAYS)
    else:
        case.due_date = add_days(on, DECISION_DAYS)
    case.clock_paused_at = None
    case.save(update_fields=["due_date", "clock_paused_at", "updated_at"])
    StatusChange.objects.create(submission=case, from_status=case.status, to_status=case.status, action=EV_CLOCK,
                                note=_("Decision due by %(date)s.") % {"date": thai.thai_date(case.due_date)},
                                is_public=True)


# --- Officer steps ---------------------------------------------------------------------------------------------


def _require_running(case: Submission) -> None:
    if case.status not in CLOCK_RUNNING_STATUSES or case.due_date is None:
        raise ValidationError(_("This step is possible only while the decision clock is running."))


def extend(*, submission: Submission, reasons: str, actor: Any, today: dt.date | None = None) -> StatusChange:
    """Extend the decision limit by 45 days with a written notice and reasons (s.25): at most twice, and only
    before the current limit has passed — afterwards the law allows no extension and the action is refused."""
    today = today or _today()
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationError(_("Give the reasons for the extension: the applicant receives them in writing."))
    case = Submission.objects.get(pk=submission.pk)
    _require_running(case)
    if route_of(case) != Route.PERMIT:
        raise ValidationError(_("A notification cannot be extended."))
    if today > case.due_date:
        raise ValidationError(_("The time limit ended on %(date)s: an extension must be notified before it ends.")
                              % {"date": thai.thai_date(case.due_date)})
    used = extensions_used(case)
    if used >= MAX_EXTENSIONS:
        raise ValidationError(_("The time limit has already been extended twice, the most the law allows."))
    new_due = add_days(case.due_date, EXTENSION_DAYS)
    note = _("Extension %(n)d of %(max)d: the decision is now due by %(date)s. Reasons: %(reasons)s") % {
        "n": used + 1, "max": MAX_EXTENSIONS, "date": thai.thai_date(new_due), "reasons": reasons}
    return engine.record_event(submission=submission, action=EV_EXTENSION, note=note, actor=actor, due_date=new_due)


def order_correction(*, submission: Submission, items: str, actor: Any) -> StatusChange:
    """Order the applicant to correct the plans (s.27): the decision then waits for the corrected plans."""
    items = (items or "").strip()
    if not items:
        raise ValidationError(_("List what must be corrected: the applicant will see it."))
    case = Submission.objects.get(pk=submission.pk)
    if case.status != SubmissionStatus.IN_REVIEW or route_of(case) != Route.PERMIT:
        raise ValidationError(_("Plans can be ordered corrected only while a permit application is considered."))
    if correction_open(case):
        raise ValidationError(_("An order to correct the plans is already waiting for the corrected plans."))
    note = _("Order to correct the plans (s.27): %(items)s") % {"items": items}
    return engine.record_event(submission=submission, action=EV_CORRECTION, note=note, actor=actor, due_date=None)


def record_corrected_plans(*, submission: Submission, actor: Any, received_on: dt.date,
                           files: Iterable[UploadedFile] = ()) -> StatusChange:
    """The corrected plans arrived: the decision is due within 30 days of them (s.27)."""
    case = Submission.objects.get(pk=submission.pk)
    if not correction_open(case):
        raise ValidationError(_("No order to correct the plans is waiting."))
    if received_on > _today():
        raise ValidationError(_("The date the corrected plans arrived cannot be in the future."))
    due = add_days(received_on, CORRECTED_PLANS_DAYS)
    with transaction.atomic():
        engine.attach_files(submission=case, files=files, actor=actor, field_key="corrected_plans")
        note = _("Corrected plans received on %(on)s: the decision is due by %(date)s.") % {
            "on": thai.thai_date(received_on), "date": thai.thai_date(due)}
        return engine.record_event(submission=submission, action=EV_CORRECTED, note=note, actor=actor,
                                   due_date=due)


def schedule_inspection(*, submission: Submission, on: dt.date, inspector: str, actor: Any) -> StatusChange:
    inspector = (inspector or "").strip()
    if not inspector:
        raise ValidationError(_("Name the inspector."))
    note = _("Site inspection scheduled on %(on)s by %(who)s.") % {"on": thai.thai_date(on), "who": inspector}
    return engine.record_event(submission=submission, action=EV_INSPECTION_SCHEDULED, note=note, actor=actor)


def record_inspection(*, submission: Submission, on: dt.date, inspector: str, findings: str, actor: Any,
                      photos: Iterable[UploadedFile] = ()) -> StatusChange:
    """What the inspector found on site, with photos (kept with the case, for officers)."""
    inspector, findings = (inspector or "").strip(), (findings or "").strip()
    if not inspector or not findings:
        raise ValidationError(_("Name the inspector and write what was found."))
    if on > _today():
        raise ValidationError(_("An inspection cannot be recorded before it happened."))
    with transaction.atomic():
        engine.attach_files(submission=submission, files=photos, actor=actor, field_key="inspection")
        note = _("Site inspection on %(on)s by %(who)s: %(findings)s") % {
            "on": thai.thai_date(on), "who": inspector, "findings": findings}
        return engine.record_event(submission=submission, action=EV_INSPECTION, note=note, actor=actor,
                                   public=False)


def approve(*, submission: Submission, actor: Any, conditions: str = "", validity_days: int) -> StatusChange:
    """Approve with conditions and a validity. A permit's fee is invoiced now and the permit (อ.1) issued when it is
    paid; a notification (its fees paid with it) gets its receipt of notification at once."""
    if validity_days < 1:
        raise ValidationError(_("Give how long the permit is valid."))
    with transaction.atomic():
        case = Submission.objects.select_for_update().get(pk=submission.pk)
        if correction_open(case):
            raise ValidationError(_("The plans are being corrected: wait for the corrected plans."))
        notification = route_of(case) == Route.NOTIFICATION
        paid_already = notification or bool(case.answers.get("followup"))  # with the notification or follow-up
        fee = Decimal("0.00") if paid_already else fees.permit_fee(case.answers, fees.rates_for(case.organization))
        PermitDecision.objects.create(organization=case.organization, submission=case, conditions=conditions.strip(),
                                      validity_days=validity_days, permit_fee=fee, decided_by=actor)
        change = engine.transition(submission=submission, action="approve", actor=actor, note=conditions.strip())
        if fee:
            _raise_permit_fee(case, fee)
        else:
            issue(submission=case)
    return change


def _raise_permit_fee(case: Submission, fee: Decimal):
    from payments.services import InvoiceLineData, create_invoice

    work = WORK_ANSWERS.get(case.answers.get("work", ""))
    invoice = create_invoice(
        organization=case.organization, payer_name=case.applicant_name or case.reference,
        lines=[InvoiceLineData(description=_("Building permit fee (%(work)s)") % {"work": work.label if work else ""},
                               amount=fee)],
        ref1=case.ref1, ref2=f"{thai.be_year(case.submitted_at)}2",
        due_date=calendar.add_working_days(case.organization, _today(), 15),
        source_type=PERMIT_FEE_SOURCE, source_id=str(case.pk), payer_email=case.applicant_email,
        payer_phone=case.applicant_phone, payer_id=case.applicant_national_id,
    )
    StatusChange.objects.create(submission=case, from_status=case.status, to_status=case.status,
                                action=EV_PERMIT_FEE, is_public=True,
                                note=_("Pay the permit fee of %(amount)s baht: the permit is issued when it is paid.")
                                % {"amount": f"{fee:,.2f}"})
    return invoice


def public_details(case: Submission) -> dict[str, str]:
    """What the permit and the public register show: the work, where, the building; never a person."""
    answers = case.answers
    site = answers.get("site") or {}
    building = " ".join(str(p) for p in (answers.get("building_type"), answers.get("use") and
                                          f"ใช้เป็น{answers.get('use')}") if p)
    storeys = answers.get("storeys")
    return {
        "ประเภทงาน": answers.get("work", ""),
        "ที่ตั้งอาคาร": site.get("text", "") if isinstance(site, dict) else str(site),
        "เอกสารสิทธิ์ที่ดิน": f"{answers.get('deed_type', '')} เลขที่ {answers.get('deed_number', '')}".strip(),
        "อาคาร": f"{building} {storeys} ชั้น".strip() if storeys else building,
        "พื้นที่": f"{answers.get('floor_area', '')} ตร.ม.",
    }


def issue(*, submission: Submission) -> IssuedDocument:
    """Issue the permit (อ.1) or the receipt of notification with its terms and verification QR (idempotent)."""
    with transaction.atomic():
        case = Submission.objects.select_for_update().select_related("organization").get(pk=submission.pk)
        existing = case.issued_documents.first()
        if existing is not None:
            return existing
        decision = PermitDecision.objects.get(submission=case)
        if case.answers.get("followup"):
            return _issue_followup(case, decision)
        notification = route_of(case) == Route.NOTIFICATION
        details = public_details(case)
        if decision.conditions:
            details["เงื่อนไข"] = decision.conditions
        details["ผู้ควบคุมงาน"] = " ".join(
            p for p in (case.answers.get("supervisor_name", ""), case.answers.get("supervisor_licence", "")) if p)
        valid_until = None if notification else _today() + dt.timedelta(days=decision.validity_days)
        document = engine.issue_document(
            organization=case.organization, submission=case,
            kind=DocumentKind.RECEIPT_OF_NOTICE if notification else DocumentKind.PERMIT,
            title=NOTICE_TITLE if notification else PERMIT_TITLE, holder_name=case.applicant_name,
            details=details, valid_until=valid_until, actor=decision.decided_by,
        )
        StatusChange.objects.create(submission=case, from_status=case.status, to_status=case.status,
                                    action=EV_ISSUED, is_public=True,
                                    note=_("%(title)s number %(number)s issued.") % {"title": document.title,
                                                                                   "number": document.number})
    return document


def _issue_followup(case: Submission, decision: PermitDecision) -> IssuedDocument:
    """A renewal extends the permit from its old expiry; a transfer names the transferee. The new permit replaces
    the old one, which is revoked with the reason (so /verify/ and the register show only the new one)."""
    from .followups import RENEWAL

    original = Submission.objects.for_organization(case.organization).get(reference=case.answers["original_reference"])
    old = original.issued_documents.filter(revoked=False).order_by("-issued_at").first()
    if old is None:
        raise ValidationError(_("The permit to renew or transfer is no longer valid."))
    renewal = case.answers.get("followup") == RENEWAL
    valid_until = old.valid_until
    if renewal and valid_until:
        valid_until = valid_until + dt.timedelta(days=decision.validity_days)
    details = dict(old.details)
    if decision.conditions:
        details["เงื่อนไข"] = decision.conditions
    document = engine.issue_document(
        organization=case.organization, submission=case, kind=old.kind, title=old.title,
        holder_name=old.holder_name if renewal else case.answers.get("new_holder_name", ""), details=details,
        valid_until=valid_until, actor=decision.decided_by,
    )
    engine.lapse_document(document=old, reason=_("Replaced by permit number %(number)s (%(what)s).") % {
        "number": document.number, "what": case.answers.get("followup", "")})
    StatusChange.objects.create(submission=case, from_status=case.status, to_status=case.status, action=EV_ISSUED,
                                is_public=True, note=_("%(title)s number %(number)s issued.") % {
                                    "title": document.title, "number": document.number})
    return document


def refuse(*, submission: Submission, reasons: str, actor: Any, unlicensed: bool = False) -> StatusChange:
    """Refuse, with the reasons and the appeal route (s.52: to the building appeal committee within 30 days of
    receiving the order). `unlicensed`: refused without consideration because a named designer is not licensed for
    the work (s.26)."""
    reasons = (reasons or "").strip()
    if not reasons:
        raise ValidationError(_("Give the reasons: the applicant will see them."))
    last_day = add_days(_today(), APPEAL_DAYS)
    head = _("Refused without consideration (s.26): ") if unlicensed else _("Refused: ")
    appeal = _("You may appeal to the building appeal committee through this office within %(days)d days of "
               "receiving this order (by %(date)s).") % {"days": APPEAL_DAYS, "date": thai.thai_date(last_day)}
    return engine.transition(submission=submission, action="reject", actor=actor, note=f"{head}{reasons}\n{appeal}")


def record_work_started(*, submission: Submission, on: dt.date, actor: Any) -> StatusChange:
    """The notifier started the work (a notification lapses if work has not started within 120 days)."""
    if on > _today():
        raise ValidationError(_("Work cannot have started in the future."))
    note = _("Work started on %(on)s.") % {"on": thai.thai_date(on)}
    return engine.record_event(submission=submission, action=EV_WORK_STARTED, note=note, actor=actor)


def lapse_notifications(*, today: dt.date | None = None) -> int:
    """Revoke every receipt of notification whose work has not started within 120 days (all LGOs); returns how
    many lapsed. Idempotent: run daily (`manage.py lapse_building_notices`)."""
    today = today or _today()
    cutoff = today - dt.timedelta(days=NOTICE_LAPSE_DAYS)
    lapsed = 0
    documents = (IssuedDocument.objects.filter(submission__service_kind=KEY, kind=DocumentKind.RECEIPT_OF_NOTICE,
                                               revoked=False, issued_at__date__lt=cutoff)
                 .exclude(submission__status_changes__action=EV_WORK_STARTED).select_related("submission"))
    for document in documents:
        reason = _("Lapsed: work had not started within %(days)d days of the receipt of notification.") % {
            "days": NOTICE_LAPSE_DAYS}
        with transaction.atomic():
            if not engine.lapse_document(document=document, reason=reason):
                continue
            engine.record_event(submission=document.submission, action=EV_LAPSED, note=reason)
        lapsed += 1
    return lapsed


def save_rates(*, rates: Any, actor: Any) -> Any:
    """Save the LGO's fee rates after checking each against the schedule's ceiling (an LGO may charge less)."""
    rates.full_clean()
    rates.updated_by = actor
    with transaction.atomic():
        rates.save()
    return rates
