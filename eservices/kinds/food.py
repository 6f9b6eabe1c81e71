"""Food places (สถานที่จำหน่ายอาหาร/สะสมอาหาร) under the Public Health Act B.E. 2535 as amended (2560).

Three kinds on the case machinery:

- **notification** (การแจ้ง, s.48) for premises of at most 200 m² not in a market: the citizen gets the receipt of
  notification (ใบรับแจ้ง) at once, as a PDF with a verification QR, and may operate on it temporarily. The LGO issues
  the certificate (หนังสือรับรองการแจ้ง) within 7 working days, or sends one defect notice within those 7 working days;
  the operator then has 7 working days to fix it, or the notification lapses (`deadlines.lapse_unanswered`).
- **licence** (ใบอนุญาต, s.55–56) for larger premises: decided within 30 days of a complete application, at most two
  extensions of 15 days each notified before the deadline, all defects in one notice, valid one year.
- **follow-up** of a holder: replacement of a lost or damaged document (within 15 days of the loss), transfer to a new
  operator, closure, and renewal of a licence before it expires.

The annual fee (s.65) of every certificate and licence is billed by `eservices.annualfees`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..constants import DocumentKind, SubmissionStatus
from ..forms.definition import DEFINITION_VERSION, normalise, question
from .base import ServiceKind
from .registry import register

FOOD_NOTIFICATION = "food_notification"
FOOD_LICENCE = "food_licence"
FOOD_FOLLOWUP = "food_followup"
#: Kinds whose certificate or licence carries the annual fee and can be followed up by its holder (a replacement,
#: transfer or renewal is issued on the follow-up's own case).
HOLDER_KINDS = (FOOD_NOTIFICATION, FOOD_LICENCE, FOOD_FOLLOWUP)
#: Premises above this floor area need a licence, not a notification (ministerial regulation under s.48).
MAX_NOTIFICATION_AREA = Decimal("200")
#: The certificate or a defect notice within 7 working days of the notification; 7 working days to fix a defect.
DECISION_WORKING_DAYS = 7
DEFECT_REPLY_WORKING_DAYS = 7
#: A lost or damaged document is to be replaced on a request made within 15 days of the loss.
REPLACEMENT_DAYS = 15

PREMISES_KINDS = ("สถานที่จำหน่ายอาหาร (ร้านอาหาร ร้านเครื่องดื่ม)", "สถานที่สะสมอาหาร (ร้านขายของชำ คลังสินค้า)")
OPERATOR_PERSON, OPERATOR_COMPANY = "บุคคลธรรมดา", "นิติบุคคล (บริษัท ห้างหุ้นส่วน)"
OWN_PREMISES, RENTED_PREMISES = "เป็นเจ้าของสถานที่", "เช่าหรือได้รับความยินยอมจากเจ้าของ"
FOLLOWUP_REPLACEMENT = "ขอใบแทน (เอกสารสูญหายหรือชำรุด)"
FOLLOWUP_TRANSFER = "แจ้งโอนกิจการให้ผู้อื่น"
FOLLOWUP_CLOSURE = "แจ้งเลิกกิจการ"
FOLLOWUP_RENEWAL = "ต่ออายุใบอนุญาต (ก่อนใบอนุญาตสิ้นอายุ)"
FOLLOWUPS = (FOLLOWUP_REPLACEMENT, FOLLOWUP_TRANSFER, FOLLOWUP_CLOSURE, FOLLOWUP_RENEWAL)
_DOCS = ["image/jpeg", "image/png", "application/pdf"]


def _field(kind: str, key: str, label: str, requirement: str = "required", **extra: Any) -> dict[str, Any]:
    return {"type": kind, **question(kind, key, label, requirement, **extra)}


def _step(key: str, title: str, fields: list[dict[str, Any]], description: str = "", **show_if: str) -> dict:
    return {"key": key, "title": title, "description": description, "fields": fields,
            "show_if_field": show_if.get("field", ""), "show_if_value": show_if.get("value", "")}


def _sibling_url(page, kind_key: str) -> str:
    """The address of the LGO's live service of `kind_key` next to `page` ("" when it offers none)."""
    from organizations.links import absolute_url

    from ..models import ServicePage

    if page is None or not page.pk:
        return ""
    sibling = ServicePage.objects.sibling_of(page).live().filter(service_kind=kind_key).first()
    if sibling is None:
        return ""
    return absolute_url(sibling.get_url_parts()[2], page.organization)


