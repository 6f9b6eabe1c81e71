"""The executive dashboard: every panel drawn as SVG with its table and CSV, only the officer's LGO, bounded queries."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from core.insights import dashboard_panels
from eservices.constants import SubmissionStatus
from eservices.models import Submission
from organizations.constants import Role


@pytest.fixture
def cases(org_a, org_b, make_service, file_case):
    """Six cases at org_a over two months (two decided, one on time and one late, one overdue now), one at org_b."""
    water = make_service("ขอรถบรรทุกน้ำ")
    trees = make_service("ขออนุญาตตัดต้นไม้", slug="trees")
    filed = [file_case(water) for _ in range(4)] + [file_case(trees) for _ in range(2)]
    now = timezone.now()
    a, b, c = filed[:3]
    Submission.objects.filter(pk=a.pk).update(status=SubmissionStatus.COMPLETED, received_at=now - dt.timedelta(40),
                                              due_date=(now - dt.timedelta(30)).date(),
                                              decided_at=now - dt.timedelta(35))
    Submission.objects.filter(pk=b.pk).update(status=SubmissionStatus.REJECTED, received_at=now - dt.timedelta(20),
                                              due_date=(now - dt.timedelta(15)).date(),
                                              decided_at=now - dt.timedelta(10))
    Submission.objects.filter(pk=c.pk).update(status=SubmissionStatus.IN_REVIEW,
                                              due_date=timezone.localdate() - dt.timedelta(3))
    return filed


def test_executive_sees_every_panel_with_chart_table_and_csv(client, org_a, make_officer, cases):
    executive = make_officer(org_a, Role.EXECUTIVE)
    client.force_login(executive)
    response = client.get("/admin/dashboard/")
    assert response.status_code == 200
    html = response.content.decode()
    for panel in dashboard_panels:
        assert f'id="panel-{panel.key}"' in html, panel.key
        assert f"/admin/dashboard/{panel.key}.csv" in html
    assert html.count('<svg class="insights-chart"') >= 5
    assert "ขอรถบรรทุกน้ำ" in html and "ขออนุญาตตัดต้นไม้" in html
    month = timezone.localdate()
    assert f"{month.year + 543}" in html  # Buddhist-era months
    overdue = Submission.objects.get(pk=cases[2].pk)
    assert overdue.reference in html and f"/admin/eservices/cases/{overdue.pk}/" in html


def test_figures_are_right_and_csv_matches(client, org_a, make_officer, cases):
    client.force_login(make_officer(org_a, Role.LGO_ADMIN))
    response = client.get("/admin/dashboard/on_time.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["บริการ", "พิจารณาแล้ว", "ทันเวลา", "ล่าช้า", "ทันเวลา (%)"]
    assert rows[1] == ["ขอรถบรรทุกน้ำ", "2", "1", "1", "50.00"]
    by_service = list(csv.reader(io.StringIO(client.get("/admin/dashboard/cases_by_service.csv")
                                             .content.decode("utf-8-sig"))))
    assert by_service[1][0] == "ขอรถบรรทุกน้ำ" and by_service[1][-1] == "4"
    median = list(csv.reader(io.StringIO(client.get("/admin/dashboard/median_days.csv")
                                         .content.decode("utf-8-sig"))))
    assert median[1] == ["ขอรถบรรทุกน้ำ", "2", "7.5"]  # 5 and 10 days


def test_other_lgo_cases_are_never_counted(client, org_a, org_b, make_officer, cases):
    from tests.eservices.conftest import standard_steps  # noqa: F401

    client.force_login(make_officer(org_b, Role.EXECUTIVE))
    response = client.get("/admin/dashboard/cases_by_service.csv", HTTP_HOST="b.test")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1:] == []


@pytest.mark.parametrize("role", [Role.OFFICER, Role.PR_EDITOR])
def test_officers_without_an_executive_role_are_refused(client, org_a, make_officer, role):
    client.force_login(make_officer(org_a, role))
    assert client.get("/admin/dashboard/").status_code in (302, 403)
    assert client.get("/admin/dashboard/on_time.csv").status_code in (302, 403)


def test_dashboard_queries_are_bounded_and_cached(client, org_a, make_officer, cases, django_assert_max_num_queries):
    client.force_login(make_officer(org_a, Role.EXECUTIVE))
    client.get("/admin/dashboard/")
    with django_assert_max_num_queries(25):  # every panel from the hourly cache: session, user, roles, menu
        assert client.get("/admin/dashboard/").status_code == 200
