"""Citizen pages: look up an account (number + last 4 digits of phone or ID), then see and pay its bills.

The account page is reached only through a signed, expiring token (`links.account_token`), never by the account
number in the URL, so nobody can walk through neighbours' accounts. Look-ups are rate-limited per client address and
per account number, and a wrong answer never says which half was wrong.
"""

from __future__ import annotations

import hmac

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core import ratelimit
from core.audit import client_ip
from core.thai import ascii_digits
from organizations.constants import Module
from organizations.models import Organization
from organizations.tenancy import current_organization
from payments.constants import PAYABLE_STATUSES
from payments.models import Payment
from payments.selectors import consolidated_due

from .forms import LookupForm
from .links import account_id_from_token, account_public_url
from .models import ServiceAccount
from .selectors import account_invoices, arrears_total

LOOKUP_BUCKET_IP = "wastefees-lookup-ip"
LOOKUP_BUCKET_ACCOUNT = "wastefees-lookup-account"


def _organization(request: HttpRequest) -> Organization:
    organization = current_organization(request)  # cached per site, shared with the page's context
    if organization is None or not organization.uses(Module.WASTE_FEES):  # an LGO that switched waste fees off
        raise Http404
    return organization


def _limited(organization: Organization, request: HttpRequest, number: str) -> bool:
    limit = settings.LOOKUP_THROTTLE_ATTEMPTS
    return ratelimit.is_limited(LOOKUP_BUCKET_IP, client_ip(request) or "-", limit=limit) or (
        bool(number) and ratelimit.is_limited(LOOKUP_BUCKET_ACCOUNT, f"{organization.pk}:{number}", limit=limit)
    )


def _count_attempt(organization: Organization, request: HttpRequest, number: str) -> None:
    window = settings.LOOKUP_THROTTLE_WINDOW_SECONDS
    ratelimit.record_attempt(LOOKUP_BUCKET_IP, client_ip(request) or "-", window_seconds=window)
    if number:
        ratelimit.record_attempt(LOOKUP_BUCKET_ACCOUNT, f"{organization.pk}:{number}", window_seconds=window)


def find_account(organization: Organization, number: str, last_digits: str) -> ServiceAccount | None:
    """The account when `last_digits` ends its phone or ID on record; compared in constant time."""
    account = ServiceAccount.objects.for_organization(organization).filter(number=number).first()
    if account is None:
        return None
    matches = [hmac.compare_digest(factor.encode(), last_digits.encode()) for factor in account.second_factors()]
    return account if any(matches) else None


@never_cache
@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    organization = _organization(request)
    form = LookupForm(request.POST or None)
    status = 200
    if request.method == "POST":
        number = "".join(ascii_digits(request.POST.get("account_number", "")).split()).upper()[:20]
        if _limited(organization, request, number):
            form.is_valid()
            form.add_error(None, _("Too many attempts. Please wait %(minutes)s minutes and try again, or contact "
                                   "the LGO's office.") % {"minutes": settings.LOOKUP_THROTTLE_WINDOW_SECONDS // 60})
            status = 429
        elif form.is_valid():
            _count_attempt(organization, request, form.cleaned_data["account_number"])
            account = find_account(organization, form.cleaned_data["account_number"],
                                   form.cleaned_data["last_digits"])
            if account is not None:
                return redirect(account_public_url(account))
            form.add_error(None, _("We could not find an account with this number and these digits. Check your "
                                   "bill and try again."))
            status = 400
        else:
            status = 400
    return render(request, "wastefees/lookup.html", {"form": form, "organization": organization}, status=status)


def _pays_all(organization: Organization, account: ServiceAccount, unpaid: list) -> bool:
    """One QR for everything owed: when several bills are unpaid and the consolidated reference (the account number
    as Ref1) pays exactly these bills, no more and no fewer."""
    if len(unpaid) < 2:
        return False
    covered, _total = consolidated_due(organization, account.number)
    return {invoice.pk for invoice in covered} == {invoice.pk for invoice in unpaid}


@never_cache
def account(request: HttpRequest, token: str) -> HttpResponse:
    organization = _organization(request)
    account_id = account_id_from_token(token)
    found = (
        ServiceAccount.objects.for_organization(organization).select_related("zone", "tariff_class")
        .filter(pk=account_id).first() if account_id else None
    )
    if found is None:
        return render(request, "wastefees/link_expired.html", {"organization": organization}, status=410)
    invoices = list(
        account_invoices(found).select_related("organization", "waste_bill")
        .prefetch_related(
            "lines",
            Prefetch("payments", queryset=Payment.objects.select_related("receipt").order_by("paid_at", "pk")),
        )
    )
    unpaid = [invoice for invoice in invoices if invoice.status in PAYABLE_STATUSES]
    unpaid.sort(key=lambda invoice: (invoice.due_date is None, invoice.due_date, invoice.pk))
    history = [invoice for invoice in invoices if invoice.status not in PAYABLE_STATUSES]
    response = render(request, "wastefees/account.html", {
        "organization": organization, "account": found, "unpaid": unpaid, "history": history,
        "total_due": arrears_total(unpaid), "token": token, "pay_all": _pays_all(organization, found, unpaid),
    })
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
