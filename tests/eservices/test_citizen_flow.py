"""The citizen's journey through the real view stack: wizard, check answers, submit, confirmation, tracking."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from eservices.constants import SubmissionStatus as S
from eservices.models import Attachment, Draft, Submission

from .conftest import VALID_ID, png_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


def step_url(service, key, back=False):
    url = reverse("eservices:step", kwargs={"service_id": service.pk, "step": key})
    return url + ("?return=check" if back else "")


STEP1 = {"applicant_name": "นางสมศรี มีสุข", "national_id": "1-1017-00230-70-8", "phone": "081-234-5678",
         "email": "somsri@example.com", "address_line": "12 หมู่ 3", "address_subdistrict": "ริมกก",
         "address_district": "เมืองเชียงราย", "address_province": "เชียงราย", "address_postcode": "57100"}


def walk_to_check(client, service, *, need="อุปโภคบริโภค"):
    response = client.post(reverse("eservices:start", kwargs={"service_id": service.pk}))
    assert response.status_code == 302 and response.url == step_url(service, "1")
    assert client.post(step_url(service, "1"), STEP1).url == step_url(service, "2")
    response = client.post(step_url(service, "2"), {"need": need, "litres": "2000", "wanted_on": "1/12/2569"})
    if need == "การเกษตร":
        assert response.url == step_url(service, "3")
        response = client.post(step_url(service, "3"), {"crops": "ข้าวโพด"})
    assert response.url == step_url(service, "4")
    response = client.post(step_url(service, "4"), {
        "house_registration": upload("ทะเบียนบ้าน.png", png_bytes(), "image/png"),
        "place_text": "หน้าบ้าน", "place_lat": "", "place_lng": "", "truthful": "on"})
    assert response.status_code == 302 and response.url.endswith("/apply/check/"), response.content.decode()[:3000]
    return response.url


def test_full_flow_with_upload_check_answers_change_link_and_confirmation(client, service, catalogue,
                                                                          django_capture_on_commit_callbacks):
    page = client.get(service.url)
    assert page.status_code == 200 and "เริ่มต้น" in page.content.decode()
    check_url = walk_to_check(client, service, need="การเกษตร")
    content = client.get(check_url).content.decode()
    assert "ตรวจสอบคำตอบก่อนส่ง" in content and "ข้าวโพด" in content and "1 ธันวาคม 2569" in content
    assert "ทะเบียนบ้าน.png" in content and "หน้าที่ตามกฎหมาย" in content  # privacy notice: lawful basis
    # A change link comes back to check-your-answers; changing "need" hides step 3 and drops its answer.
    assert f'href="{step_url(service, "2", back=True)}#q-need"' in content
    response = client.post(step_url(service, "2", back=True), {"need": "อุปโภคบริโภค", "litres": "1500"})
    assert response.url == check_url
    content = client.get(check_url).content.decode()
    assert "ข้าวโพด" not in content and "1,500 ลิตร" in content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(check_url)
    case = Submission.objects.get()
    assert response.url == reverse("eservices:confirmation", kwargs={"token": case.tracking_token})
    assert case.answers["national_id"] == VALID_ID and case.answers["phone"] == "0812345678"
    assert "crops" not in case.answers and case.applicant_email == "somsri@example.com"
    attachment = Attachment.objects.get()
    assert attachment.original_name == "ทะเบียนบ้าน.png" and attachment.mime_type == "image/png"
    assert attachment.file.storage.exists(attachment.file.name)
    confirmation = client.get(response.url).content.decode()
    assert case.reference in confirmation and "ส่งคำขอแล้ว" in confirmation
    assert reverse("eservices:receipt", kwargs={"token": case.tracking_token}) in confirmation
    assert any(case.reference in m.subject for m in mail.outbox)
    # The draft is dead: the wizard cannot be reused to file again.
    assert client.get(check_url).status_code == 302


def test_double_submit_files_one_case(client, service):
    check_url = walk_to_check(client, service)
    draft = Draft.objects.get()
    first = client.post(check_url)
    # A second click from another tab still holding the draft in its session.
    session = client.session
    session["eservices.drafts"] = {str(service.pk): draft.pk}
    session.save()
    Draft.objects.filter(pk=draft.pk).update(submission=None)
    second = client.post(check_url)
    assert Submission.objects.count() == 1 and first.url == second.url


def test_errors_keep_values_prefix_title_and_use_thai_messages(client, service):
    client.post(reverse("eservices:start", kwargs={"service_id": service.pk}))
    response = client.post(step_url(service, "1"), {**STEP1, "national_id": "1234567890123", "phone": "12345",
                                                    "address_postcode": "5710"})
    assert response.status_code == 400
    content = response.content.decode()
    assert re.search(r"<title>ข้อผิดพลาด: ", content)
    assert 'class="error-summary"' in content and "autofocus" in content
    assert "เลขประจำตัวประชาชนไม่ถูกต้อง" in content
    assert "กรอกเบอร์โทรศัพท์" in content
    assert "รหัสไปรษณีย์ 5 หลัก" in content
    assert 'value="นางสมศรี มีสุข"' in content and 'value="5710"' in content  # values kept
    assert "(ควรกรอก)" in content  # the soft-required e-mail


def test_optional_fields_say_so_instead_of_asterisks(client, service):
    client.post(reverse("eservices:start", kwargs={"service_id": service.pk}))
    client.post(step_url(service, "1"), STEP1)
    content = client.get(step_url(service, "2")).content.decode()
    assert "(ไม่บังคับ)" in content and "*" not in re.sub(r"<(script|style).*?</\1>", "", content, flags=re.S)


def test_skipping_steps_by_url_is_refused(client, service):
    client.post(reverse("eservices:start", kwargs={"service_id": service.pk}))
    response = client.get(step_url(service, "4"))
    assert response.status_code == 302 and response.url == step_url(service, "1")
    response = client.post(step_url(service, "4"), {"truthful": "on"})
    assert response.url == step_url(service, "1")
    assert client.get(reverse("eservices:check", kwargs={"service_id": service.pk})).url == step_url(service, "1")
    client.post(step_url(service, "1"), STEP1)
    client.post(step_url(service, "2"), {"need": "อุปโภคบริโภค", "litres": "10"})
    # Step 3 is hidden for this answer: asking for it lands on the next real step.
    assert client.get(step_url(service, "3")).url == step_url(service, "4")


def test_disguised_and_oversized_uploads_are_refused(client, service):
    walk_to_check(client, service)
    fake = upload("scan.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")  # a Windows program named .pdf
    response = client.post(step_url(service, "4"), {"house_registration": fake, "truthful": "on"})
    content = response.content.decode()
    assert response.status_code == 400 and "ชนิดที่ไม่รับ" in content
    big = upload("big.png", png_bytes() + b"\x00" * (1024 * 1024 + 10), "image/png")
    content = client.post(step_url(service, "4"), {"house_registration": big, "truthful": "on"}).content.decode()
    assert "1 MB" in content and "ขนาด" in content
    too_many = [upload(f"{i}.png", png_bytes(), "image/png") for i in range(2)]
    content = client.post(step_url(service, "4"), {"house_registration": too_many, "truthful": "on"}).content.decode()
    assert "ได้ไม่เกิน 2 ไฟล์" in content  # one already uploaded + 2 new > 2


def test_save_and_resume_link_works_then_dies_after_submit(client, service, django_capture_on_commit_callbacks):
    client.post(reverse("eservices:start", kwargs={"service_id": service.pk}))
    client.post(step_url(service, "1"), STEP1)
    save_url = reverse("eservices:save", kwargs={"service_id": service.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(save_url, {"email": "somsri@example.com"})
    assert response.status_code == 200
    link = re.search(r"http://testserver(/e-service/resume/\S+/)", mail.outbox[-1].body).group(1)
    client.logout()
    client.cookies.clear()
    response = client.get(link)
    assert response.status_code == 302 and response.url == step_url(service, "2")
    client.post(step_url(service, "2"), {"need": "อุปโภคบริโภค", "litres": "10"})
    client.post(step_url(service, "4"), {"house_registration": upload("a.pdf"), "truthful": "on"})
    client.post(reverse("eservices:check", kwargs={"service_id": service.pk}))
    assert Submission.objects.count() == 1
    client.cookies.clear()
    assert client.get(link).status_code == 410
    assert client.get(link[:-5] + "xxxx/").status_code == 410  # a forged signature


def test_resume_link_expires_after_inactivity(client, service):
    import datetime as dt

    from django.utils import timezone

    from eservices import wizard

    client.post(reverse("eservices:start", kwargs={"service_id": service.pk}))
    draft = Draft.objects.get()
    token = wizard.resume_token(draft)
    assert wizard.draft_from_resume_token(token) == draft
    later = timezone.now() + dt.timedelta(days=wizard.RESUME_DAYS, minutes=1)
    assert wizard.draft_from_resume_token(token, now=later) is None


def test_other_lgo_services_are_not_served_on_this_site(client, make_service, make_organization):
    other = make_organization(code="CCC", hostname="c.test")
    from eservices.models import ServiceIndexPage

    home = other.site.root_page.specific
    index = ServiceIndexPage(title="บริการ", slug="services")
    home.add_child(instance=index)
    svc = make_service("บริการของ ซี", parent=index, organization=other)
    response = client.post(reverse("eservices:start", kwargs={"service_id": svc.pk}))
    assert response.status_code == 404


def test_catalogue_groups_searches_and_bounds_queries(client, make_service, catalogue, settings,
                                                      django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from eservices.constants import ServiceCategory

    settings.PAGE_CACHE_SECONDS = 0  # measure rendering the catalogue, not the page cache (test_caching covers it)
    make_service("ขออนุญาตก่อสร้างอาคาร", category=ServiceCategory.CONSTRUCTION, summary="ยื่นแบบแปลน")
    client.get(catalogue.url)  # warm the per-site caches (site root paths, settings, menu)
    with CaptureQueriesContext(connection) as one_service:
        client.get(catalogue.url)
    for i in range(6):
        make_service(f"บริการสวัสดิการ {i}", category=ServiceCategory.WELFARE)
    client.get(catalogue.url)  # new pages purged the site's caches: warm them again
    with django_assert_max_num_queries(16), CaptureQueriesContext(connection) as seven_services:
        content = client.get(catalogue.url).content.decode()
    assert len(seven_services) == len(one_service)  # no query per service
    assert content.index("สวัสดิการ") < content.index("ก่อสร้าง")
    content = client.get(catalogue.url, {"q": "แบบแปลน"}).content.decode()
    assert "ขออนุญาตก่อสร้างอาคาร" in content and "บริการสวัสดิการ 1" not in content


def test_tracking_by_reference_and_rate_limit(client, file_case, settings):
    case = file_case()
    track = reverse("eservices:track")
    response = client.post(track, {"reference": case.reference.lower(), "last4": "5678"})
    assert response.status_code == 302 and response.url == case.get_absolute_url()
    response = client.post(track, {"reference": case.reference, "last4": "0000"})
    assert response.status_code == 400 and "ไม่พบคำขอ" in response.content.decode()
    settings.LOOKUP_THROTTLE_ATTEMPTS = 3
    for _ in range(3):
        client.post(track, {"reference": case.reference, "last4": "1111"})
    response = client.post(track, {"reference": case.reference, "last4": "5678"})  # right, but throttled
    assert response.status_code == 400 and "หลายครั้งเกินไป" in response.content.decode()


def test_spaces_inside_the_reference_do_not_dodge_the_per_case_limit(client, file_case, settings):
    case = file_case()
    track = reverse("eservices:track")
    code, year, number = case.reference.split("-")
    spaced = f"{code} - {year} - {number[:3]} {number[3:]}"
    response = client.post(track, {"reference": spaced, "last4": "5678"}, REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302  # the look-up ignores the spaces…
    settings.LOOKUP_THROTTLE_ATTEMPTS = 3
    disguises = [f"{code} -{year}-{number}", f"{code}-{year} -{number}", f"{code}-{year}-{number[:3]} {number[3:]}"]
    for i, reference in enumerate(disguises, start=2):  # …so the per-case limit does too, whatever the address
        client.post(track, {"reference": reference, "last4": "1111"}, REMOTE_ADDR=f"10.0.0.{i}")
    response = client.post(track, {"reference": case.reference, "last4": "5678"}, REMOTE_ADDR="10.0.0.99")
    assert response.status_code == 400 and "หลายครั้งเกินไป" in response.content.decode()


def test_tracking_page_answer_information_request(client, file_case, make_officer, org_a,
                                                  django_assert_max_num_queries):
    from eservices import services
    from organizations.constants import Role

    officer = make_officer(org_a, Role.OFFICER, department="office")
    case = file_case()
    services.act(submission=case, action="accept", actor=officer)
    services.add_message(submission=case, body="ภายในเท่านั้น", author=officer, public=False)
    services.request_information(submission=case, items="ขอสำเนาทะเบียนบ้านหน้าที่มีชื่อท่าน", actor=officer)
    url = case.get_absolute_url()
    with django_assert_max_num_queries(20):
        content = client.get(url).content.decode()
    assert "ขอสำเนาทะเบียนบ้านหน้าที่มีชื่อท่าน" in content and "ภายในเท่านั้น" not in content
    answer_url = reverse("eservices:answer", kwargs={"token": case.tracking_token})
    response = client.post(answer_url, {"text": ""})
    assert response.status_code == 400
    response = client.post(answer_url, {"text": "ส่งเอกสารแล้ว", "files": [upload("page2.pdf")]})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == S.IN_REVIEW
    content = client.get(url).content.decode()
    assert "ส่งเอกสารแล้ว" in content and "page2.pdf" in content
    file_link = re.search(r'href="(/track/[^"]+/files/\d+/)"', content).group(1)
    assert client.get(file_link).status_code == 200
    assert client.get(reverse("eservices:track_detail", kwargs={"token": "x" * 43})).status_code == 404


def test_service_page_shows_the_citizen_manual_with_explicit_no_fee_and_no_documents(client, service,
                                                                                     make_service):
    content = client.get(service.url).content.decode()
    for expected in ("คู่มือสำหรับประชาชน", "ไม่มีค่าธรรมเนียม", "ไม่ต้องใช้เอกสาร", "สำนักปลัด", "5 วันทำการ",
                     reverse("eservices:start", kwargs={"service_id": service.pk})):
        assert expected in content
    offline = make_service("บริการที่ไม่รับออนไลน์", online_filing=False, form_steps=[])
    assert reverse("eservices:start", kwargs={"service_id": offline.pk}) not in client.get(offline.url).content.decode()
    assert client.post(reverse("eservices:start", kwargs={"service_id": offline.pk})).status_code == 404


def test_tracking_form_in_english(client, org_a):
    content = client.get("/en/track/").content.decode()
    assert "Track a request" in content and "Last 4 digits of your phone number or national ID" in content
