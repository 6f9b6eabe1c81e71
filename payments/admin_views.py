"""Officer pages of the payments admin (Wagtail): invoices, counter payments, receipts, statements and the queue.

Every page works in the officer's active LGO (organizations.tenancy) and narrows rows with `for_organization`;
`payments.permissions` decides who may look, take money or void. Opening an invoice or a receipt (personal data)
is audit-logged, and so are searches.
"""

from __future__ import annotations

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from core.audit import log_access
from core.models import AuditAction
from core.thai import mask_national_id

from .admin_pages import officer_organization, page_of
from .constants import InvoiceStatus, ReconciliationSource, ReconciliationStatus, WebhookOutcome
from .exceptions import PaymentError
from .forms import CounterPaymentForm, DismissForm, MatchForm, ReasonForm, StatementUploadForm
from .links import invoice_public_url
from .models import Invoice, Receipt, ReconciliationItem, StatementImport, WebhookEvent
from .permissions import can_take_payments, can_view_payments, can_void_receipts
from .providers.counter import CounterProvider
from .receipts import receipt_filename, receipt_pdf
from .reconciliation import StatementFormatError, dismiss_item, import_statement, match_item
from .selectors import unconfirmed_online_payment
from .services import cancel_invoice, clear_refund, void_receipt
from .sources import describe_source


def _organization(request: HttpRequest, check=can_view_payments):
    return officer_organization(request, check)


def _log_search(request, organization, what: str, query: str) -> None:
    if query:
        log_access(actor=request.user, organization=organization, action=AuditAction.SEARCH,
                   object_type=what, detail=query[:200], request=request)


def invoice_list(request: HttpRequest) -> HttpResponse:
    organization = _organization(request)
    invoices = Invoice.objects.for_organization(organization)
    status = request.GET.get("status", "")
    if status in InvoiceStatus.values:
        invoices = invoices.filter(status=status)
    if request.GET.get("refund") == "1":
        invoices = invoices.filter(refund_pending=True)
    query = request.GET.get("q", "").strip()
    if query:
        invoices = invoices.filter(Q(number__icontains=query) | Q(ref1__iexact=query) | Q(ref2__iexact=query)
                                   | Q(payer_name__icontains=query) | _as_printed(query))
    _log_search(request, organization, "payments.invoice", query)
    return render(request, "payments/admin/invoice_list.html", {
        "organization": organization, "page": page_of(request, invoices), "query": query, "status": status,
        "statuses": InvoiceStatus.choices, "refund": request.GET.get("refund") == "1",
    })


def invoice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request)
    invoice = get_object_or_404(Invoice.objects.for_organization(organization), pk=pk)
    may_take = can_take_payments(request.user, organization)
    pay_form = CounterPaymentForm(initial={"amount": invoice.amount_due or None})
    cancel_form = ReasonForm()
    if request.method == "POST":
        if not may_take:
            raise PermissionDenied
        action = request.POST.get("action")
        try:
            if action == "pay":
                pay_form = CounterPaymentForm(request.POST)
                if pay_form.is_valid():
                    data = pay_form.cleaned_data
                    payment = CounterProvider().record(
                        invoice=invoice, amount=data["amount"], channel=data["channel"], officer=request.user,
                        form_token=data["form_token"], slip_reference=data["slip_reference"], note=data["note"],
                    )
                    messages.success(request, _("Payment recorded; receipt %(number)s issued.")
                                     % {"number": payment.receipt.number})
                    return redirect("payments_admin:invoice", pk=invoice.pk)
            elif action == "cancel":
                cancel_form = ReasonForm(request.POST)
                if cancel_form.is_valid():
                    cancel_invoice(invoice=invoice, reason=cancel_form.cleaned_data["reason"], actor=request.user)
                    messages.success(request, _("Invoice cancelled."))
                    return redirect("payments_admin:invoice", pk=invoice.pk)
            elif action == "refunded":
                clear_refund(invoice=invoice, actor=request.user)
                messages.success(request, _("Marked as refunded."))
                return redirect("payments_admin:invoice", pk=invoice.pk)
        except PaymentError as error:
            messages.error(request, str(error))
    log_access(actor=request.user, organization=organization, action=AuditAction.VIEW, obj=invoice, request=request)
    return render(request, "payments/admin/invoice_detail.html", {
        "organization": organization, "invoice": invoice, "lines": invoice.lines.all(),
        "source": describe_source(invoice), "payer_id": mask_national_id(invoice.payer_id),
        "pay_url": invoice_public_url(invoice, absolute=True) if invoice.is_payable else "",
        "payments": invoice.payments.select_related("receipt", "recorded_by").order_by("paid_at", "pk"),
        "pay_form": pay_form, "cancel_form": cancel_form, "may_take": may_take,
    })


