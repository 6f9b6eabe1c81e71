"""The officer inbox: scoping (LGO and department), filters, search, sort, paging, bulk actions and exports."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
import time_machine
from django.db import connection as db_connection
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from core.models import AuditAction, AuditLog
from core.seek import ordering, seek_page
from eservices import services
from eservices.constants import SubmissionStatus
from eservices.models import ServiceIndexPage, Submission
from organizations.constants import Role

from .conftest import GOOD_ANSWERS, VALID_ID
from .inbox_support import _fresh_cache, login  # noqa: F401  (autouse fixture)

INBOX = "/admin/eservices/cases/"
OTHER_ID = "3100600345671"


def refs(response) -> list[str]:
    return [row["reference"] for row in response.context["page"].object_list]


@pytest.fixture
def officer(org_a, make_officer):
    return make_officer(org_a, Role.OFFICER, username="a-office", department="office")


@pytest.fixture
def admin_a(org_a, make_officer):
    return make_officer(org_a, Role.LGO_ADMIN, username="a-admin")


@pytest.fixture
def officer_client(client, officer):
    login(client, officer)
    return client


@pytest.fixture
def b_case(org_b, make_service, file_case):
    home = org_b.site.root_page.specific
    index = ServiceIndexPage(title="บริการ", slug="e-service-b")
    home.add_child(instance=index)
    service_b = make_service("บริการของ อบต.บี", parent=index, organization=org_b, slug="svc-b")
    return file_case(service_b, answers={**GOOD_ANSWERS, "applicant_name": "นายบี ต่างถิ่น"})


@pytest.mark.django_db
class TestScope:
    def test_lists_own_lgo_cases_only(self, officer_client, file_case, b_case):
        mine = file_case()
        response = officer_client.get(INBOX)
        assert response.status_code == 200
        assert refs(response) == [mine.reference]
        html = response.content.decode()
        assert b_case.reference not in html
        assert 'name="status"' in html and 'name="received_from"' in html  # filters
        assert 'name="operation"' in html and 'name="ids"' in html  # bulk actions

    def test_other_department_sees_nothing_and_gets_404(self, client, org_a, make_officer, file_case):
        case = file_case()  # routed to the "office" department
        finance = make_officer(org_a, Role.OFFICER, username="a-finance", department="finance")
        login(client, finance)
        assert refs(client.get(INBOX)) == []
        assert refs(client.get(INBOX, {"q": case.reference})) == []
        response = client.get(reverse("eservices_admin:case", args=[case.pk]))
        assert response.status_code == 404
        assert AuditLog.objects.filter(action=AuditAction.DENIED, actor=finance, object_id=str(case.pk)).exists()

    def test_whole_lgo_role_sees_every_department(self, client, admin_a, file_case):
        case = file_case()
        login(client, admin_a)
        assert refs(client.get(INBOX)) == [case.reference]

    def test_assigned_case_visible_outside_department(self, client, org_a, make_officer, admin_a, file_case):
        case = file_case()
        finance = make_officer(org_a, Role.OFFICER, username="a-finance", department="finance")
        services.assign(submission=case, assignee=finance, actor=admin_a)
        login(client, finance)
        assert refs(client.get(INBOX)) == [case.reference]

    def test_officer_of_lgo_b_cannot_search_or_open_lgo_a_case(self, client, org_b, make_officer, file_case, b_case):
        case = file_case()
        officer_b = make_officer(org_b, Role.LGO_ADMIN, username="b-admin")
        login(client, officer_b)
        assert refs(client.get(INBOX, {"q": case.reference})) == []
        assert refs(client.get(INBOX, {"q": VALID_ID})) == [b_case.reference]
        assert client.get(reverse("eservices_admin:case", args=[case.pk])).status_code == 404

    def test_user_without_case_role_is_refused(self, client, org_a, make_officer):
        editor = make_officer(org_a, Role.PR_EDITOR, username="a-editor")
        login(client, editor)
        response = client.get(INBOX)
        assert response.status_code in (302, 403)  # Wagtail turns the 403 into a message on the dashboard
        assert response.status_code == 403 or response["Location"] == "/admin/"

    def test_anonymous_goes_to_login(self, client):
        response = client.get(INBOX)
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
class TestFiltersAndSearch:
    def test_filters(self, officer_client, officer, admin_a, file_case):
        first = file_case()
        second = file_case(answers={**GOOD_ANSWERS, "applicant_name": "นายสมหมาย ขยันดี", "phone": "0898765432",
                                    "national_id": OTHER_ID})
        services.act(submission=first, action="accept", actor=admin_a)
        services.assign(submission=second, assignee=officer, actor=admin_a)
        get = officer_client.get
        assert refs(get(INBOX, {"status": SubmissionStatus.IN_REVIEW})) == [first.reference]
        assert refs(get(INBOX, {"status": "open"})) == [second.reference, first.reference]
        assert refs(get(INBOX, {"assignee": "me"})) == [second.reference]
        assert refs(get(INBOX, {"assignee": "none"})) == [first.reference]
        assert refs(get(INBOX, {"service": first.service_id})) == [second.reference, first.reference]
        office = first.department_id
        assert len(refs(get(INBOX, {"department": office}))) == 2
        assert refs(get(INBOX, {"sort": "received"})) == [first.reference, second.reference]
        assert refs(get(INBOX, {"sort": "reference"})) == sorted([first.reference, second.reference])

    def test_search_kinds_and_audit(self, officer_client, officer, file_case):
        first = file_case()
        second = file_case(answers={**GOOD_ANSWERS, "applicant_name": "นายสมหมาย ขยันดี", "phone": "0898765432",
                                    "national_id": OTHER_ID})
        get = officer_client.get
        assert refs(get(INBOX, {"q": first.reference.lower()})) == [first.reference]
        number = first.reference.rsplit("-", 1)[1].lstrip("0")
        assert refs(get(INBOX, {"q": number})) == [first.reference]
        assert refs(get(INBOX, {"q": "3-1006-00345-67-1"})) == [second.reference]
        assert refs(get(INBOX, {"q": "089-876-5432"})) == [second.reference]
        assert refs(get(INBOX, {"q": "สมศรี"})) == [first.reference]
        searches = AuditLog.objects.filter(action=AuditAction.SEARCH, actor=officer)
        details = sorted(searches.values_list("detail", flat=True))
        assert details == ["inbox search by name", "inbox search by national_id ending 5671",
                           "inbox search by phone ending 5432"]
        assert not any(OTHER_ID in d for d in details)

    def test_overdue_and_due_soon(self, officer_client, file_case):
        with time_machine.travel(dt.datetime(2026, 11, 2, 10, 0, tzinfo=dt.UTC)):  # Monday 17:00 Bangkok
            case = file_case()
        assert case.due_date is not None
        day_before_due = case.due_date - dt.timedelta(days=1)
        with time_machine.travel(dt.datetime.combine(day_before_due, dt.time(3, 0), tzinfo=dt.UTC)):
            assert refs(officer_client.get(INBOX, {"due": "soon"})) == [case.reference]
            assert refs(officer_client.get(INBOX, {"due": "overdue"})) == []
        with time_machine.travel(dt.datetime.combine(case.due_date + dt.timedelta(days=1), dt.time(3, 0),
                                                     tzinfo=dt.UTC)):
            assert refs(officer_client.get(INBOX, {"due": "overdue"})) == [case.reference]
            assert refs(officer_client.get(INBOX, {"due": "soon"})) == []

    def test_date_range_in_buddhist_era(self, officer_client, file_case):
        with time_machine.travel(dt.datetime(2026, 11, 2, 3, 0, tzinfo=dt.UTC)):
            old = file_case()
        with time_machine.travel(dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)):
            new = file_case()
        get = officer_client.get
        assert refs(get(INBOX, {"received_from": "10/11/2569"})) == [new.reference]
        assert refs(get(INBOX, {"received_to": "02/11/2569"})) == [old.reference]
        assert refs(get(INBOX, {"received_from": "2026-11-01", "received_to": "2026-11-30"})) == [new.reference,
                                                                                                   old.reference]
        response = get(INBOX, {"received_from": "31/02/2569"})
        assert response.context["form"].errors["received_from"]
        assert len(refs(response)) == 2  # a bad filter is shown, not applied

    def test_pagination_and_capped_count(self, officer_client, file_case, monkeypatch):
        from eservices.admin import views

        cases = [file_case(answers={**GOOD_ANSWERS, "applicant_name": f"ผู้ยื่น {i}"}) for i in range(30)]
        first = officer_client.get(INBOX, {"per_page": 25})
        assert len(refs(first)) == 25 and first.context["page"].num_pages == 2
        second = officer_client.get(INBOX, {"per_page": 25, "after": first.context["page"].next_cursor, "p": 2})
        assert refs(second) == [c.reference for c in cases[:5]][::-1]
        assert second.context["page"].number == 2 and not second.context["page"].has_next
        html = second.content.decode()
        assert 'rel="prev"' in html and 'rel="next"' not in html and "หน้า 2 จาก 2" in html
        monkeypatch.setattr(views, "COUNT_CAP", 10)
        capped = officer_client.get(INBOX, {"per_page": 25})
        assert capped.context["page"].capped and capped.context["page"].count == 10

    @pytest.mark.parametrize("sort", ["", "received", "due", "status", "reference"])
    def test_seek_pages_walk_every_case_once_in_order_both_ways(self, officer_client, file_case, sort):
        """Ties on the sort columns (out-of-hours filings share a receipt time, many cases share a due date or a
        status, some have no due date) must neither repeat nor skip a case at a page edge, forwards or back."""
        from eservices.admin.filters import SORTS
        from eservices.admin.views import LIST_FIELDS

        cases = [file_case(answers={**GOOD_ANSWERS, "applicant_name": f"ผู้ยื่น {i}"}) for i in range(23)]
        moment = cases[0].received_at
        for n, case in enumerate(cases):
            Submission.objects.filter(pk=case.pk).update(
                received_at=moment + dt.timedelta(hours=n % 3),
                due_date=None if n % 5 == 0 else dt.date(2026, 12, 1 + n % 2),
                status=(SubmissionStatus.SUBMITTED, SubmissionStatus.IN_REVIEW)[n % 2])
        expected = list(Submission.objects.order_by(*ordering(SORTS[sort or "-received"]))
                        .values_list("reference", flat=True))
        assert len(set(expected)) == 23
        params = {"per_page": 25, "sort": sort} if sort else {"per_page": 25}
        walked, pages, cursor = [], [], None
        while True:
            page = officer_client.get(INBOX, {**params, **({"after": cursor} if cursor else {})}).context["page"]
            pages.append(page)
            walked += [row["reference"] for row in page.object_list]
            cursor = page.next_cursor
            if cursor is None:
                break
        assert walked == expected[:25] and len(pages) == 1  # one page of 25: now walk in pages of 4 through seek_page
        queryset = Submission.objects.values(*LIST_FIELDS)
        walked, cursor, previous = [], None, []
        while True:
            page = seek_page(queryset, SORTS[sort or "-received"], per_page=4, after=cursor)
            assert len(page.object_list) <= 4
            previous.append(page.previous_cursor)
            walked += [row["reference"] for row in page.object_list]
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        assert walked == expected
        backwards, cursor = [], previous[-1]
        while cursor is not None:
            page = seek_page(queryset, SORTS[sort or "-received"], per_page=4, before=cursor)
            backwards = [row["reference"] for row in page.object_list] + backwards
            cursor = page.previous_cursor
        assert backwards == expected[:20]  # back from the last page (cases 20-22) to the first

    @pytest.mark.postgres
    @pytest.mark.skipif(db_connection.vendor != "postgresql", reason="planner estimates and statement timeouts")
    def test_huge_or_slow_counts_show_the_planner_estimate(self, officer_client, file_case, monkeypatch):
        from django.db import connection

        from core.seek import bounded_count
        from eservices.admin import views

        cases = [file_case(answers={**GOOD_ANSWERS, "applicant_name": f"ผู้ยื่น {i}"}) for i in range(3)]
        exact = officer_client.get(INBOX)
        assert exact.context["page"].count == 3 and not exact.context["page"].estimated
        monkeypatch.setattr(views, "ESTIMATE_ABOVE", 0)  # as if the planner expected more than the threshold
        estimated = officer_client.get(INBOX)
        assert estimated.context["page"].estimated and refs(estimated) == [c.reference for c in cases][::-1]
        assert "จากประมาณ" in estimated.content.decode()
        slow = Submission.objects.extra(where=["pg_sleep(0.05) IS NOT NULL"])
        result = bounded_count(slow, cap=1000, estimate_above=10_000, timeout_ms=15)
        assert result.estimated and not result.capped  # the timeout fired and the estimate stood in
        with connection.cursor() as cursor:  # and the request's later statements have no timeout left over
            cursor.execute("SHOW statement_timeout")
            assert cursor.fetchone()[0] == "0"

    def test_a_forged_cursor_shows_the_first_page(self, officer_client, file_case):
        case = file_case()
        import base64
        import json

        forged = [[], {"a": 1}, ["x", 1], [{"dt": "not a date"}, 1], [True, 1], [{"d": "2026-01-01", "x": 1}, 1]]
        cursors = ["not-base64!", *(base64.urlsafe_b64encode(json.dumps(v).encode()).decode() for v in forged)]
        for cursor in cursors:
            response = officer_client.get(INBOX, {"after": cursor})
            assert response.status_code == 200 and refs(response) == [case.reference]

    def test_query_count_is_bounded_whatever_the_page_size(self, officer_client, file_case,
                                                          django_assert_max_num_queries):
        for i in range(3):
            file_case(answers={**GOOD_ANSWERS, "applicant_name": f"ผู้ยื่น {i}"})
        with django_assert_max_num_queries(40) as few:
            officer_client.get(INBOX)
        for i in range(40):
            file_case(answers={**GOOD_ANSWERS, "applicant_name": f"ผู้ยื่นเพิ่ม {i}"})
        with django_assert_max_num_queries(len(few.captured_queries)):
            response = officer_client.get(INBOX, {"per_page": 100})
        assert len(refs(response)) == 43


@pytest.mark.django_db
class TestBulk:
    def test_bulk_assign_and_accept(self, client, admin_a, officer, file_case, b_case):
        login(client, admin_a)
        cases = [file_case(answers={**GOOD_ANSWERS, "applicant_name": f"ผู้ยื่น {i}"}) for i in range(3)]
        ids = [c.pk for c in cases] + [b_case.pk]
        response = client.post(reverse("eservices_admin:bulk"),
                               {"ids": ids, "operation": "assign", "assignee": str(officer.pk), "next": INBOX})
        assert response.status_code == 302 and response["Location"] == INBOX
        assert set(Submission.objects.filter(assignee=officer).values_list("pk", flat=True)) == {c.pk for c in cases}
        b_case.refresh_from_db()
        assert b_case.assignee_id is None
        client.post(reverse("eservices_admin:bulk"), {"ids": ids, "operation": "accept"})
        assert set(Submission.objects.filter(status=SubmissionStatus.IN_REVIEW).values_list("pk", flat=True)) == {
            c.pk for c in cases}
        assert b_case.status_changes.count() == 1

    def test_bulk_reject_needs_a_reason_and_reports_refusals(self, client, admin_a, file_case):
        login(client, admin_a)
        case = file_case()
        response = client.post(reverse("eservices_admin:bulk"), {"ids": [case.pk], "operation": "reject"},
                               follow=True)
        case.refresh_from_db()
        assert case.status == SubmissionStatus.SUBMITTED
        assert any("reason" in str(m).lower() or "เหตุผล" in str(m) for m in response.context["messages"])
        services.act(submission=case, action="accept", actor=admin_a)
        services.act(submission=case, action="approve", actor=admin_a)
        response = client.post(reverse("eservices_admin:bulk"), {"ids": [case.pk], "operation": "accept"},
                               follow=True)
        assert any(case.reference in str(m) for m in response.context["messages"])


@pytest.mark.django_db
class TestExport:
    def test_csv_has_bom_thai_headers_be_dates_and_is_scoped(self, officer_client, officer, file_case, b_case):
        with time_machine.travel(dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)):
            case = file_case(answers={**GOOD_ANSWERS, "applicant_name": "=HYPERLINK(\"x\")"})
        response = officer_client.get(reverse("eservices_admin:export", args=["csv"]))
        body = b"".join(response.streaming_content)
        assert body.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
        assert rows[0][0] == "เลขที่คำขอ"
        assert [r[0] for r in rows[1:]] == [case.reference]
        assert rows[1][3] == "20/11/2569 10:00"
        assert rows[1][7].startswith("'=")  # formula injection neutralised
        assert AuditLog.objects.filter(action=AuditAction.EXPORT, actor=officer).count() == 1

    def test_xlsx_parses_and_follows_filters(self, officer_client, admin_a, file_case, b_case):
        first = file_case()
        second = file_case(answers={**GOOD_ANSWERS, "applicant_name": "นายสมหมาย ขยันดี"})
        services.act(submission=first, action="accept", actor=admin_a)
        response = officer_client.get(reverse("eservices_admin:export", args=["xlsx"]), {"status": "in_review"})
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = list(sheet.values)
        assert values[0][:3] == ("เลขที่คำขอ", "บริการ", "สถานะ")
        assert [v[0] for v in values[1:]] == [first.reference]
        with translation.override("th"):
            assert values[1][2] == str(SubmissionStatus.IN_REVIEW.label) != "Under consideration"
        assert second.reference not in str(values)

    def test_export_of_another_department_is_empty(self, client, org_a, make_officer, file_case):
        file_case()
        finance = make_officer(org_a, Role.OFFICER, username="a-finance", department="finance")
        login(client, finance)
        sheet = load_workbook(io.BytesIO(client.get(reverse("eservices_admin:export", args=["xlsx"])).content)).active
        assert len(list(sheet.values)) == 1

    def test_unknown_format_is_404(self, officer_client):
        assert officer_client.get("/admin/eservices/cases/export.pdf/").status_code == 404


@pytest.mark.django_db
def test_dashboard_panel_counts(officer_client, officer, admin_a, file_case):
    case = file_case()
    services.assign(submission=case, assignee=officer, actor=admin_a)
    response = officer_client.get("/admin/")
    html = response.content.decode()
    assert 'data-summary="new_today"' in html
    panel = html[html.index("eservices-panel-heading"):]
    assert '<strong>1</strong>' in panel
    assert "assignee=me" in panel


@pytest.mark.django_db
def test_menu_item_only_for_case_roles(client, org_a, officer, make_officer):
    login(client, officer)
    assert INBOX in client.get("/admin/").content.decode()
    editor = make_officer(org_a, Role.PR_EDITOR, username="a-editor")
    client.logout()
    login(client, editor)
    assert INBOX not in client.get("/admin/").content.decode()
