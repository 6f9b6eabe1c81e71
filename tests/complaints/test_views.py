"""Citizen and officer pages through the Django test client: the form works without JavaScript and keeps what was
typed on errors, the duplicate hint, the public pages show no personal data, LGO B sees none of LGO A's reports,
list pages have bounded queries, and officers act from the admin."""

from __future__ import annotations

import pytest

from complaints import services
from complaints.constants import ReportStatus
from complaints.models import Category, Report
from organizations.constants import Role
from tests.eservices.inbox_support import login

from .conftest import jpeg

pytestmark = pytest.mark.django_db


def _form(**extra) -> dict:
    data = {"category": "lights", "description": "ไฟถนนดับ", "address": "หน้าวัด", "village": "๓",
            "name": "สมหญิง รักดี", "phone": "081-234-5678", "email": "", "nonce": "n1"}
    data.update(extra)
    return data


def test_report_without_javascript_typed_address_and_thai_digits(client, org_a):
    response = client.post("/complaints/new/", _form())
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.village == 3 and report.address == "หน้าวัด" and not report.has_point
    assert response["Location"] == report.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert report.reference in page and "ไฟถนนดับ" in page


def test_bad_input_shows_a_thai_error_summary_and_keeps_what_was_typed(client, org_a):
    response = client.post("/complaints/new/", _form(description="", phone="12"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "error-summary" in page and "บอกรายละเอียดของปัญหา" in page
    assert 'value="หน้าวัด"' in page and "สมหญิง รักดี" in page
    assert Report.objects.count() == 0


def test_english_page_gives_english_errors(client, org_a):
    response = client.post("/en/complaints/new/", _form(name="", phone=""))
    assert response.status_code == 400
    assert "Give your name and a phone number or e-mail" in response.content.decode()


def test_photo_place_triggers_the_nearby_hint_and_the_photo_is_kept(client, org_a, file):
    earlier = file(latitude="19.912300", longitude="99.845600")
    response = client.post("/complaints/new/", _form(photos=[jpeg(gps=(19.9124, 99.8456))]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "มีผู้แจ้งแล้วหรือยัง" in page and f"/complaints/{earlier.pk}/follow/" in page
    assert "สมหญิง" not in page.split("data-nearby")[1].split("</ul>")[0]  # the earlier reporter is not shown
    pending = page.split('name="pending" value="')[1].split('"')[0]
    response = client.post("/complaints/new/", _form(confirmed="1", pending=pending, latitude="19.912400",
                                                      longitude="99.845600"))
    assert response.status_code == 302
    report = Report.objects.exclude(pk=earlier.pk).get()
    assert report.photos.count() == 1


def test_follow_instead(client, org_a, file):
    earlier = file()
    response = client.post(f"/complaints/{earlier.pk}/follow/", {"email": "neighbour@example.com"})
    assert response.status_code == 302
    assert earlier.followers.filter(email="neighbour@example.com").exists()
    assert client.post(f"/complaints/{earlier.pk}/follow/", {"email": "nope"}).status_code == 400


def test_public_pages_show_no_personal_data_and_mask_numbers(client, org_a, file):
    report = file(description="ไฟดับ โทรหาผม 0812345678 หรือ a@b.co", latitude="19.912345", longitude="99.845678")
    for url in ("/complaints/", report.get_public_url()):
        page = client.get(url).content.decode()
        for private in ("สมหญิง", "0812345678", "somying@example.com", "a@b.co", "19.912345",
                        report.submission.tracking_token):
            assert private not in page, (url, private)
        assert "19.912500" in page


def test_corruption_stays_off_the_public_board(client, org_a, file):
    corruption = Category.objects.for_organization(org_a).get(code="corruption")
    report = file(category=corruption, anonymous=True, description="เรียกรับเงิน")
    assert "เรียกรับเงิน" not in client.get("/complaints/").content.decode()
    assert client.get(report.get_public_url()).status_code == 404
    assert client.get(report.get_absolute_url()).status_code == 200  # the reporter's own link works


def test_lgo_b_host_sees_nothing_of_lgo_a(client, org_a, org_b, file):
    report = file(photos=[jpeg()])
    photo = report.photos.get()
    other = {"HTTP_HOST": "b.test"}
    assert client.get(report.get_public_url(), **other).status_code == 404
    assert client.get(report.get_absolute_url(), **other).status_code == 404
    assert client.get(f"/complaints/photo/{photo.pk}/", **other).status_code == 404
    assert "ไฟถนนดับ" not in client.get("/complaints/", **other).content.decode()
    response = client.get(f"/complaints/photo/{photo.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"


def test_board_queries_are_bounded(client, org_a, file, django_assert_max_num_queries):
    for n in range(12):
        file(photos=[jpeg(size=(200, 150))] if n % 2 else [], latitude=f"19.91{n:02d}")
    with django_assert_max_num_queries(20):  # the same with 1 or 12 reports: no query per row
        assert client.get("/complaints/").status_code == 200


def test_citizen_rates_reopens_and_cancels_through_the_status_page(client, org_a, make_officer, file):
    admin = make_officer(org_a, Role.LGO_ADMIN)
    report = file()
    services.mark_done(report=report, actor=admin, note="ซ่อมแล้ว")
    token = report.submission.tracking_token
    assert client.post(f"/complaints/r/{token}/rate/", {"rating": "9"}).status_code == 400
    assert client.post(f"/complaints/r/{token}/rate/", {"rating": "4"}).status_code == 302
    assert client.post(f"/complaints/r/{token}/reopen/", {"note": ""}).status_code == 400
    assert client.post(f"/complaints/r/{token}/reopen/", {"note": "ยังดับ"}).status_code == 302
    assert client.post(f"/complaints/r/{token}/cancel/", {"note": ""}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.CANCELLED and report.reopen_count == 1


def test_officer_inbox_flags_overdue_and_is_scoped(client, org_a, org_b, make_officer, file,
                                                   django_assert_max_num_queries):
    import datetime as dt

    from django.utils import timezone

    late = file(now=timezone.now() - dt.timedelta(days=10))
    file()
    officer = make_officer(org_a, Role.OFFICER, department="engineering")
    login(client, officer)
    with django_assert_max_num_queries(40):
        page = client.get("/admin/complaints/").content.decode()
    assert late.reference in page and "เกินกำหนด" in page
    assert client.get(f"/admin/complaints/{late.pk}/").status_code == 200
    outsider = make_officer(org_b, Role.OFFICER, department="engineering", username="b-officer")
    client.logout()
    login(client, outsider)
    assert late.reference not in client.get("/admin/complaints/").content.decode()
    assert client.get(f"/admin/complaints/{late.pk}/").status_code == 404


def test_officer_marks_done_with_photo_from_the_admin(client, org_a, make_officer, file):
    report = file()
    officer = make_officer(org_a, Role.OFFICER, department="engineering")
    login(client, officer)
    response = client.post(f"/admin/complaints/{report.pk}/", {"action": "done", "note": ""})
    assert response.status_code == 400
    response = client.post(f"/admin/complaints/{report.pk}/", {"action": "done", "note": "ซ่อมแล้ว",
                                                              "photos": [jpeg()]})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.photos.filter(kind="after").count() == 1


def test_lgo_admin_edits_only_own_topics(client, org_a, org_b, make_officer):
    from organizations.permissions import ensure_organization_groups

    ensure_organization_groups(org_a)
    admin = make_officer(org_a, Role.LGO_ADMIN, username="a-admin")
    client.force_login(admin)
    listing = client.get("/admin/snippets/complaints/category/")
    assert listing.status_code == 200 and "ไฟฟ้าส่องสว่าง" in listing.content.decode()
    theirs = Category.objects.for_organization(org_b).get(code="lights")
    assert client.get(f"/admin/snippets/complaints/category/edit/{theirs.pk}/").status_code == 404
    mine = Category.objects.for_organization(org_a).get(code="lights")
    form = client.get(f"/admin/snippets/complaints/category/edit/{mine.pk}/").content.decode()
    assert "กองช่าง" in form
    b_department = org_b.departments.get(code="engineering")
    assert f'value="{b_department.pk}"' not in form