def _premises_fields(*, licence: bool, licence_url: str = "") -> list[dict[str, Any]]:
    if licence:
        area = _field("number", "area", "พื้นที่ประกอบการ", min_value="200.01", decimal_places=2, unit="ตารางเมตร",
                      help_text="พื้นที่ทั้งหมดที่ใช้ประกอบกิจการ รวมที่นั่งรับประทาน ครัว และที่เก็บอาหาร",
                      min_message="สถานที่ที่มีพื้นที่ไม่เกิน 200 ตารางเมตร ใช้การแจ้งจัดตั้ง (มาตรา 48) "
                                  "ไม่ต้องขอใบอนุญาต")
    else:
        where = f" ที่ {licence_url}" if licence_url else " ในหน้าบริการออนไลน์ของ อปท."
        area = _field("number", "area", "พื้นที่ประกอบการ", min_value="1", max_value=str(MAX_NOTIFICATION_AREA),
                      decimal_places=2, unit="ตารางเมตร",
                      help_text="พื้นที่ทั้งหมดที่ใช้ประกอบกิจการ รวมที่นั่งรับประทาน ครัว และที่เก็บอาหาร "
                                f"ถ้าเกิน 200 ตารางเมตร ต้องขอใบอนุญาตแทนการแจ้ง{where}",
                      max_message="สถานที่ที่มีพื้นที่เกิน 200 ตารางเมตร ต้องขอใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหาร"
                                  f"หรือสะสมอาหาร (มาตรา 56) แทนการแจ้ง: ยื่นขอใบอนุญาต{where}")
    return [
        _field("short_text", "premises_name", "ชื่อสถานที่ (ชื่อร้าน)", max_length=200),
        _field("choice", "premises_kind", "ประเภทสถานที่", style="radios", options="\n".join(PREMISES_KINDS)),
        area,
        _field("number", "seats", "จำนวนที่นั่ง", min_value="0", unit="ที่นั่ง",
               help_text="ใส่ 0 ถ้าไม่มีที่นั่งรับประทาน"),
        _field("short_text", "food_type", "ประเภทอาหารที่จำหน่ายหรือสะสม", max_length=200,
               help_text="เช่น อาหารตามสั่ง ก๋วยเตี๋ยว เครื่องดื่ม ของชำ"),
        _field("short_text", "hours", "วันและเวลาทำการ", max_length=200, help_text="เช่น ทุกวัน 07:00–20:00 น."),
        _field("address", "premises_address", "ที่ตั้งสถานที่"),
        _field("location", "place", "ตำแหน่งบนแผนที่", "optional"),
        _field("declaration", "not_in_market", "สถานที่นี้ไม่ได้ตั้งอยู่ในตลาด",
               help_text="แผงหรือร้านในตลาดอยู่ภายใต้การควบคุมตลาด ติดต่อผู้ดูแลตลาดหรือ อปท. โดยตรง"),
    ]


def _operator_steps() -> list[dict[str, Any]]:
    return [
        _step("2", "ผู้ประกอบการ", [
            _field("choice", "operator_type", "ผู้ประกอบการเป็น", style="radios",
                   options=f"{OPERATOR_PERSON}\n{OPERATOR_COMPANY}"),
            _field("short_text", "applicant_name", "ชื่อ-นามสกุลผู้ประกอบการหรือผู้ยื่นแทนนิติบุคคล",
                   applicant_role="name", max_length=200),
            _field("national_id", "national_id", "เลขประจำตัวประชาชน", applicant_role="national_id"),
            _field("phone", "phone", "เบอร์โทรศัพท์", applicant_role="phone"),
            _field("email", "email", "อีเมล", "soft", applicant_role="email",
                   help_text="เราจะส่งใบรับแจ้ง หนังสือรับรอง และใบแจ้งค่าธรรมเนียมรายปีไปที่อีเมลนี้"),
            _field("choice", "premises_right", "สิทธิในสถานที่", style="radios",
                   options=f"{OWN_PREMISES}\n{RENTED_PREMISES}"),
        ]),
        _step("3", "ข้อมูลนิติบุคคล", [
            _field("short_text", "company_name", "ชื่อนิติบุคคล", max_length=200),
            _field("short_text", "company_number", "เลขทะเบียนนิติบุคคล", max_length=13),
            _field("file", "company_papers", "หนังสือรับรองการจดทะเบียนนิติบุคคล (ไม่เกิน 6 เดือน)",
                   allowed_types=_DOCS, max_size_mb=10, max_count=3),
        ], field="operator_type", value=OPERATOR_COMPANY),
    ]


