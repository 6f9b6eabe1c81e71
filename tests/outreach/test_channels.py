"""Short links and channel figures: a visit by short link or QR and a filing show up per service and month, with
no personal data stored; LGO B never sees LGO A's figures; a short code is stable, case-insensitive and refuses
look-alike characters."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from eservices.constants import FilingChannel
from organizations.constants import Role
from outreach import shortlinks
from outreach.models import ChannelCount
from outreach.selectors import channel_rows
from outreach.services import month_of

pytestmark = pytest.mark.django_db
PHONE = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130 Mobile Safari/537.36"
LINE_APP = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Line/14.9.0"


def test_short_codes_are_stable_case_insensitive_and_refuse_look_alikes():
    codes = {n: shortlinks.encode(n) for n in (1, 29, 30, 841, 12345, 987654)}
    for number, code in codes.items():
        assert not set(code) & set("0O1IL UV")
        assert shortlinks.decode(code) == number
        assert shortlinks.decode(code.lower()) == number
        assert shortlinks.encode(number) == code  # the same id always gives the same code
    assert len(codes[12345]) == 4
    code = codes[12345]
    wrong = code[:-1] + next(ch for ch in shortlinks.ALPHABET if ch != code[-1])
    assert shortlinks.decode(wrong) is None  # a mistyped character is caught by the check character
    assert shortlinks.decode("O0I1") is None and shortlinks.decode("") is None and shortlinks.decode("2") is None


def test_short_link_opens_the_service_marked_and_counts_the_visit(client, service, org_a):
    code = shortlinks.encode(service.pk)
    response = client.get(f"/s/{code.lower()}/", HTTP_USER_AGENT=PHONE)
    assert response.status_code == 302
    assert response["Location"].endswith("?src=short")
    page = client.get(response["Location"], HTTP_USER_AGENT=PHONE)
    assert page.status_code == 200
    assert '<input type="hidden" name="src" value="short">' in page.content.decode()
    scanned = client.get(f"/s/{code}/?src=qr", HTTP_USER_AGENT=PHONE)
    assert scanned["Location"].endswith("?src=qr")
    client.get(scanned["Location"], HTTP_USER_AGENT=PHONE)
    client.get(scanned["Location"], HTTP_USER_AGENT="facebookexternalhit/1.1")  # a link preview is no visit
    counts = {row.channel: row.visits for row in ChannelCount.objects.for_organization(org_a)}
    assert counts == {FilingChannel.SHORT_LINK: 1, FilingChannel.QR: 1}


def test_a_plain_visit_is_cached_and_not_counted_and_unknown_codes_are_404(client, service, org_a):
    client.get(service.url, HTTP_USER_AGENT=PHONE)
    assert not ChannelCount.objects.exists()
    assert client.get("/s/ZZZZ/").status_code == 404


def test_another_lgos_short_code_does_not_open_here(client, service, org_b):
    assert client.get(f"/s/{shortlinks.encode(service.pk)}/", HTTP_HOST="b.test").status_code == 404


def _file_from_page(client, service, source: str, user_agent: str = PHONE):
    """Start from the service page's button (carrying the marker) and file through the wizard's steps."""
    from tests.eservices.test_citizen_flow import walk_to_check

    response = client.post(reverse("eservices:start", kwargs={"service_id": service.pk}),
                           {"src": source} if source else {}, HTTP_USER_AGENT=user_agent)
    assert response.status_code == 302
    walk_to_check(client, service)
    return client.post(reverse("eservices:check", kwargs={"service_id": service.pk}), HTTP_USER_AGENT=user_agent)


def test_filing_after_a_short_link_visit_counts_by_channel(client, service, org_a):
    client.get(f"/s/{shortlinks.encode(service.pk)}/", HTTP_USER_AGENT=PHONE, follow=True)
    done = _file_from_page(client, service, "short")
    assert done.status_code == 302
    case = service.submissions.get()
    assert case.channel == FilingChannel.SHORT_LINK
    row = ChannelCount.objects.get(service=service, channel=FilingChannel.SHORT_LINK)
    assert (row.visits, row.filings, row.month) == (1, 1, month_of(timezone.now()))
    [figures] = channel_rows(org_a, since=month_of())
    assert figures["short_link"] == 1 and figures["visits_short_link"] == 1 and figures["total"] == 1
    # Nothing about the citizen is in the counter: only ids, a month, a channel and two numbers.
    assert {f.name for f in ChannelCount._meta.get_fields()} == {
        "id", "organization", "service", "month", "channel", "visits", "filings"}


def test_line_browser_and_web_filings_are_told_apart(client, service, org_a):
    _file_from_page(client, service, "", user_agent=LINE_APP)
    client.logout()
    _file_from_page(client, service, "")
    assert sorted(service.submissions.values_list("channel", flat=True)) == ["line", "web"]


def test_figures_page_shows_counts_per_service_for_the_executive_only_of_its_lgo(
        client, make_officer, file_case, service, org_a, org_b):
    file_case()
    client.force_login(make_officer(org_a, Role.EXECUTIVE))
    response = client.get(reverse("outreach_admin:channels"))
    assert response.status_code == 200
    html = response.content.decode()
    assert service.title in html and f'data-service="{service.pk}"' in html
    client.force_login(make_officer(org_b, Role.EXECUTIVE))
    other = client.get(reverse("outreach_admin:channels"), HTTP_HOST="b.test")
    assert other.status_code == 200 and f'data-service="{service.pk}"' not in other.content.decode()


def test_figures_page_query_count_is_bounded(client, make_officer, make_service, file_case, org_a,
                                             django_assert_max_num_queries):
    for n in range(4):
        file_case(make_service(f"บริการที่ {n}"))
    client.force_login(make_officer(org_a, Role.EXECUTIVE))
    with django_assert_max_num_queries(30):
        assert client.get(reverse("outreach_admin:channels")).status_code == 200


def test_channel_counts_reach_the_executive_dashboard_and_the_open_dataset(client, make_officer, service, org_a):
    """Done when: channel counts appear for a service after a visit by short link and a filing."""
    import csv
    import io

    from core.insights import open_datasets

    client.get(f"/s/{shortlinks.encode(service.pk)}/", HTTP_USER_AGENT=PHONE, follow=True)
    _file_from_page(client, service, "short")
    client.logout()
    client.force_login(make_officer(org_a, Role.EXECUTIVE))
    html = client.get("/admin/dashboard/").content.decode()
    assert 'id="panel-channels"' in html and 'id="panel-channels_by_month"' in html
    rows = list(csv.DictReader(io.StringIO(client.get("/admin/dashboard/channels.csv").content.decode("utf-8-sig"))))
    [row] = rows
    assert service.title in row.values()
    values = list(row.values())
    assert values.count("1") >= 3  # short-link filings, all requests, short-link arrivals
    table = open_datasets.get("channels").compute(org_a)
    [data] = table.rows
    assert (data["service"], data["short_link"], data["visits_short_link"], data["total"]) == (service.title, 1, 1, 1)
    assert "applicant" not in " ".join(data)  # statistics only