def receipt_list(request: HttpRequest) -> HttpResponse:
    organization = _organization(request)
    receipts = Receipt.objects.for_organization(organization).select_related("payment")
    state = request.GET.get("state", "")
    if state == "void":
        receipts = receipts.filter(voided=True)
    elif state == "valid":
        receipts = receipts.filter(voided=False)
    query = request.GET.get("q", "").strip()
    if query:
        receipts = receipts.filter(Q(number__icontains=query) | Q(payer_name__icontains=query))
    _log_search(request, organization, "payments.receipt", query)
    return render(request, "payments/admin/receipt_list.html", {
        "organization": organization, "page": page_of(request, receipts), "query": query, "state": state,
        "may_void": can_void_receipts(request.user, organization),
    })


def receipt_download(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request)
    receipt = get_object_or_404(Receipt.objects.for_organization(organization), pk=pk)
    log_access(actor=request.user, organization=organization, action=AuditAction.DOWNLOAD, obj=receipt,
               request=request)
    response = HttpResponse(receipt_pdf(receipt), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{receipt_filename(receipt)}"'
    response["Cache-Control"] = "private, no-store"
    return response


def receipt_void(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request, check=can_void_receipts)
    receipt = get_object_or_404(Receipt.objects.for_organization(organization).select_related("payment"), pk=pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            void_receipt(receipt=receipt, reason=form.cleaned_data["reason"], actor=request.user)
        except PaymentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Receipt %(number)s is void.") % {"number": receipt.number})
            return redirect("payments_admin:receipts")
    return render(request, "payments/admin/receipt_void.html",
                  {"organization": organization, "receipt": receipt, "form": form})


def statement_import(request: HttpRequest) -> HttpResponse:
    organization = _organization(request, check=can_take_payments)
    form = StatementUploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = import_statement(organization=organization, content=upload.read(), file_name=upload.name,
                                      actor=request.user)
        except StatementFormatError as error:
            errors = error.errors
            messages.error(request, str(error))
        else:
            if result.created:
                messages.success(request, _("Statement imported."))
            else:
                messages.warning(request, _("This file was imported before; nothing changed."))
            return redirect("payments_admin:statement", pk=result.statement.pk)
    imports = StatementImport.objects.for_organization(organization)[:20]
    return render(request, "payments/admin/statement_import.html",
                  {"organization": organization, "form": form, "errors": errors, "imports": imports})


def statement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request)
    statement = get_object_or_404(StatementImport.objects.for_organization(organization), pk=pk)
    items = ReconciliationItem.objects.for_organization(organization).filter(statement_line__statement=statement)
    return render(request, "payments/admin/statement_detail.html",
                  {"organization": organization, "statement": statement, "page": page_of(request, items)})


def queue(request: HttpRequest) -> HttpResponse:
    organization = _organization(request)
    status = request.GET.get("status", ReconciliationStatus.OPEN)
    items = ReconciliationItem.objects.for_organization(organization)
    if status in ReconciliationStatus.values:
        items = items.filter(status=status)
    return render(request, "payments/admin/queue.html", {
        "organization": organization, "page": page_of(request, items), "status": status,
        "statuses": ReconciliationStatus.choices,
    })


def queue_item(request: HttpRequest, pk: int) -> HttpResponse:
    organization = _organization(request)
    item = get_object_or_404(ReconciliationItem.objects.for_organization(organization)
                             .select_related("candidate_invoice", "payment__receipt", "resolved_by"), pk=pk)
    may_take = can_take_payments(request.user, organization)
    initial = {"invoice": item.candidate_invoice.number} if item.candidate_invoice else {}
    match_form, dismiss_form = MatchForm(initial=initial), DismissForm()
    if request.method == "POST":
        if not may_take:
            raise PermissionDenied
        try:
            if request.POST.get("action") == "match":
                match_form = MatchForm(request.POST)
                if match_form.is_valid():
                    invoice = _find_invoice(organization, match_form.cleaned_data["invoice"])
                    if invoice is None:
                        match_form.add_error("invoice", _("No invoice of this organization has this number or Ref1."))
                    else:
                        payment = match_item(item=item, invoice=invoice, actor=request.user,
                                             note=match_form.cleaned_data["note"])
                        if payment.provider_reference != item.provider_reference:  # an online payment confirmed
                            messages.success(request, _("Confirmed the online payment already recorded on invoice "
                                                        "%(number)s; no money was added.")
                                             % {"number": invoice.number})
                        else:
                            messages.success(request, _("Matched to invoice %(number)s.")
                                             % {"number": invoice.number})
                        return redirect("payments_admin:queue")
            else:
                dismiss_form = DismissForm(request.POST)
                if dismiss_form.is_valid():
                    dismiss_item(item=item, actor=request.user, note=dismiss_form.cleaned_data["note"])
                    messages.success(request, _("Item dismissed."))
                    return redirect("payments_admin:queue")
        except PaymentError as error:
            messages.error(request, str(error))
    candidate = item.candidate_invoice
    return render(request, "payments/admin/queue_item.html", {
        "organization": organization, "item": item, "match_form": match_form, "dismiss_form": dismiss_form,
        "may_take": may_take,
        # What the invoice has already received, so the officer does not record the same money twice.
        "received": (candidate.payments.select_related("receipt").prefetch_related("statement_lines")
                     .order_by("paid_at", "pk") if candidate else []),
        "online": (unconfirmed_online_payment(candidate, item.amount)
                   if candidate and item.source == ReconciliationSource.STATEMENT else None),
    })


def webhook_events(request: HttpRequest) -> HttpResponse:
    """The gateway notification log: this LGO's events; superusers also see unattributed ones (e.g. forged calls)."""
    organization = _organization(request)
    events = WebhookEvent.objects.for_organization(organization, shared=request.user.is_superuser)
    outcome = request.GET.get("outcome", "")
    if outcome in WebhookOutcome.values:
        events = events.filter(outcome=outcome)
    return render(request, "payments/admin/webhook_events.html", {
        "organization": organization, "page": page_of(request, events.defer("body")), "outcome": outcome,
        "outcomes": WebhookOutcome.choices,
    })


def _as_printed(query: str) -> Q:
    """A reference as printed on a case or bill ("NKW-2569-000019", "A00001 256911") is its Ref1 (and Ref2) without
    the dashes and spaces the bank cannot carry."""
    compact = re.sub(r"[\s\-/]", "", query).upper()
    found = Q(ref1=compact) if compact else Q(pk__in=[])
    parts = query.upper().split()
    if len(parts) == 2:
        found |= Q(ref1=parts[0].replace("-", ""), ref2=parts[1].replace("-", ""))
    return found


def _find_invoice(organization, text: str) -> Invoice | None:
    text = text.strip().upper()
    invoices = Invoice.objects.for_organization(organization).exclude(status=InvoiceStatus.CANCELLED)
    compact = re.sub(r"[\s\-/]", "", text)
    return (invoices.filter(number=text).first()
            or invoices.filter(ref1__in={text, compact}).order_by("-created_at").first())