def _document_step(key: str) -> dict[str, Any]:
    return _step(key, "เอกสารประกอบ", [
        _field("file", "id_card", "สำเนาบัตรประจำตัวประชาชนของผู้ประกอบการ", allowed_types=_DOCS, max_size_mb=10),
        _field("file", "house_registration", "สำเนาทะเบียนบ้านของสถานที่ประกอบการ", allowed_types=_DOCS,
               max_size_mb=10),
        _field("file", "consent", "หนังสือยินยอมหรือสัญญาเช่าสถานที่", allowed_types=_DOCS, max_size_mb=10,
               max_count=3, show_if_field="premises_right", show_if_value=RENTED_PREMISES),
        _field("file", "premises_photos", "ภาพถ่ายสถานที่ (ถ้ามี)", "optional",
               allowed_types=["image/jpeg", "image/png"], max_size_mb=10, max_count=5),
        _field("declaration", "truthful", "ข้าพเจ้าขอรับรองว่าข้อความและเอกสารข้างต้นเป็นความจริง"),
    ], description="ไฟล์ JPG, PNG หรือ PDF ไม่เกิน 10 MB ต่อไฟล์")


def notification_definition(page=None) -> dict[str, Any]:
    """The notification form (แบบ สอ.3): premises (≤ 200 m², not in a market), operator, documents."""
    steps = [_step("1", "สถานที่จำหน่ายหรือสะสมอาหาร", _premises_fields(
        licence=False, licence_url=_sibling_url(page, FOOD_LICENCE)),
        description="การแจ้งใช้กับสถานที่ที่มีพื้นที่ไม่เกิน 200 ตารางเมตรและไม่ได้อยู่ในตลาด"),
        *_operator_steps(), _document_step("4")]
    return normalise({"version": DEFINITION_VERSION, "steps": steps})


def licence_definition(page=None) -> dict[str, Any]:
    """The licence application (แบบ สอ.1) for premises over 200 m²: the same facts as a notification."""
    steps = [_step("1", "สถานที่จำหน่ายหรือสะสมอาหาร", _premises_fields(licence=True),
                   description="ใบอนุญาตใช้กับสถานที่ที่มีพื้นที่เกิน 200 ตารางเมตร"),
             *_operator_steps(), _document_step("4")]
    return normalise({"version": DEFINITION_VERSION, "steps": steps})


def followup_definition(page=None) -> dict[str, Any]:
    """What a holder asks about their certificate or licence: a replacement, a transfer, closure or renewal."""
    steps = [
        _step("1", "เรื่องที่ขอ", [
            _field("choice", "request", "ต้องการ", style="radios", options="\n".join(FOLLOWUPS)),
            _field("short_text", "document_code", "เลขที่หรือรหัสตรวจสอบของหนังสือรับรองหรือใบอนุญาต", max_length=40,
                   help_text="พิมพ์อยู่ใต้คิวอาร์โค้ดบนเอกสาร เช่น 12/2569 หรือ ABCD2345EFGH"),
        ]),
        _step("2", "การสูญหายหรือชำรุด", [
            _field("date", "lost_on", "วันที่สูญหายหรือชำรุด", date_range="past",
                   help_text="ต้องยื่นขอใบแทนภายใน 15 วันนับแต่วันที่ทราบ"),
            _field("long_text", "loss_details", "รายละเอียด", max_length=2000),
        ], field="request", value=FOLLOWUP_REPLACEMENT),
        _step("3", "ผู้รับโอนกิจการ", [
            _field("short_text", "new_holder_name", "ชื่อ-นามสกุลหรือชื่อนิติบุคคลของผู้รับโอน", max_length=200),
            _field("national_id", "new_holder_id", "เลขประจำตัวประชาชนของผู้รับโอน"),
            _field("file", "transfer_consent", "หนังสือแสดงความยินยอมของผู้รับโอน", allowed_types=_DOCS,
                   max_size_mb=10),
        ], field="request", value=FOLLOWUP_TRANSFER),
        _step("4", "การเลิกกิจการ", [
            _field("date", "closed_on", "วันที่เลิกกิจการ"),
        ], field="request", value=FOLLOWUP_CLOSURE),
        _step("5", "ผู้ยื่นคำขอ (ผู้ถือหนังสือรับรองหรือใบอนุญาต)", [
            _field("short_text", "applicant_name", "ชื่อ-นามสกุล", applicant_role="name", max_length=200),
            _field("national_id", "national_id", "เลขประจำตัวประชาชน", applicant_role="national_id",
                   help_text="ต้องเป็นเลขเดียวกับที่ใช้ยื่นแจ้งหรือขอใบอนุญาต"),
            _field("phone", "phone", "เบอร์โทรศัพท์", applicant_role="phone"),
            _field("email", "email", "อีเมล", "soft", applicant_role="email"),
            _field("declaration", "truthful", "ข้าพเจ้าขอรับรองว่าข้อความข้างต้นเป็นความจริง"),
        ]),
    ]
    return normalise({"version": DEFINITION_VERSION, "steps": steps})


