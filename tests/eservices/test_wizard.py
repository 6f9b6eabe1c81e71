"""The wizard on django-formtools over the Draft row: revalidation before filing, Back after filing, uploads kept on
an error, links on the host the citizen uses, and a bounded number of queries per step."""

from __future__ import annotations

import pytest
from django.urls import reverse

from eservices.models import Draft, Submission

from .conftest import png_bytes, upload
from .test_citizen_flow import STEP1, step_url, walk_to_check

pytestmark = pytest.mark.django_db


def check_url(service):
    return reverse("eservices:check", kwargs={"service_id": service.pk})


def test_tampered_step_data_is_caught_by_revalidation_before_filing(client, service):
    walk_to_check(client, service)
    draft = Draft.objects.get()
    # Whatever reaches the stored data without passing the step's form (here a national ID with a bad check digit)
    # is revalidated before filing: the citizen is sent back to that step and nothing is filed.
    Draft.objects.filter(pk=draft.pk).update(step_data={**draft.step_data, "1": {
        **draft.step_data["1"], "national_id": ["1101700230709"]}})
    response = client.post(check_url(service))
    assert response.status_code == 302 and response.url == step_url(service, "1")
    assert not Submission.objects.exists()
    assert client.get(check_url(service)).url == step_url(service, "1")


def test_the_draft_row_is_the_state_another_device_continues_it(client, service):
    from django.test import Client

    from eservices import wizard

    walk_to_check(client, service, need="การเกษตร")
    draft = Draft.objects.get()
    assert list(draft.step_data) == ["1", "2", "3", "4"] and draft.answers["crops"] == "ข้าวโพด"
    other = Client()  # another device: no session, only the e-mailed link
    response = other.get(reverse("eservices:resume", kwargs={"signed": wizard.resume_token(draft)}))
    assert response.url == check_url(service)
    assert "ข้าวโพด" in other.get(check_url(service)).content.decode()
    response = other.post(check_url(service))
    assert response.status_code == 302 and Submission.objects.get().answers["crops"] == "ข้าวโพด"


def test_back_or_a_replayed_post_after_filing_shows_the_case_not_start_again(client, service):
    walk_to_check(client, service)
    first = client.post(check_url(service))
    case = Submission.objects.get()
    confirmation = reverse("eservices:confirmation", kwargs={"token": case.tracking_token})
    assert first.url == confirmation
    replays = [lambda: client.get(check_url(service)), lambda: client.post(check_url(service)),
               lambda: client.get(step_url(service, "4")),
               lambda: client.post(step_url(service, "4"), {"truthful": "on"})]
    for replay in replays:
        response = replay()
        assert response.status_code == 302 and response.url == confirmation
        content = client.get(response.url).content.decode()
        assert f"ส่งคำขอแล้ว เลขที่ {case.reference}" in content and "หมดเวลาการใช้งานแล้ว" not in content
        assert case.get_absolute_url() in content  # the link to follow the case
    assert Submission.objects.count() == 1
    # Starting again from the service page makes a new draft, not the filed one.
    response = client.post(reverse("eservices:start", kwargs={"service_id": service.pk}))
    assert response.url == step_url(service, "1") and Draft.objects.count() == 2


def test_a_valid_upload_is_kept_when_another_answer_on_the_step_has_an_error(client, service):
    client.post(reverse("eservices:start", kwargs={"service_id": service.pk}))
    client.post(step_url(service, "1"), STEP1)
    client.post(step_url(service, "2"), {"need": "อุปโภคบริโภค", "litres": "10"})
    response = client.post(step_url(service, "4"), {
        "house_registration": upload("ทะเบียนบ้าน.png", png_bytes(), "image/png")})  # declaration not ticked
    content = response.content.decode()
    assert response.status_code == 400 and "ยืนยัน" in content
    assert "ทะเบียนบ้าน.png" in content and "ไม่ต้องเลือกใหม่" in content
    response = client.post(step_url(service, "4"), {"truthful": "on"})  # no need to choose the file again
    assert response.status_code == 302 and response.url == check_url(service)
    assert "ทะเบียนบ้าน.png" in client.get(check_url(service)).content.decode()
    client.post(check_url(service))
    assert Submission.objects.get().attachments.get().original_name == "ทะเบียนบ้าน.png"


def test_back_links_and_redirects_stay_on_the_host_the_citizen_uses(client, service, org_a, org_b):
    site = org_a.site
    site.port = 8000  # the stored port is not where this request is served
    site.save()
    from eservices.models import ServicePage

    service_path = service.get_url_parts()[2]
    assert ":8000" in ServicePage.objects.get(pk=service.pk).url  # Wagtail's page URL takes the Site's stored port
    response = client.get(step_url(service, "1"))  # no draft yet: the session has ended
    assert response.status_code == 302 and response.url == service_path
    assert client.get(reverse("eservices:start", kwargs={"service_id": service.pk})).url == service_path
    client.post(reverse("eservices:start", kwargs={"service_id": service.pk}))
    content = client.get(step_url(service, "1")).content.decode()
    assert f'class="back-link" href="{service_path}"' in content and ":8000" not in content


def test_each_step_of_a_filing_costs_a_bounded_number_of_queries(client, service, django_assert_max_num_queries):
    client.get(service.url)  # warm the site's caches (menu, settings, the cached service)
    client.post(reverse("eservices:start", kwargs={"service_id": service.pk}))
    with django_assert_max_num_queries(2):  # session, draft
        assert client.get(step_url(service, "1")).status_code == 200
    with django_assert_max_num_queries(3):  # session, draft, one UPDATE of the draft
        assert client.post(step_url(service, "1"), STEP1).status_code == 302
    client.post(step_url(service, "2"), {"need": "อุปโภคบริโภค", "litres": "10"})
    with django_assert_max_num_queries(3):
        assert client.post(step_url(service, "4"), {"house_registration": upload("a.pdf"),
                                                    "truthful": "on"}).status_code == 302
    with django_assert_max_num_queries(2):  # check your answers revalidates every step without a query
        assert client.get(check_url(service)).status_code == 200
    # Filing, one transaction: 25 before wave 2; +6 from its systems: the month's channel count (#18: an update,
    # and an insert on the month's first filing), the notification outbox row (#17), the LINE followers of the case
    # (#13) and the department for the officers' notice. A constant: no query per answer or file.
    with django_assert_max_num_queries(31):
        assert client.post(check_url(service)).status_code == 302
