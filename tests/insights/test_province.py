"""The province view: the research's three tables from a 144-LGO registry, downloads, drill-down, the
province-administrator role (its own province only, adds LGOs of it on the web) and the registry import."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from urllib.parse import unquote

import pytest
from django.core.management import call_command
from django.utils import timezone

from eservices.models import Submission
from insights.models import RegistryEntry
from organizations.constants import OrganizationKind, Role
from organizations.services import appoint_province_administrator
from payments.constants import PaymentChannel
from payments.services import InvoiceLineData, create_invoice, record_payment
from saraban.models import Document

PROVINCE = "เชียงราย"
# Chiang Rai in the research: 1 อบจ., 1 เทศบาลนคร, 72 เทศบาลตำบล, 70 อบต.; 17 registered, 3 really active.
RESEARCH_KINDS = [("อบจ.", 1), ("เทศบาลนคร", 1), ("เทศบาลตำบล", 72), ("อบต.", 70)]
REGISTERED = {"อบจ.": 1, "เทศบาลนคร": 1, "เทศบาลตำบล": 7, "อบต.": 8}
KIND_CODES = {"อบจ.": OrganizationKind.PAO, "เทศบาลนคร": OrganizationKind.CITY_MUNICIPALITY,
              "เทศบาลตำบล": OrganizationKind.SUBDISTRICT_MUNICIPALITY, "อบต.": OrganizationKind.SAO}


def registry_csv() -> tuple[bytes, list[tuple[str, str, str]]]:
    rows, lgos, n = ["dla_code,name_th,kind,province,district"], [], 0
    for kind, count in RESEARCH_KINDS:
        for i in range(count):
            n += 1
            code = f"{5700000 + n:07d}"
            name = f"{kind}ทดสอบ{i + 1}"
            rows.append(f"{code},{name},{kind},{PROVINCE},อำเภอ{n % 18}")
            lgos.append((code, name, kind))
    return ("\n".join(rows) + "\n").encode("utf-8-sig"), lgos


@pytest.fixture
def province(tmp_path, make_organization, org_a, make_service, file_case):
    """144 LGOs imported by the command; 17 put on the deployment; 3 of them active in the last 90 days (a case and
    a building-permit case, a payment, a letter); a fourth registered LGO whose only letter is 100 days old."""
    data, lgos = registry_csv()
    path = tmp_path / "registry.csv"
    path.write_bytes(data)
    out = io.StringIO()
    call_command("import_lgo_registry", str(path), stdout=out)
    assert "144 LGOs" in out.getvalue() and "144 added" in out.getvalue()
    registered, wanted = [], dict(REGISTERED)
    for code, name, kind in lgos:
        if wanted[kind]:
            wanted[kind] -= 1
            registered.append((code, name, kind))
    assert len(registered) == 17
    organizations = []
    # org_a (a เทศบาลตำบล of เชียงราย) takes the first municipality's DLA code: it has the e-service catalogue.
    first_municipality = next(r for r in registered if r[2] == "เทศบาลตำบล")
    org_a.dla_code = first_municipality[0]
    org_a.save(update_fields=["dla_code"])
    for index, (code, name, kind) in enumerate(registered):
        if code == first_municipality[0]:
            organizations.append(org_a)
            continue
        organizations.append(make_organization(code=f"P{index:02d}", dla_code=code, name_th=name,
                                                kind=KIND_CODES[kind], hostname=f"p{index}.test"))
    municipalities = [o for o in organizations if o.kind == OrganizationKind.SUBDISTRICT_MUNICIPALITY]
    # 1: org_a files two cases, one of them a building permit.
    water = make_service("ขอรถบรรทุกน้ำ")
    file_case(water)
    permit = file_case(water)
    Submission.objects.filter(pk=permit.pk).update(service_kind="building_permit")
    # 2: a payment recorded at another municipality.
    payer = municipalities[1]
    invoice = create_invoice(organization=payer, payer_name="นายทดสอบ", ref1="TEST1", due_date=None,
                             lines=[InvoiceLineData("ค่าธรรมเนียม", Decimal("20.00"))], source_type="", source_id="")
    record_payment(invoice=invoice, amount=Decimal("20.00"), channel=PaymentChannel.COUNTER_CASH, provider="counter",
                   provider_reference="T-1", paid_at=timezone.now())
    # 3: a letter registered at a third.
    Document.objects.create(organization=municipalities[2], register="incoming", subject="หนังสือทดสอบ",
                            status="registered", registered_at=timezone.now() - dt.timedelta(days=10))
    # Registered but inactive: its only letter is older than 90 days.
    Document.objects.create(organization=municipalities[3], register="incoming", subject="หนังสือเก่า",
                            status="registered", registered_at=timezone.now() - dt.timedelta(days=100))
    return {"organizations": organizations, "active": [org_a, payer, municipalities[2]]}


def _superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.com", "pw-Thongthin-1")


def test_the_three_tables_equal_the_research(client, django_user_model, province):
    client.force_login(_superuser(django_user_model))
    data = client.get(f"/admin/province/{PROVINCE}/adoption.json").json()
    rows = {row["kind"]: row for row in data["kinds"]}
    total, municipality, sao = rows["total"], rows["subdistrict_municipality"], rows["sao"]
    # (1) total, registered, % registered
    assert (total["total"], total["registered"], total["registered_percent"]) == (144, 17, 11.81)
    assert municipality["registered_percent"] == 9.72 and sao["registered_percent"] == 11.43
    # (2) registered, really active, %, inactive, %  (rounded half up: 3/17 = 17.647… → 17.65)
    assert (total["active"], total["active_percent_of_registered"]) == (3, 17.65)
    assert municipality["active_percent_of_registered"] == 42.86
    assert (total["inactive"], total["inactive_percent_of_registered"]) == (14, 82.35)
    # (3) total, really active, % of all
    assert municipality["active_percent_of_total"] == 4.17 and total["active_percent_of_total"] == 2.08
    assert data["rounding"].startswith("percentages rounded half up")
    systems = {row["key"]: row["lgos"] for row in data["systems"]}
    assert systems == {"oss": 1, "building_permit": 1, "food_place": 0, "fees": 1, "correspondence": 1}
    org_a_row = next(lgo for lgo in data["lgos"] if lgo["dla_code"] == province["active"][0].dla_code)
    assert org_a_row["systems"] == ["oss", "building_permit"] and org_a_row["active"] is True

    html = client.get(f"/admin/province/{PROVINCE}/").content.decode()
    for figure in ("11.81", "9.72", "11.43", "17.65", "42.86", "82.35", "4.17", "2.08"):
        assert figure in html, figure

    table = client.get(f"/admin/province/{PROVINCE}/adoption.csv?table=activity").content.decode("utf-8-sig")
    last = list(csv.reader(io.StringIO(table)))[-1]
    assert last[1:] == ["17", "3", "17.65", "14", "82.35"]
    combined = list(csv.reader(io.StringIO(client.get(f"/admin/province/{PROVINCE}/adoption.csv")
                                           .content.decode("utf-8-sig"))))
    assert combined[-1][1:] == ["144", "17", "11.81", "3", "17.65", "14", "82.35", "2.08"]


def test_drill_down_shows_an_lgos_figures_without_case_lists(client, django_user_model, province):
    client.force_login(_superuser(django_user_model))
    org_a = province["active"][0]
    response = client.get(f"/admin/province/{PROVINCE}/lgo/{org_a.dla_code}/")
    html = response.content.decode()
    assert response.status_code == 200 and "ขอรถบรรทุกน้ำ" in html
    assert 'id="panel-cases_per_month"' in html and 'id="panel-overdue_now"' not in html
    assert "นางสมศรี" not in html  # the applicant's name never appears
    csv_response = client.get(f"/admin/province/{PROVINCE}/lgo/{org_a.dla_code}/cases_by_service.csv")
    assert "ขอรถบรรทุกน้ำ" in csv_response.content.decode("utf-8-sig")
    assert client.get(f"/admin/province/{PROVINCE}/lgo/{org_a.dla_code}/overdue_now.csv").status_code == 404


def test_province_administrator_sees_only_their_province_and_adds_its_lgos(client, django_user_model, province,
                                                                          make_organization):
    user = django_user_model.objects.create_user("cr-province", password="pw-Thongthin-1")
    appoint_province_administrator(user=user, province=PROVINCE)
    make_organization(code="OTH", province="เชียงใหม่", hostname="other.test", dla_code="5099999")
    client.force_login(user)
    assert unquote(client.get("/admin/province/").url) == f"/admin/province/{PROVINCE}/"
    assert client.get(f"/admin/province/{PROVINCE}/").status_code == 200
    assert client.get("/admin/province/เชียงใหม่/").status_code in (302, 403)
    assert client.get("/admin/province/เชียงใหม่/adoption.json").status_code in (302, 403)
    assert client.get("/admin/province/เชียงใหม่/lgo/5099999/").status_code in (302, 403)
    assert client.get(f"/admin/province/{PROVINCE}/lgo/5099999/").status_code == 404
    # They hold no role inside an LGO: no case inbox, no executive dashboard.
    assert client.get("/admin/dashboard/").status_code in (302, 403)

    # Adding an unregistered LGO of the province from the registry link: fields filled in, province fixed.
    entry = RegistryEntry.objects.filter(province=PROVINCE, kind=OrganizationKind.SAO).exclude(
        dla_code__in=[o.dla_code for o in province["organizations"]]).first()
    view = client.get(f"/admin/province/{PROVINCE}/").content.decode()
    assert f"dla_code={entry.dla_code}" in view
    form = client.get(f"/admin/lgo/add/?dla_code={entry.dla_code}&name_th={entry.name_th}&kind=sao"
                      f"&province={PROVINCE}&district={entry.district}")
    assert form.status_code == 200 and entry.name_th in form.content.decode()
    response = client.post("/admin/lgo/add/", {
        "name_th": entry.name_th, "kind": "sao", "code": "NEWSAO", "dla_code": entry.dla_code,
        "province": "เชียงใหม่",  # ignored: the field is fixed to their province
        "district": entry.district, "hostname": "newsao.test", "admin_first_name": "สมหญิง",
        "admin_last_name": "ดีใจ", "admin_username": "newsao-admin", "admin_email": "",
    })
    assert response.status_code == 200, response.content.decode()[:500]
    from organizations.models import Organization

    added = Organization.objects.get(code="NEWSAO")
    assert added.province == PROVINCE
    data = client.get(f"/admin/province/{PROVINCE}/adoption.json").json()
    assert {row["kind"]: row for row in data["kinds"]}["total"]["registered"] == 18


def test_officers_cannot_open_the_province_view(client, org_a, make_officer, province):
    client.force_login(make_officer(org_a, Role.LGO_ADMIN, username="plain-admin"))
    assert client.get(f"/admin/province/{PROVINCE}/").status_code in (302, 403)
    assert client.get("/admin/province/").status_code in (302, 403)
    assert client.get("/admin/lgo/add/").status_code in (302, 403)


def test_registry_import_screen_refuses_a_bad_file_whole_and_keeps_the_list(client, django_user_model, province):
    user = django_user_model.objects.create_user("cr-province2", password="pw-Thongthin-1")
    appoint_province_administrator(user=user, province=PROVINCE)
    client.force_login(user)
    bad = ("dla_code,name_th,kind,province,district\n5799991,อบต.ใหม่,อบต.,เชียงราย,เมือง\n"
           "12,อบต.ผิด,สำนักงาน,เชียงใหม่,\n").encode()
    upload = io.BytesIO(bad)
    upload.name = "registry.csv"
    response = client.post(f"/admin/province/{PROVINCE}/import/", {"file": upload})
    html = response.content.decode()
    assert response.status_code == 200 and "แถวที่ 3" in html
    assert RegistryEntry.objects.filter(province=PROVINCE).count() == 144
    good = ("\ufeffdla_code,name_th,kind,province,district\n5799991,อบต.ใหม่,อบต.,เชียงราย,เมือง\n").encode()
    upload = io.BytesIO(good)
    upload.name = "registry.csv"
    response = client.post(f"/admin/province/{PROVINCE}/import/", {"file": upload})
    assert response.status_code == 302
    assert RegistryEntry.objects.filter(province=PROVINCE).count() == 1  # the file is the province's list