#: The facts printed on food-place documents and shown on /verify/ (about the premises, not the operator).
PUBLIC_DETAILS = frozenset({"ชื่อสถานที่", "ประเภท", "ที่ตั้ง", "พื้นที่", "จำนวนที่นั่ง", "ประเภทอาหาร",
                            "วันและเวลาทำการ", "สถานะ", "เลขที่คำขอ", "แทนเอกสารเลขที่"})


def premises_details(answers: dict[str, Any]) -> dict[str, str]:
    """The facts printed on a receipt, certificate or licence and shown on its verification page (no personal data
    beyond the holder's name, which the document itself carries)."""
    from ..forms import registry as field_types

    address = field_types.get("address").display(answers.get("premises_address"), {})
    area = answers.get("area")
    return {
        "ชื่อสถานที่": str(answers.get("premises_name", "")),
        "ประเภท": str(answers.get("premises_kind", "")),
        "ที่ตั้ง": address,
        "พื้นที่": f"{Decimal(str(area)):,} ตารางเมตร" if area not in (None, "") else "",
        "จำนวนที่นั่ง": str(answers.get("seats", "")),
        "ประเภทอาหาร": str(answers.get("food_type", "")),
        "วันและเวลาทำการ": str(answers.get("hours", "")),
    }


def public_premises_details(document) -> list[tuple[str, str]]:
    """What /verify/ shows of a food-place document: the premises facts it carries, never the operator's ID or
    contact details (the holder's name is shown by the page itself)."""
    return [(label, value) for label, value in (document.details or {}).items() if label in PUBLIC_DETAILS and value]


def _holder(submission) -> str:
    answers = submission.answers
    if answers.get("operator_type") == OPERATOR_COMPANY and answers.get("company_name"):
        return str(answers["company_name"])
    return submission.applicant_name


def _withdraw_open_documents(submission, kind: str, reason: str) -> None:
    from ..services import withdraw_document

    for document in submission.issued_documents.filter(kind=kind, revoked=False):
        withdraw_document(document=document, reason=reason)


