"""Building permits (Building Control Act B.E. 2522) through the real services on a frozen clock: the fees of the
ministerial schedule, the 45-day decision limit and its two extensions (refused after the limit), the 30 days after
corrected plans, the notification route's 3 working days and 120-day lapse, refusal with the appeal window, the
permit (อ.1) issued when its fee is paid, and the public register without personal data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from eservices import services as engine
from eservices.constants import DocumentKind, SubmissionStatus
from eservices.deadlines import send_delay_notices
from eservices.kinds.building import fees
from eservices.kinds.building import services as permits
from eservices.kinds.building.constants import EV_EXTENSION, EV_LAPSED
from eservices.kinds.building.licensing import licence_problems, required_level
from eservices.models import BuildingFeeRates, IssuedDocument
from eservices.models.building import FEE_CEILINGS
from organizations.constants import Role

from .building_support import answers, at, file_permit, invoices, pay, publish_permit_service

MONDAY = dt.date(2026, 11, 2)


@pytest.fixture
def page(org_a):
    return publish_permit_service(org_a)


@pytest.fixture
def engineer(org_a, make_officer):
    return make_officer(org_a, Role.OFFICER, username="a-engineer", department="engineering")


def paid_case(page, day=MONDAY, key="1", **overrides):
    """A permit application filed and its plan-check fee paid on `day` (the 45 days start then)."""
    with time_machine.travel(at(day), tick=False):
        case = file_permit(page, key, **overrides)
        assert case.status == SubmissionStatus.AWAITING_PAYMENT
        pay(invoices(case)[0])
        case.refresh_from_db()
    return case


def in_review(page, engineer, **kwargs):
    case = paid_case(page, **kwargs)
    with time_machine.travel(at(MONDAY), tick=False):
        engine.act(submission=case, action="accept", actor=engineer)
    return case


# --- Fees ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("storeys", "height", "rate"), [
    (2, "12", "plan_low"), (1, "12.01", "plan_mid"), (3, "9", "plan_mid"), (3, "15", "plan_mid"),
    (4, "14", "plan_high"), (2, "15.5", "plan_high"),
])
def test_plan_check_rate_by_storeys_and_height(storeys, height, rate):
    assert fees.building_tier(storeys=storeys, height=Decimal(height)) == rate


@pytest.mark.parametrize(("area", "billed"), [("180.49", 180), ("180.5", 181), ("0.4", 0), ("99.99", 100)])
def test_quantity_rounds_half_up_as_the_schedule_says(area, billed):
    assert fees.billable_quantity(Decimal(area)) == billed


@pytest.mark.django_db
def test_fees_at_the_ceilings_and_at_an_lgo_rate(org_a):
    rates = fees.rates_for(org_a)  # none saved: the ceilings
    assert fees.plan_check_fee(answers(floor_area="180.50"), rates) == Decimal("90.50")  # 181 m² × 0.50
    assert fees.plan_check_fee(answers(storeys="4", height="14", floor_area="1000.4"), rates) == Decimal("4000.00")
    assert fees.plan_check_fee(answers(structure="ป้าย", floor_area="12.5"), rates) == Decimal("52.00")
    assert fees.plan_check_fee(answers(structure="รั้ว กำแพง ท่อหรือทางระบายน้ำ", floor_area="40.2"),
                               rates) == Decimal("40.00")
    assert fees.plan_check_fee(answers(work="รื้อถอนอาคาร"), rates) == Decimal("0.00")  # no plans to check
    assert fees.permit_fee(answers(), rates) == Decimal("20.00")
    assert fees.permit_fee(answers(work="ดัดแปลงอาคาร"), rates) == Decimal("10.00")
    own = BuildingFeeRates(organization=org_a, plan_low=Decimal("0.25"), permit_construct=Decimal("0"))
    permits.save_rates(rates=own, actor=None)
    rates = fees.rates_for(org_a)
    assert fees.plan_check_fee(answers(floor_area="180.50"), rates) == Decimal("45.25")
    assert fees.permit_fee(answers(), rates) == Decimal("0.00")


@pytest.mark.django_db
def test_an_lgo_cannot_charge_above_a_ceiling(org_a):
    with pytest.raises(ValidationError) as error:
        permits.save_rates(rates=BuildingFeeRates(organization=org_a, plan_high=Decimal("4.01")), actor=None)
    assert "plan_high" in error.value.message_dict
    assert not BuildingFeeRates.objects.exists()


@pytest.mark.django_db
def test_the_plan_check_fee_is_invoiced_with_the_application(page, org_a):
    from organizations.models import Organization

    Organization.objects.filter(pk=org_a.pk).update(biller_id="099400016550100")
    with time_machine.travel(at(MONDAY), tick=False):
        case = file_permit(page)
    [invoice] = invoices(case)
    assert invoice.total == Decimal("90.50")
    invoice.organization.refresh_from_db()
    assert "099400016550100" in invoice.qr_payload()  # a Thai QR to pay it with
    assert invoice.ref1 == case.ref1
    assert case.due_date is None  # no decision promised before the application's fee is paid


# --- The 45-day limit and its extensions ----------------------------------------------------------------------


@pytest.mark.django_db
def test_decision_due_45_days_after_the_complete_paid_application(page):
    case = paid_case(page)
    assert case.status == SubmissionStatus.SUBMITTED
    assert case.due_date == MONDAY + dt.timedelta(days=45)  # calendar days, not working days


@pytest.mark.django_db
def test_two_extensions_of_45_days_before_the_limit_and_no_third(page, engineer):
    case = in_review(page, engineer)
    first_due = case.due_date
    with time_machine.travel(at(first_due), tick=False):  # on the last day: still in time
        permits.extend(submission=case, reasons="รอผลตรวจสอบโครงสร้างจากวิศวกรจังหวัด", actor=engineer)
    case.refresh_from_db()
    assert case.due_date == first_due + dt.timedelta(days=45)
    with time_machine.travel(at(first_due + dt.timedelta(days=10)), tick=False):
        permits.extend(submission=case, reasons="รอความเห็นกรมทางหลวง", actor=engineer)
    case.refresh_from_db()
    assert case.due_date == first_due + dt.timedelta(days=90)
    with time_machine.travel(at(first_due + dt.timedelta(days=20)), tick=False), pytest.raises(ValidationError) as e:
        permits.extend(submission=case, reasons="อีกครั้ง", actor=engineer)
    assert "สองครั้ง" in e.value.messages[0] or "twice" in e.value.messages[0]
    assert case.status_changes.filter(action=EV_EXTENSION).count() == 2
    notice = case.status_changes.filter(action=EV_EXTENSION).first()
    assert notice.is_public and "รอผลตรวจสอบโครงสร้าง" in notice.note


@pytest.mark.django_db
def test_extension_refused_after_the_deadline(page, engineer):
    case = in_review(page, engineer)
    due = case.due_date
    with time_machine.travel(at(due + dt.timedelta(days=1)), tick=False), pytest.raises(ValidationError):
        permits.extend(submission=case, reasons="ล่าช้า", actor=engineer)
    case.refresh_from_db()
    assert case.due_date == due
    assert not case.status_changes.filter(action=EV_EXTENSION).exists()


@pytest.mark.django_db
def test_extension_needs_written_reasons(page, engineer):
    case = in_review(page, engineer)
    with time_machine.travel(at(MONDAY), tick=False), pytest.raises(ValidationError):
        permits.extend(submission=case, reasons="  ", actor=engineer)


@pytest.mark.django_db
def test_delay_notices_every_7_days_apply_to_a_late_permit(page, engineer, django_capture_on_commit_callbacks):
    case = in_review(page, engineer)
    late = case.due_date + dt.timedelta(days=1)
    with time_machine.travel(at(late), tick=False), django_capture_on_commit_callbacks(execute=True):
        assert send_delay_notices().sent == 1
    with time_machine.travel(at(late + dt.timedelta(days=6)), tick=False):
        assert send_delay_notices().sent == 0
    with time_machine.travel(at(late + dt.timedelta(days=7)), tick=False):
        assert send_delay_notices().sent == 1


@pytest.mark.django_db
def test_the_defect_list_answered_restarts_the_45_days(page, engineer):
    case = paid_case(page)
    with time_machine.travel(at(MONDAY + dt.timedelta(days=1)), tick=False):
        engine.request_information(submission=case, items="1. สำเนาโฉนดหน้าหลัง", actor=engineer)
    answered = MONDAY + dt.timedelta(days=20)
    with time_machine.travel(at(answered), tick=False):
        engine.answer_information_request(submission=case, text="แนบแล้ว")
    case.refresh_from_db()
    assert case.status == SubmissionStatus.IN_REVIEW
    assert case.due_date == answered + dt.timedelta(days=45)


# --- Plan correction (s.27) ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_decision_due_30_days_after_the_corrected_plans(page, engineer):
    case = in_review(page, engineer)
    with time_machine.travel(at(MONDAY + dt.timedelta(days=5)), tick=False):
        permits.order_correction(submission=case, items="แก้ไขระยะร่นด้านหน้าให้ไม่น้อยกว่า 3 เมตร", actor=engineer)
        case.refresh_from_db()
        assert case.due_date is None  # waits for the applicant: never overdue meanwhile
        with pytest.raises(ValidationError):
            permits.approve(submission=case, actor=engineer, validity_days=365)
    received = MONDAY + dt.timedelta(days=40)
    with time_machine.travel(at(received + dt.timedelta(days=1)), tick=False):
        permits.record_corrected_plans(submission=case, actor=engineer, received_on=received)
    case.refresh_from_db()
    assert case.due_date == received + dt.timedelta(days=30)


# --- Approval, the permit fee and the permit ---------------------------------------------------------------------


@pytest.mark.django_db
def test_approval_invoices_the_permit_fee_and_payment_issues_the_permit(page, engineer, client):
    case = in_review(page, engineer)
    with time_machine.travel(at(MONDAY + dt.timedelta(days=10)), tick=False):
        permits.approve(submission=case, actor=engineer, conditions="ห้ามก่อสร้างล้ำแนวเขตทาง", validity_days=365)
        case.refresh_from_db()
        assert case.status == SubmissionStatus.APPROVED
        assert not case.issued_documents.exists()  # not before the permit fee is paid
        [fee] = invoices(case, "permit")
        assert fee.total == Decimal("20.00")
        pay(fee)
    document = case.issued_documents.get()
    assert document.kind == DocumentKind.PERMIT
    assert document.valid_until == MONDAY + dt.timedelta(days=10 + 365)
    assert document.details["เงื่อนไข"] == "ห้ามก่อสร้างล้ำแนวเขตทาง"
    from core.pdf import extract_text

    with document.pdf.open("rb") as handle:
        text = extract_text(handle.read())
    for words in ("ใบอนุญาตก่อสร้าง", "ห้ามก่อสร้างล้ำแนวเขตทาง", "99 หมู่ 3 ถนนพหลโยธิน", document.number):
        assert words in text  # exact Thai (ำ as one character), as pdftotext reads it
    page_html = client.get(document.get_absolute_url()).content.decode()
    assert "ห้ามก่อสร้างล้ำแนวเขตทาง" in page_html and "99 หมู่ 3 ถนนพหลโยธิน" in page_html
    assert "0812345678" not in page_html and "1101700230708" not in page_html
    pay(fee)  # a repeated payment notice issues nothing new
    assert case.issued_documents.count() == 1


@pytest.mark.django_db
def test_the_generic_and_bulk_approve_cannot_skip_the_permit_terms(page, engineer):
    case = in_review(page, engineer)
    with pytest.raises(ValidationError):
        engine.act(submission=case, action="approve", actor=engineer)
    case.refresh_from_db()
    assert case.status == SubmissionStatus.IN_REVIEW


# --- Refusal and s.26 --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_refusal_states_the_30_day_appeal_window(page, engineer):
    case = in_review(page, engineer)
    with time_machine.travel(at(MONDAY), tick=False):
        change = permits.refuse(submission=case, reasons="อาคารล้ำเขตที่ดิน", actor=engineer)
    assert change.to_status == SubmissionStatus.REJECTED
    assert "30" in change.note and "2 ธันวาคม 2569" in change.note  # 30 days after 2 November 2569
    assert change.is_public


def test_licence_check_s26():
    on = dt.date(2026, 11, 2)
    assert licence_problems(answers(), on=on) == []
    assert required_level(answers(storeys="5", height="18", floor_area="2000")) == "professional"
    problems = licence_problems(answers(storeys="5", height="18", floor_area="2000"), on=on)
    assert problems and "ภาคี" in problems[0] and "สามัญ" in problems[0]
    assert licence_problems(answers(engineer_expiry="2026-11-01"), on=on)  # expired the day before
    assert licence_problems(answers(engineer_name="", engineer_licence=""), on=on)
    assert required_level(answers(storeys="1", floor_area="40")) is None


@pytest.mark.django_db
def test_refused_without_consideration_when_not_licensed(page, engineer):
    case = paid_case(page, storeys="5", height="18", floor_area="2000")
    assert case.status == SubmissionStatus.SUBMITTED
    with time_machine.travel(at(MONDAY), tick=False):
        change = permits.refuse(submission=case, reasons="วิศวกรระดับภาคีออกแบบอาคาร 5 ชั้นไม่ได้", actor=engineer,
                                unlicensed=True)
    assert change.to_status == SubmissionStatus.REJECTED
    assert "มาตรา 26" in change.note or "s.26" in change.note


# --- Notification instead of a permit (s.39 bis) -----------------------------------------------------------------

NOTIFY = "แจ้งแทนการขออนุญาต (มาตรา 39 ทวิ)"


@pytest.mark.django_db
def test_notification_receipt_within_3_working_days_and_lapse_after_120_days(page, engineer):
    friday = dt.date(2026, 11, 6)
    case = paid_case(page, day=friday, route=NOTIFY)
    assert case.fee_amount == Decimal("110.50")  # plan check 90.50 + the permit fee, paid with the notification
    assert case.due_date == dt.date(2026, 11, 11)  # Mon, Tue, Wed: 3 working days after Friday
    with time_machine.travel(at(friday), tick=False):
        engine.act(submission=case, action="accept", actor=engineer)
        permits.approve(submission=case, actor=engineer, validity_days=365)
    document = case.issued_documents.get()
    assert document.kind == DocumentKind.RECEIPT_OF_NOTICE
    with time_machine.travel(at(friday + dt.timedelta(days=120)), tick=False):
        assert permits.lapse_notifications() == 0  # day 120: still in time
    with time_machine.travel(at(friday + dt.timedelta(days=121)), tick=False):
        assert permits.lapse_notifications() == 1
        assert permits.lapse_notifications() == 0  # idempotent
    document.refresh_from_db()
    assert document.revoked and "120" in document.revoked_reason
    assert case.status_changes.filter(action=EV_LAPSED).exists()


@pytest.mark.django_db
def test_a_notification_whose_work_started_does_not_lapse(page, engineer):
    friday = dt.date(2026, 11, 6)
    case = paid_case(page, day=friday, route=NOTIFY)
    with time_machine.travel(at(friday), tick=False):
        engine.act(submission=case, action="accept", actor=engineer)
        permits.approve(submission=case, actor=engineer, validity_days=365)
    with time_machine.travel(at(friday + dt.timedelta(days=30)), tick=False):
        permits.record_work_started(submission=case, on=friday + dt.timedelta(days=29), actor=engineer)
    with time_machine.travel(at(friday + dt.timedelta(days=200)), tick=False):
        assert permits.lapse_notifications() == 0
    assert not IssuedDocument.objects.get(submission=case).revoked


# --- Public register ---------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_public_register_lists_valid_permits_without_personal_data(page, engineer, client, org_b, make_officer,
                                                                   django_assert_max_num_queries):
    case = in_review(page, engineer)
    with time_machine.travel(at(MONDAY), tick=False):
        permits.approve(submission=case, actor=engineer, validity_days=365)
        pay(invoices(case, "permit")[0])
    document = case.issued_documents.get()
    for _more in range(3):  # more rows cost no more queries
        engine.issue_document(organization=case.organization, submission=case, kind=DocumentKind.PERMIT,
                              title="ใบอนุญาต", holder_name="นางสมศรี มีสุข", details=document.details,
                              valid_until=document.valid_until)
    with time_machine.travel(at(MONDAY + dt.timedelta(days=1)), tick=False), django_assert_max_num_queries(20):
        html = client.get("/registers/building_permit/").content.decode()
    assert document.number in html and document.get_absolute_url() in html
    assert "99 หมู่ 3 ถนนพหลโยธิน" in html and "ก่อสร้างอาคาร" in html
    for personal in ("นางสมศรี", "0812345678", "1101700230708", "somsri@example.com", "นายวิศวะ"):
        assert personal not in html
    other = client.get("/registers/building_permit/", HTTP_HOST="b.test").content.decode()
    assert document.number not in other  # another LGO's register
    with time_machine.travel(at(MONDAY + dt.timedelta(days=400)), tick=False):
        assert document.number not in client.get("/registers/building_permit/").content.decode()  # expired
    assert client.get("/registers/nothing/").status_code == 404


# --- Renewal and transfer: follow-up requests of the holder -------------------------------------------------------


def issued_permit(page, engineer):
    case = in_review(page, engineer)
    with time_machine.travel(at(MONDAY), tick=False):
        permits.approve(submission=case, actor=engineer, validity_days=365)
        pay(invoices(case, "permit")[0])
    return case, case.issued_documents.get()


@pytest.mark.django_db
def test_renewal_before_expiry_replaces_the_permit_from_its_old_expiry(page, engineer, client):
    case, old = issued_permit(page, engineer)
    with time_machine.travel(at(old.valid_until - dt.timedelta(days=10)), tick=False):
        response = client.post(f"/track/{case.tracking_token}/followup/", {"followup": "ขอต่ออายุใบอนุญาต"})
        assert response.status_code == 302
        renewal = case.service.submissions.exclude(pk=case.pk).get()
        assert response["Location"] == renewal.get_absolute_url()
        assert renewal.answers["followup"] == "ขอต่ออายุใบอนุญาต" and renewal.applicant_name == case.applicant_name
        assert renewal.status == SubmissionStatus.AWAITING_PAYMENT and renewal.fee_amount == Decimal("20.00")
        pay(invoices(renewal)[0])
        engine.act(submission=renewal, action="accept", actor=engineer)
        permits.approve(submission=renewal, actor=engineer, validity_days=365)
    new = renewal.issued_documents.get()
    old.refresh_from_db()
    assert old.revoked and new.number in old.revoked_reason
    assert new.valid_until == old.valid_until + dt.timedelta(days=365)
    assert new.details["ที่ตั้งอาคาร"] == old.details["ที่ตั้งอาคาร"]


@pytest.mark.django_db
def test_no_renewal_after_expiry_and_a_transfer_names_the_transferee(page, engineer, client):
    case, old = issued_permit(page, engineer)
    with time_machine.travel(at(old.valid_until + dt.timedelta(days=1)), tick=False):
        assert client.post(f"/track/{case.tracking_token}/followup/",
                           {"followup": "ขอต่ออายุใบอนุญาต"}).status_code == 404
    with time_machine.travel(at(MONDAY + dt.timedelta(days=30)), tick=False):
        bad = client.post(f"/track/{case.tracking_token}/followup/",
                          {"followup": "ขอโอนใบอนุญาต", "new_holder_name": "นายบุญมา ใจดี",
                           "new_holder_national_id": "1101700230709"})
        assert bad.status_code == 400 and "นายบุญมา ใจดี" in bad.content.decode()  # kept, with the ID error
        client.post(f"/track/{case.tracking_token}/followup/",
                    {"followup": "ขอโอนใบอนุญาต", "new_holder_name": "นายบุญมา ใจดี",
                     "new_holder_national_id": "1101700230708"})
        transfer = case.service.submissions.exclude(pk=case.pk).get()
        assert transfer.status == SubmissionStatus.SUBMITTED and not transfer.fee_amount  # no transfer fee
        engine.act(submission=transfer, action="accept", actor=engineer)
        permits.approve(submission=transfer, actor=engineer, validity_days=365)
    new = transfer.issued_documents.get()
    assert new.holder_name == "นายบุญมา ใจดี" and new.valid_until == old.valid_until
    old.refresh_from_db()
    assert old.revoked


@pytest.mark.django_db
def test_only_the_lgo_administrator_sets_the_rates_and_never_above_a_ceiling(org_a, engineer, make_officer, client):
    from .inbox_support import login

    url = "/admin/eservices/kinds/building_permit/fees/"
    login(client, engineer)
    denied = client.get(url)  # Wagtail turns the 403 into a redirect to the dashboard with a message
    assert denied.status_code in (302, 403) and "plan_low" not in denied.content.decode()
    admin = make_officer(org_a, Role.LGO_ADMIN, username="a-admin")
    login(client, admin)
    page = client.get(url).content.decode()
    assert "อัตราค่าธรรมเนียม" in page or "ค่าธรรมเนียมควบคุมอาคาร" in page
    data = {name: str(ceiling) for name, (ceiling, _label) in FEE_CEILINGS.items()}
    too_high = client.post(url, {**data, "plan_low": "0.51"})
    assert too_high.status_code == 200 and "0.51" in too_high.content.decode()  # kept, with the error
    assert not BuildingFeeRates.objects.exists()
    assert client.post(url, {**data, "plan_low": "0.30"}).status_code == 302
    assert fees.rates_for(org_a).plan_low == Decimal("0.30")
