"""Officer pages (Wagtail admin, menu "ค่าธรรมเนียมขยะ/น้ำเสีย"): dashboard, accounts, import/export, tariffs,
billing runs, occasional pickups and reminders.

Every page works in the officer's active LGO (organizations.tenancy) and narrows rows with `for_organization`;
`wastefees.permissions` decides who may look and who may change. Opening an account, searching and exporting
(personal data) are audit-logged.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db.models import Count, Prefetch, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core import exports
from core.audit import log_access
from core.files import private_storage, private_upload_path
from core.models import AuditAction
from payments.admin_pages import officer_organization, page_of
from payments.models import Payment

from . import imports
from .billing import start_billing_run
from .constants import BillingRunStatus
from .forms import (
    AccountFilterForm,
    AccountForm,
    ImportForm,
    PeriodForm,
    PickupForm,
    ReminderForm,
    TariffClassForm,
    TariffForm,
    ZoneForm,
)
from .models import Bill, BillingRun, Pickup, Reminder, ServiceAccount, Tariff, TariffClass, Zone
from .periods import period_end, period_key, previous_period
from .permissions import can_manage_wastefees, can_view_wastefees
from .selectors import account_invoices, accounts_for_list, arrears_for_accounts, dashboard, tariff_in_force
from .services import RateData, record_pickup, save_account, save_tariff, send_reminders

IMPORT_SESSION_KEY = "wastefees_import"


def _organization(request: HttpRequest, check=can_view_wastefees):
    return officer_organization(request, check)


def _context(request: HttpRequest, organization, active: str, **extra) -> dict:
    return {"organization": organization, "active": active,
            "may_manage": can_manage_wastefees(request.user, organization), **extra}


# --- Dashboard ----------------------------------------------------------------------------------------------------


def recent_periods(count: int, *, today: dt.date | None = None) -> list[dt.date]:
    """The last `count` months up to this one, oldest first."""
    period = (today or timezone.localdate()).replace(day=1)
    periods = [period]
    for _index in range(count - 1):
        periods.insert(0, previous_period(periods[0]))
    return periods


def dashboard_view(request: HttpRequest) -> HttpResponse:
    organization = _organization(request)
    try:
        months = min(max(int(request.GET.get("months", 6)), 1), 24)
    except ValueError:
        months = 6
    board = dashboard(organization, periods=recent_periods(months))
    return render(request, "wastefees/admin/dashboard.html", _context(
        request, organization, "dashboard", board=board, months=months,
        account_count=ServiceAccount.objects.for_organization(organization).count(),
    ))


# --- Accounts -----------------------------------------------------------------------------------------------------


def _filtered_accounts(request: HttpRequest, organization, *, flag_arrears: bool = False):
    form = AccountFilterForm(request.GET or None, organization=organization)
    data = form.cleaned_data if form.is_valid() else {}
    accounts = accounts_for_list(organization, zone=data.get("zone"), status=data.get("status", ""),
                                 arrears=data.get("arrears", False), query=data.get("q", ""),
                                 flag_arrears=flag_arrears)
    query = data.get("q", "")
    if query:
        log_access(actor=request.user, organization=organization, action=AuditAction.SEARCH,
                   object_type="wastefees.serviceaccount", detail=query[:200], request=request)
    return form, accounts


EXPORT_COLUMNS = [
    exports.ExportColumn("เลขที่บัญชี / account_number", lambda a: a.number, 14),
    exports.ExportColumn("ประเภทผู้ใช้บริการ / kind", lambda a: a.get_kind_display(), 16),
    exports.ExportColumn("ชื่อเจ้าของ / owner_name", lambda a: a.owner_name, 28),
    exports.ExportColumn("ที่อยู่ / address", lambda a: a.address, 36),
    exports.ExportColumn("เขต / zone", lambda a: a.zone.code, 8),
    exports.ExportColumn("ชื่อเขต / zone name", lambda a: a.zone.name, 20),
    exports.ExportColumn("ประเภทอัตรา / tariff_class", lambda a: a.tariff_class.code, 10),
    exports.ExportColumn("โทรศัพท์ / phone", lambda a: a.phone, 14),
    exports.ExportColumn("อีเมล / email", lambda a: a.email, 22),
    exports.ExportColumn("เลขประจำตัว / national_id", lambda a: a.tax_id, 16),
    exports.ExportColumn("น้ำเสีย / wastewater", lambda a: a.wastewater, 8),
    exports.ExportColumn("เริ่มบริการ / active_from", lambda a: a.active_from, 12),
    exports.ExportColumn("สิ้นสุดบริการ / active_to", lambda a: a.active_to, 12),
    exports.ExportColumn("ค้างชำระ / in_arrears", lambda a: a.in_arrears, 8),
]


def account_list(request: HttpRequest) -> HttpResponse:
    organization = _organization(request)
    export = request.GET.get("export")
    form, accounts = _filtered_accounts(request, organization, flag_arrears=export in ("csv", "xlsx"))
    if export in ("csv", "xlsx"):
        log_access(actor=request.user, organization=organization, action=AuditAction.EXPORT,
                   object_type="wastefees.serviceaccount", detail=f"{export} {request.GET.urlencode()}"[:500],
                   request=request)
        name = f"waste-accounts-{organization.code}-{timezone.localdate():%Y%m%d}"
        rows = accounts.iterator(chunk_size=2000)
        if export == "csv":
            return exports.csv_response(filename=f"{name}.csv", columns=EXPORT_COLUMNS, rows=rows)
        return exports.xlsx_response(filename=f"{name}.xlsx", columns=EXPORT_COLUMNS, rows=rows,
                                     sheet_title=_("Accounts"))
    page = page_of(request, accounts)
    arrears = arrears_for_accounts([account.pk for account in page])
    rows = [(account, arrears.get(account.pk)) for account in page]
    return render(request, "wastefees/admin/account_list.html", _context(
        request, organization, "accounts", form=form, page=page, rows=rows,
        export_query=request.GET.urlencode(),
    ))


def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request)
    account = get_object_or_404(
        ServiceAccount.objects.for_organization(organization).select_related("zone", "tariff_class"), pk=pk
    )
    log_access(actor=request.user, organization=organization, action=AuditAction.VIEW, obj=account, request=request)
    invoices = list(account_invoices(account).select_related("waste_bill").prefetch_related(
        Prefetch("payments", queryset=Payment.objects.select_related("receipt"))))
    return render(request, "wastefees/admin/account_detail.html", _context(
        request, organization, "accounts", account=account, invoices=invoices,
        pickups=account.pickups.select_related("invoice")[:50], reminders=account.reminders.all()[:24],
    ))


def account_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    organization = _organization(request, can_manage_wastefees)
    account = (get_object_or_404(ServiceAccount.objects.for_organization(organization), pk=pk) if pk
               else ServiceAccount(organization=organization))
    form = AccountForm(request.POST or None, instance=account, organization=organization)
    if request.method == "POST" and form.is_valid():
        save_account(account=form.instance, actor=request.user, request=request)
        messages.success(request, _("Account %(number)s saved.") % {"number": form.instance.number})
        return redirect("wastefees_admin:account", pk=form.instance.pk)
    return render(request, "wastefees/admin/form.html", _context(
        request, organization, "accounts", form=form,
        title=_("Edit account %(number)s") % {"number": account.number} if pk else _("New account"),
        back=reverse("wastefees_admin:accounts"),
    ))


# --- Import -------------------------------------------------------------------------------------------------------


def account_import(request: HttpRequest) -> HttpResponse:
    """Upload → check every row → preview (nothing written) → confirm → write all in one transaction."""
    organization = _organization(request, can_manage_wastefees)
    if request.GET.get("template"):
        response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="waste-accounts-template.csv"'
        return response
    storage = private_storage()
    pending = request.session.get(IMPORT_SESSION_KEY)
    if request.method == "POST" and request.POST.get("confirm") and pending:
        if pending.get("organization") != organization.pk or not storage.exists(pending["path"]):
            messages.error(request, _("The uploaded file is no longer available; please upload it again."))
            return redirect("wastefees_admin:import")
        with storage.open(pending["path"], "rb") as handle:
            result = imports.parse_accounts(handle.read(), organization=organization)
        if result.ok:
            created, updated = imports.apply_import(result)
            storage.delete(pending["path"])
            del request.session[IMPORT_SESSION_KEY]
            log_access(actor=request.user, organization=organization, action=AuditAction.CHANGE,
                       object_type="wastefees.serviceaccount", detail=f"import: {created} new, {updated} updated",
                       request=request)
            messages.success(request, _("Imported: %(created)s new accounts, %(updated)s updated.")
                             % {"created": created, "updated": updated})
            return redirect("wastefees_admin:accounts")
        return render(request, "wastefees/admin/import.html", _context(
            request, organization, "accounts", form=ImportForm(), result=result, columns=imports.COLUMNS))
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data["file"].read()
        result = imports.parse_accounts(data, organization=organization)
        if result.ok:
            path = storage.save(private_upload_path("wastefees-imports", "csv"), ContentFile(data))
            request.session[IMPORT_SESSION_KEY] = {"path": path, "organization": organization.pk}
    return render(request, "wastefees/admin/import.html", _context(
        request, organization, "accounts", form=form, result=result, columns=imports.COLUMNS,
        preview=result.accounts[:20] if result and result.ok else None,
    ))


# --- Zones, classes and tariffs -----------------------------------------------------------------------------------


def tariff_list(request: HttpRequest) -> HttpResponse:
    organization = _organization(request)
    tariffs = Tariff.objects.for_organization(organization).prefetch_related("rates__tariff_class")
    return render(request, "wastefees/admin/tariff_list.html", _context(
        request, organization, "tariffs", tariffs=tariffs,
        in_force=tariff_in_force(organization, timezone.localdate()),
        zones=Zone.objects.for_organization(organization).annotate(n=Count("accounts")),
        classes=TariffClass.objects.for_organization(organization).annotate(n=Count("accounts")),
    ))


def tariff_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    organization = _organization(request, can_manage_wastefees)
    tariff = get_object_or_404(Tariff.objects.for_organization(organization), pk=pk) if pk else Tariff()
    form = TariffForm(request.POST or None, instance=tariff, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            save_tariff(tariff=form.instance, rates=[RateData(c, collection, disposal, wastewater)
                                                     for c, collection, disposal, wastewater in form.rates()])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Tariff saved."))
            return redirect("wastefees_admin:tariffs")
    return render(request, "wastefees/admin/tariff_form.html", _context(
        request, organization, "tariffs", form=form,
        title=_("Edit tariff") if pk else _("New tariff"),
    ))


def _simple_edit(request: HttpRequest, *, model, form_class, pk, title_new, title_edit) -> HttpResponse:
    organization = _organization(request, can_manage_wastefees)
    instance = get_object_or_404(model.objects.for_organization(organization), pk=pk) if pk else model()
    form = form_class(request.POST or None, instance=instance, organization=organization)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("wastefees_admin:tariffs")
    return render(request, "wastefees/admin/form.html", _context(
        request, organization, "tariffs", form=form, title=title_edit if pk else title_new,
        back=reverse("wastefees_admin:tariffs"),
    ))


def zone_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _simple_edit(request, model=Zone, form_class=ZoneForm, pk=pk, title_new=_("New zone"),
                        title_edit=_("Edit zone"))


def class_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _simple_edit(request, model=TariffClass, form_class=TariffClassForm, pk=pk,
                        title_new=_("New tariff class"), title_edit=_("Edit tariff class"))


# --- Billing runs -------------------------------------------------------------------------------------------------


def billing_runs(request: HttpRequest) -> HttpResponse:
    """List the runs; a POST with a period shows a confirmation, a POST with confirm=1 starts the run."""
    organization = _organization(request)
    form = PeriodForm(request.POST or None, initial={"period": period_key(timezone.localdate().replace(day=1))})
    confirm = None
    if request.method == "POST":
        if not can_manage_wastefees(request.user, organization):
            raise PermissionDenied
        if form.is_valid():
            period = form.cleaned_data["period"]
            if request.POST.get("confirm") == "1":
                run = start_billing_run(organization=organization, period=period, actor=request.user)
                if run.status == BillingRunStatus.FAILED:
                    messages.error(request, run.error)
                elif run.status == BillingRunStatus.FINISHED:
                    messages.success(request, _("Billing run finished: %(created)s new bills, %(existing)s already "
                                                "billed.") % {"created": run.bills_created,
                                                              "existing": run.bills_existing})
                else:
                    messages.info(request, _("The billing run has started; refresh this page to see its result."))
                return redirect("wastefees_admin:runs")
            end = period_end(period)
            confirm = {
                "period": period,
                "tariff": tariff_in_force(organization, period),
                "active": ServiceAccount.objects.for_organization(organization).active_during(period, end).count(),
                "billed": Bill.objects.for_organization(organization).filter(period=period).count(),
            }
    runs = BillingRun.objects.for_organization(organization).select_related("started_by")
    return render(request, "wastefees/admin/billing_runs.html", _context(
        request, organization, "runs", form=form, confirm=confirm, page=page_of(request, runs),
    ))


# --- Pickups and reminders ----------------------------------------------------------------------------------------


def pickups(request: HttpRequest) -> HttpResponse:
    organization = _organization(request)
    form = PickupForm(request.POST or None, organization=organization,
                      initial={"picked_up_on": timezone.localdate()})
    if request.method == "POST":
        if not can_manage_wastefees(request.user, organization):
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                pickup = record_pickup(account=data["account_number"], picked_up_on=data["picked_up_on"],
                                       description=data["description"], amount=data["amount"],
                                       billing=data["billing"], actor=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Pickup recorded for account %(number)s.")
                                 % {"number": pickup.account.number})
                return redirect("wastefees_admin:pickups")
    rows = Pickup.objects.for_organization(organization).select_related("account", "invoice")
    return render(request, "wastefees/admin/pickups.html", _context(
        request, organization, "pickups", form=form, page=page_of(request, rows),
    ))


def reminders(request: HttpRequest) -> HttpResponse:
    organization = _organization(request)
    form = ReminderForm(request.POST or None)
    if request.method == "POST":
        if not can_manage_wastefees(request.user, organization):
            raise PermissionDenied
        if form.is_valid():
            result = send_reminders(organization=organization, actor=request.user,
                                    older_than_days=form.cleaned_data["older_than_days"])
            messages.success(request, _("%(created)s reminders recorded (%(emailed)s by e-mail); %(already)s "
                                        "accounts were already reminded this month.")
                             % {"created": result.created, "emailed": result.emailed,
                                "already": result.already_sent})
            return redirect("wastefees_admin:reminders")
    rows = Reminder.objects.for_organization(organization).select_related("account", "sent_by")
    summary = rows.aggregate(n=Count("pk"), total=Sum("amount_due"))
    return render(request, "wastefees/admin/reminders.html", _context(
        request, organization, "reminders", form=form, page=page_of(request, rows), summary=summary,
    ))