class FoodNotificationKind(ServiceKind):
    """Notification of a food place of at most 200 m² (Public Health Act s.48): receipt at once, certificate in 7
    working days or one defect notice in those 7 days, 7 working days to fix it or the notification lapses."""

    key = FOOD_NOTIFICATION
    label = _("Food place notification (≤ 200 m², fixed form)")
    editor_builds_form = False
    allowed_actions = frozenset({"accept", "request_information", "approve", "reject", "cancel", "complete"})
    action_labels = {
        "request_information": _("Send the defect notice"),
        "approve": _("Issue the certificate of notification"),
        "reject": _("Refuse the notification"),
    }
    defect_reply_days = DEFECT_REPLY_WORKING_DAYS
    lapses_when_unanswered = True
    document_kind = DocumentKind.CERTIFICATE
    document_title = "หนังสือรับรองการแจ้งจัดตั้งสถานที่จำหน่ายอาหารหรือสะสมอาหาร"

    def definition(self, page) -> dict[str, Any]:
        return notification_definition(page)

    def public_details(self, document) -> list[tuple[str, str]]:
        return public_premises_details(document)

    def admin_panel(self, *, case, request) -> dict[str, Any]:
        """The legal clocks of the case, its documents, and the annual fees of its certificate with the "more than
        two consecutive misses" flag (s.65) the officer acts on."""
        from organizations.calendar import add_working_days

        from ..annualfees import MISSES_TOLERATED, consecutive_misses

        documents = list(case.issued_documents.all())
        certificate = next((d for d in documents if d.kind == self.document_kind and not d.revoked), None)
        fees = list(certificate.annual_fees.order_by("-year")) if certificate else []
        misses = consecutive_misses(certificate) if fees else 0
        info = case.info_request if case.has_info_request else None
        open_case = case.status in (SubmissionStatus.SUBMITTED, SubmissionStatus.IN_REVIEW)
        return {
            "template": "eservices/admin/food_panel.html", "title": self.label, "documents": documents,
            "fees": fees, "misses": misses, "flagged": misses > MISSES_TOLERATED,
            "reply_by": info.reply_by if info and not info.is_answered else None,
            "defect_deadline": add_working_days(case.organization, timezone.localdate(case.received_at),
                                                DECISION_WORKING_DAYS)
            if self.lapses_when_unanswered and open_case and not case.has_info_request else None,
            "max_extensions": self.max_extensions, "extensions_used": case.extensions_used if self.max_extensions
            else 0,
        }

    def allows_now(self, action: str, submission) -> bool:
        """The defect notice only within 7 working days of the notification (after that, the certificate is owed)."""
        if not self.allows(action):
            return False
        if action == "request_information":
            from organizations.calendar import add_working_days

            last = add_working_days(submission.organization, timezone.localdate(submission.received_at),
                                    DECISION_WORKING_DAYS)
            return timezone.localdate() <= last
        return True

    def after_filed(self, submission) -> None:
        """The receipt of notification (ใบรับแจ้ง), issued at once: the operator may run the business on it until
        the certificate is issued or the notification lapses (s.48 para. 2)."""
        from ..services import issue_document

        details = {**premises_details(submission.answers),
                   "สถานะ": "ดำเนินกิจการได้ชั่วคราวระหว่างรอหนังสือรับรองการแจ้ง (มาตรา 48 วรรคสอง)",
                   "เลขที่คำขอ": submission.reference}
        issue_document(organization=submission.organization, kind=DocumentKind.RECEIPT_OF_NOTICE,
                       title="ใบรับแจ้งการจัดตั้งสถานที่จำหน่ายอาหารหรือสะสมอาหาร", holder_name=_holder(submission),
                       submission=submission, details=details)

    def issue_document(self, submission, actor):
        from ..services import issue_document

        validity = submission.document_validity_days
        valid_until = timezone.localdate() + dt.timedelta(days=validity) if validity else None
        return issue_document(organization=submission.organization, kind=self.document_kind,
                              title=self.document_title, holder_name=_holder(submission), submission=submission,
                              details=premises_details(submission.answers), valid_until=valid_until, actor=actor)

    def on_status_changed(self, submission, change) -> None:
        """The receipt of notification stops counting once the certificate is issued or the notification ends."""
        if change.to_status == SubmissionStatus.APPROVED:
            certificate = submission.issued_documents.filter(kind=self.document_kind).first()
            number = certificate.number if certificate else ""
            _withdraw_open_documents(submission, DocumentKind.RECEIPT_OF_NOTICE,
                                     f"ออกหนังสือรับรองการแจ้งเลขที่ {number} แทนแล้ว")
        elif change.to_status in (SubmissionStatus.REJECTED, SubmissionStatus.CANCELLED):
            reason = "การแจ้งสิ้นผล: ไม่แก้ไขตามหนังสือแจ้งภายในกำหนด" if change.action == "lapse" else (
                change.note or "การแจ้งสิ้นผล")
            _withdraw_open_documents(submission, DocumentKind.RECEIPT_OF_NOTICE, reason)


class FoodLicenceKind(FoodNotificationKind):
    """Licence of a food place over 200 m² (Public Health Act s.55–56): one defect list, a decision within 30 days
    of a complete application, at most two 15-day extensions notified before the deadline, valid one year."""

    key = FOOD_LICENCE
    label = _("Food place licence (> 200 m², fixed form)")
    allowed_actions = frozenset({"accept", "request_information", "approve", "reject", "cancel", "complete",
                                 "extend"})
    action_labels = {
        "request_information": _("Send the list of all defects"),
        "approve": _("Issue the licence"),
        "reject": _("Refuse the licence"),
    }
    calendar_days = True
    max_extensions = 2
    extension_days = 15
    defect_reply_days = None
    lapses_when_unanswered = False
    document_kind = DocumentKind.LICENCE
    document_title = "ใบอนุญาตจัดตั้งสถานที่จำหน่ายอาหารหรือสะสมอาหาร"

    def definition(self, page) -> dict[str, Any]:
        return licence_definition(page)

    def allows_now(self, action: str, submission) -> bool:
        return self.allows(action)

    def after_filed(self, submission) -> None:
        return None  # a licence is needed before operating: nothing to show until it is issued

    def on_status_changed(self, submission, change) -> None:
        return None


