"""The complaint write path: filing (contact, anonymity, photos, routing, outside the area), officer work, the
citizen's cancel/reopen/rating, the case kept in step, announcements after commit, and tenancy."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from PIL import Image

from complaints import services
from complaints.constants import EventKind, ReportStatus
from complaints.defaults import DEFAULT_CATEGORIES
from complaints.models import Category, ComplaintSettings, Report, RoutingRule
from complaints.signals import report_changed
from eservices.constants import SubmissionStatus
from organizations.constants import Role

from .conftest import jpeg

pytestmark = pytest.mark.django_db


def test_every_new_lgo_has_the_default_topics_routed_to_their_usual_departments(org_a, org_b):
    for organization in (org_a, org_b):
        categories = {c.code: c for c in Category.objects.for_organization(organization)}
        assert set(categories) == {d.code for d in DEFAULT_CATEGORIES}
        assert categories["lights"].department.code == "engineering", organization
        assert categories["garbage"].department.code == "health"
        assert categories["corruption"].allows_anonymous and not categories["lights"].allows_anonymous
        assert categories["lights"].department.organization_id == organization.pk


def test_filing_makes_a_complaint_case_with_a_reference_routed_to_the_topic_department(org_a, file):
    report = file()
    assert report.status == ReportStatus.NEW
    assert report.reference.startswith("AAA-")
    case = report.submission
    assert case.service_kind == "complaint" and case.status == SubmissionStatus.SUBMITTED
    assert case.department.code == "engineering" and report.department.code == "engineering"
    assert case.applicant_phone == "0812345678"
    assert [e.kind for e in report.events.all()] == [EventKind.FILED, EventKind.ROUTED]
    assert report.followers.get().email == "somying@example.com"
    assert report.acknowledge_by > timezone.localdate(report.created_at) - dt.timedelta(days=1)
    assert report.resolve_by == timezone.localdate(report.created_at) + dt.timedelta(days=7)


def test_filing_twice_with_the_same_key_files_once(file):
    assert file(idempotency_key="same").pk == file(idempotency_key="same").pk
    assert Report.objects.count() == 1


def test_contact_is_required_unless_the_topic_allows_anonymity(org_a, file):
    with pytest.raises(ValidationError) as error:
        file(name="", phone="", email="")
    assert "contact" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        file(anonymous=True, name="", phone="", email="")
    assert "contact" in error.value.message_dict
    assert Report.objects.count() == 0
    corruption = Category.objects.for_organization(org_a).get(code="corruption")
    report = file(category=corruption, anonymous=True, name="ชื่อจริง", phone="0812345678", email="a@example.com")
    assert report.anonymous and report.submission.applicant_name == "" and report.submission.applicant_phone == ""
    assert not report.followers.exists()


def test_bad_input_reports_every_field_and_writes_nothing(file):
    with pytest.raises(ValidationError) as error:
        file(description=" ", latitude="abc", phone="12", email="not-mail")
    assert {"description", "latitude", "phone", "email"} <= set(error.value.message_dict)
    assert Report.objects.count() == 0


def test_photo_is_resized_its_exif_stripped_and_its_gps_places_the_report(file):
    report = file(latitude=None, longitude=None, photos=[jpeg(gps=(19.9123, 99.8456))])
    assert report.latitude == Decimal("19.912300") and report.longitude == Decimal("99.845600")
    photo = report.photos.get()
    with photo.image.open("rb") as handle:
        image = Image.open(handle)
        image.load()
        assert max(image.size) == 1600
        assert not image.getexif() and "exif" not in image.info


def test_a_file_that_is_not_a_photo_is_refused(file):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as error:
        file(photos=[SimpleUploadedFile("x.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")])
    assert "photos" in error.value.message_dict
    assert Report.objects.count() == 0


def test_routing_rules_by_village_and_area_then_fallback(org_a, category, file):
    office = org_a.departments.get(code="office")
    health = org_a.departments.get(code="health")
    RoutingRule.objects.create(organization=org_a, category=category, village=5, department=office)
    RoutingRule.objects.create(organization=org_a, category=None, department=health, sort_order=5,
                               area=[[99.0, 19.0], [99.1, 19.0], [99.1, 19.1], [99.0, 19.1]])
    assert file(village=5).department == office
    assert file(latitude="19.05", longitude="99.05").department == health
    assert file(village=2).department.code == "engineering"  # the topic's own department


def test_a_place_outside_the_lgo_boundary_is_forwarded_with_the_reason(org_a, file):
    ComplaintSettings.objects.create(organization=org_a, outside_area_referral="อบต.ข้างเคียง",
                                     boundary=[[99.0, 19.0], [99.1, 19.0], [99.1, 19.1], [99.0, 19.1]])
    inside = file(latitude="19.05", longitude="99.05")
    outside = file(latitude="18.5", longitude="98.9")
    assert inside.status == ReportStatus.NEW
    assert outside.status == ReportStatus.FORWARDED_OUT and "อบต.ข้างเคียง" in outside.public_note
    assert outside.submission.status == SubmissionStatus.REJECTED


def test_officer_accepts_works_and_marks_done_with_a_photo_after(org_a, make_officer, file):
    officer = make_officer(org_a, Role.OFFICER, department="engineering")
    report = file()
    services.accept(report=report, actor=officer)
    assert report.status == ReportStatus.ACCEPTED and report.submission.status == SubmissionStatus.IN_REVIEW
    services.start_work(report=report, actor=officer, note="ส่งช่างออกตรวจ")
    services.mark_done(report=report, actor=officer, note="เปลี่ยนหลอดแล้ว", photos=[jpeg(colour=(0, 200, 0))])
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.submission.status == SubmissionStatus.COMPLETED
    assert report.photos.filter(kind="after").count() == 1
    assert report.public_note == "เปลี่ยนหลอดแล้ว"


def test_an_officer_of_another_department_or_lgo_cannot_act(org_a, org_b, make_officer, file):
    report = file()
    with pytest.raises(PermissionDenied):
        services.accept(report=report, actor=make_officer(org_a, Role.OFFICER, department="finance"))
    with pytest.raises(PermissionDenied):
        services.accept(report=report, actor=make_officer(org_b, Role.OFFICER, department="engineering"))
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW


def test_forward_and_not_our_authority(org_a, make_officer, file):
    admin = make_officer(org_a, Role.LGO_ADMIN)
    report = file()
    services.forward(report=report, department=org_a.departments.get(code="health"), actor=admin, note="เป็นงานสาธารณสุข")
    assert report.submission.department.code == "health"
    services.reject_not_ours(report=report, actor=admin, note="ติดต่อการไฟฟ้าส่วนภูมิภาค โทร 1129")
    assert report.status == ReportStatus.NOT_OURS and report.submission.status == SubmissionStatus.REJECTED


def test_merging_a_duplicate_keeps_its_reporter_informed(org_a, make_officer, file,
                                                         django_capture_on_commit_callbacks):
    admin = make_officer(org_a, Role.LGO_ADMIN)
    first = file()
    second = file(email="other@example.com")
    services.merge(report=second, into=first, actor=admin)
    assert second.status == ReportStatus.MERGED and second.merged_into == first
    assert set(first.followers.values_list("email", flat=True)) == {"somying@example.com", "other@example.com"}
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_done(report=first, actor=admin, note="ซ่อมแล้ว")
    assert "other@example.com" in {address for message in mail.outbox for address in message.to}


def test_citizen_reopens_within_14_days_and_it_is_counted(org_a, make_officer, file):
    admin = make_officer(org_a, Role.LGO_ADMIN)
    report = file()
    services.mark_done(report=report, actor=admin, note="ซ่อมแล้ว")
    services.reopen(report=report, note="ยังดับอยู่")
    report.refresh_from_db()
    assert report.status == ReportStatus.IN_PROGRESS and report.reopen_count == 1
    assert report.submission.status == SubmissionStatus.IN_REVIEW and report.submission.closed_at is None
    services.mark_done(report=report, actor=admin, note="เปลี่ยนสายไฟแล้ว")
    with pytest.raises(ValidationError):
        services.reopen(report=report, note="ยังดับ", now=timezone.now() + dt.timedelta(days=15))


def test_rating_once_when_done_and_thai_digits_accepted(org_a, make_officer, file):
    admin = make_officer(org_a, Role.LGO_ADMIN)
    report = file()
    with pytest.raises(ValidationError):
        services.rate(report=report, rating=5)
    services.mark_done(report=report, actor=admin, note="ซ่อมแล้ว")
    services.rate(report=report, rating="๔", comment="เร็วมาก")
    assert report.rating == 4
    with pytest.raises(ValidationError):
        services.rate(report=report, rating=5)


def test_citizen_cancels_while_not_done(file):
    report = file()
    services.cancel_by_citizen(report=report, note="แก้ไขเองแล้ว")
    assert report.status == ReportStatus.CANCELLED and report.submission.status == SubmissionStatus.CANCELLED
    with pytest.raises(ValidationError):
        services.cancel_by_citizen(report=report)


def test_inbox_actions_on_the_case_move_the_report(org_a, make_officer, file):
    from eservices.services import act

    officer = make_officer(org_a, Role.OFFICER, department="engineering")
    report = file()
    act(submission=report.submission, action="accept", actor=officer)
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    act(submission=report.submission, action="complete", actor=officer, note="ซ่อมแล้ว")
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE


def test_status_changes_are_announced_after_commit(org_a, make_officer, file, django_capture_on_commit_callbacks):
    seen = []

    def listener(sender, report, event, **kwargs):
        seen.append((report.pk, event.kind))

    report_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            report = file()
        with django_capture_on_commit_callbacks(execute=True):
            services.accept(report=report, actor=make_officer(org_a, Role.LGO_ADMIN))
    finally:
        report_changed.disconnect(listener)
    assert seen == [(report.pk, EventKind.FILED), (report.pk, EventKind.ACCEPTED)]


def test_public_point_is_rounded_to_about_50_metres(file):
    report = file(latitude="19.912345", longitude="99.845678")
    lat, lon = report.public_point()
    assert (lat, lon) == (Decimal("19.912500"), Decimal("99.845500"))
    assert report.public_point(exact=True) == (Decimal("19.912345"), Decimal("99.845678"))


def test_lgo_b_sees_none_of_lgo_a_reports(org_a, org_b, file):
    file()
    assert Report.objects.for_organization(org_b).count() == 0
    assert Report.objects.for_organization(org_a).count() == 1