class FoodFollowUpKind(ServiceKind):
    """A holder's request about their food-place certificate or licence (replacement, transfer, closure, renewal):
    the document is found by its number or verification code and the holder's national ID when the request is
    filed; approval issues the replacement, the new holder's or the renewed document and withdraws the old one."""

    key = FOOD_FOLLOWUP
    label = _("Food place: holder's follow-up request (fixed form)")
    editor_builds_form = False
    allowed_actions = frozenset({"accept", "request_information", "approve", "reject", "cancel", "complete"})

    def definition(self, page) -> dict[str, Any]:
        return followup_definition(page)

    def public_details(self, document) -> list[tuple[str, str]]:
        return public_premises_details(document)

    def fee(self, page, answers):
        return page.fee_amount if answers.get("request") == FOLLOWUP_RENEWAL and page.fee_amount else None

    def after_filed(self, submission) -> None:
        """Link the holder's document (refusing the request when none matches) and check what the request needs."""
        from ..holders import find_holder_document

        answers = submission.answers
        document = find_holder_document(organization=submission.organization, code=answers.get("document_code", ""),
                                        national_id=submission.applicant_national_id, kinds=HOLDER_KINDS)
        if document is None:
            raise ValidationError(gettext(
                "No valid certificate or licence of this LGO has that number or code for this national ID number. "
                "Check the number printed under the QR code and the ID number used when the business was notified."))
        request = answers.get("request")
        if request == FOLLOWUP_RENEWAL and document.kind != DocumentKind.LICENCE:
            raise ValidationError(gettext("Only a licence is renewed; a certificate of notification has no end date."))
        if request == FOLLOWUP_RENEWAL and document.valid_until and document.valid_until < timezone.localdate():
            raise ValidationError(gettext("The licence has expired: renewal must be asked for before it expires. "
                                          "Apply for a new licence instead."))
        type(submission).objects.filter(pk=submission.pk).update(
            answers={**answers, "document_id": document.pk, "document_number": document.number})
        submission.answers = {**answers, "document_id": document.pk, "document_number": document.number}

    def issue_document(self, submission, actor):
        """Approval acts on the holder's document: a new document for a replacement, transfer or renewal (the old
        one withdrawn with the reason), or, for a closure, the old one withdrawn and nothing new issued."""
        from ..models import IssuedDocument
        from ..services import issue_document, withdraw_document

        answers = submission.answers
        old = IssuedDocument.objects.for_organization(submission.organization).get(pk=answers["document_id"])
        request = answers.get("request")
        if request == FOLLOWUP_CLOSURE:
            withdraw_document(document=old, reason=f"เลิกกิจการ (คำขอ {submission.reference})", actor=actor)
            return old
        holder, valid_until, title = old.holder_name, old.valid_until, old.title
        if request == FOLLOWUP_TRANSFER:
            holder = str(answers.get("new_holder_name") or holder)
        if request == FOLLOWUP_RENEWAL:
            start = max(old.valid_until or timezone.localdate(), timezone.localdate())
            valid_until = start + dt.timedelta(days=365)
        if request == FOLLOWUP_REPLACEMENT:
            title = f"{old.title} (ใบแทน)"
        new = issue_document(organization=submission.organization, kind=old.kind, title=title, holder_name=holder,
                             submission=submission, details={**old.details, "แทนเอกสารเลขที่": old.number},
                             valid_until=valid_until, actor=actor)
        reasons = {FOLLOWUP_REPLACEMENT: "ออกใบแทนเลขที่ {n}", FOLLOWUP_TRANSFER: "โอนกิจการ ออกเลขที่ {n} ให้ผู้รับโอน",
                   FOLLOWUP_RENEWAL: "ต่ออายุแล้ว ฉบับใหม่เลขที่ {n}"}
        withdraw_document(document=old, reason=reasons.get(request, "{n}").format(n=new.number), actor=actor)
        return new


def register_food_kinds() -> None:
    for kind in (FoodNotificationKind(), FoodLicenceKind(), FoodFollowUpKind()):
        register(kind)


register_food_kinds()
