"""The annual fee of food-place certificates (Public Health Act B.E. 2535 s.65), billed through payments.

The holder of a certificate of notification pays the fee the LGO's ordinance sets (the `fee_amount` of its food-place
notification service) when the certificate is issued, then every year for as long as the business runs. Each year's
fee is billed `BILL_DAYS_AHEAD` days before the certificate's anniversary, due on the anniversary; the holder is
reminded when it is billed and again `REMIND_DAYS_BEFORE` days before it falls due. Unpaid on the due date, it costs
20 % more (s.65 para. 2: the invoice is re-issued with the surcharge). "More than two consecutive misses" (s.65 para.
3: the local officer may order the business to stop until it pays) is flagged for the officer.

A licence (> 200 m²) pays its yearly fee on renewal instead (it is valid one year), so only certificates are billed
here. Run `manage.py bill_annual_fees` daily: every step is idempotent.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core import notifications, thai

from .constants import AnnualFeeStatus, DocumentKind
from .kinds.food import FOOD_NOTIFICATION, HOLDER_KINDS
from .models import AnnualFee, IssuedDocument, ServicePage

logger = logging.getLogger(__name__)

ANNUAL_FEE_SOURCE_TYPE = "eservices.annual_fee"
REMINDER_TEMPLATE = "eservices.annual_fee_reminder"
BILL_DAYS_AHEAD = 30
REMIND_DAYS_BEFORE = 7
LATE_SURCHARGE_RATE = Decimal("0.20")
#: s.65: the officer may act on "more than two" consecutive unpaid years.
MISSES_TOLERATED = 2
CENT = Decimal("0.01")


@dataclass(frozen=True)
class FeeRun:
    billed: int
    surcharged: int
    reminded: int


def surcharge_for(amount: Decimal) -> Decimal:
    """20 % of the fee, rounded half up to the satang."""
    return (amount * LATE_SURCHARGE_RATE).quantize(CENT, rounding=ROUND_HALF_UP)


def anniversary(issued: dt.date, years: int) -> dt.date:
    """`issued` plus `years` years (29 February falls on 28 February in common years)."""
    try:
        return issued.replace(year=issued.year + years)
    except ValueError:
        return issued.replace(year=issued.year + years, day=28)


def billable_documents() -> QuerySet[IssuedDocument]:
    """Valid certificates of food places, every LGO (licences pay on renewal)."""
    return (IssuedDocument.objects.filter(kind=DocumentKind.CERTIFICATE, revoked=False,
                                          submission__service_kind__in=HOLDER_KINDS)
            .select_related("organization", "submission"))


def fee_amount(organization) -> Decimal | None:
    """The yearly fee the LGO set on its live food-place notification service (None: it charges none)."""
    root = organization.site.root_page
    page = (ServicePage.objects.live().descendant_of(root).filter(service_kind=FOOD_NOTIFICATION)
            .only("fee_amount").first())
    return page.fee_amount if page is not None and page.fee_amount else None


def bill_annual_fees(*, today: dt.date | None = None) -> int:
    """Raise every yearly fee falling due within `BILL_DAYS_AHEAD` days (and any an idle job left behind)."""
    today = today or timezone.localdate()
    billed = 0
    amounts: dict[int, Decimal | None] = {}
    for document in billable_documents().iterator():
        issued = timezone.localdate(document.issued_at)
        years = 1
        while (due := anniversary(issued, years)) <= today + dt.timedelta(days=BILL_DAYS_AHEAD):
            if document.organization_id not in amounts:
                amounts[document.organization_id] = fee_amount(document.organization)
            amount = amounts[document.organization_id]
            if amount and _bill(document=document, year=thai.be_year(due), due=due, amount=amount):
                billed += 1
            years += 1
    return billed


def _bill(*, document: IssuedDocument, year: int, due: dt.date, amount: Decimal) -> AnnualFee | None:
    """One year's fee with its invoice and the first reminder; None when that year is billed already."""
    with transaction.atomic():
        fee, created = AnnualFee.objects.get_or_create(
            document=document, year=year,
            defaults={"organization": document.organization, "due_date": due, "amount": amount},
        )
        if not created:
            return None
        _raise_invoice(fee, lines=[(_("Annual fee %(year)s: %(title)s") % {"year": year, "title": document.title},
                                    amount)])
        _remind(fee)
    return fee


def _raise_invoice(fee: AnnualFee, *, lines: list[tuple[str, Decimal]]):
    from payments.services import InvoiceLineData, create_invoice

    document, submission = fee.document, fee.document.submission
    return create_invoice(
        organization=fee.organization, payer_name=document.holder_name,
        lines=[InvoiceLineData(description=text[:200], amount=amount) for text, amount in lines],
        ref1=document.verification_code, ref2=str(fee.year), due_date=fee.due_date,
        source_type=ANNUAL_FEE_SOURCE_TYPE, source_id=str(fee.pk),
        payer_email=submission.applicant_email if submission else "",
        payer_phone=submission.applicant_phone if submission else "",
        payer_id=submission.applicant_national_id if submission else "",
    )


def live_invoices(fee: AnnualFee):
    from payments.constants import InvoiceStatus
    from payments.models import Invoice

    return (Invoice.objects.for_organization(fee.organization)
            .filter(source_type=ANNUAL_FEE_SOURCE_TYPE, source_id=str(fee.pk))
            .exclude(status=InvoiceStatus.CANCELLED))


def _remind(fee: AnnualFee) -> bool:
    """Tell the holder what is due, by when, and where to pay (e-mail, and SMS when a channel is set up)."""
    from payments.links import invoice_public_url

    submission = fee.document.submission
    invoice = live_invoices(fee).order_by("-pk").first()
    if submission is None or invoice is None:
        return False
    notifications.notify(
        organization=fee.organization, template_key=REMINDER_TEMPLATE, recipient_email=submission.applicant_email,
        recipient_phone=submission.applicant_phone, language=submission.language or "th",
        context={"holder": fee.document.holder_name, "number": fee.document.number, "title": fee.document.title,
                 "year": fee.year, "amount": thai.format_baht(fee.total), "due_date": thai.thai_date(fee.due_date),
                 "pay_url": invoice_public_url(invoice, absolute=True), "organization": fee.organization.name_th},
    )
    AnnualFee.objects.filter(pk=fee.pk).update(reminded_at=timezone.now())
    return True


def remind_annual_fees(*, today: dt.date | None = None) -> int:
    """The second reminder, `REMIND_DAYS_BEFORE` days before the due date (once)."""
    today = today or timezone.localdate()
    first_day = today + dt.timedelta(days=REMIND_DAYS_BEFORE)
    fees = AnnualFee.objects.unpaid().filter(due_date__gte=today, due_date__lte=first_day).select_related(
        "organization", "document__submission")
    sent = 0
    for fee in fees:
        window_start = timezone.make_aware(
            dt.datetime.combine(fee.due_date - dt.timedelta(days=REMIND_DAYS_BEFORE), dt.time.min))
        if fee.reminded_at is not None and fee.reminded_at >= window_start:
            continue
        with transaction.atomic():
            sent += _remind(fee)
    return sent


def surcharge_late_fees(*, today: dt.date | None = None) -> int:
    """Add the 20 % surcharge to every fee unpaid after its due date (once): the unpaid invoice is cancelled and
    re-issued with the fee and the surcharge as two lines; when part was already paid, the surcharge is billed on
    its own."""
    from payments.services import cancel_invoice

    today = today or timezone.localdate()
    done = 0
    for fee in AnnualFee.objects.overdue(today).filter(surcharge=0).select_related("organization", "document"):
        with transaction.atomic():
            fee = AnnualFee.objects.select_for_update().get(pk=fee.pk)
            if fee.surcharge or fee.status != AnnualFeeStatus.BILLED:
                continue
            fee.surcharge = surcharge_for(fee.amount)
            fee.save(update_fields=["surcharge"])
            surcharge_line = (_("Late payment surcharge 20%% (Public Health Act s.65): %(number)s")
                              % {"number": fee.document.number}, fee.surcharge)
            unpaid = [invoice for invoice in live_invoices(fee) if not invoice.amount_paid]
            if unpaid:
                for invoice in unpaid:
                    cancel_invoice(invoice=invoice, reason=_("Re-issued with the late payment surcharge"))
                _raise_invoice(fee, lines=[(_("Annual fee %(year)s: %(title)s")
                                            % {"year": fee.year, "title": fee.document.title}, fee.amount),
                                           surcharge_line])
            else:
                _raise_surcharge_only(fee, surcharge_line)
        done += 1
    return done


def _raise_surcharge_only(fee: AnnualFee, line: tuple[str, Decimal]):
    from payments.services import InvoiceLineData, create_invoice

    submission = fee.document.submission
    return create_invoice(
        organization=fee.organization, payer_name=fee.document.holder_name,
        lines=[InvoiceLineData(description=line[0][:200], amount=line[1])],
        ref1=fee.document.verification_code, ref2=f"{fee.year}S", due_date=timezone.localdate(),
        source_type=ANNUAL_FEE_SOURCE_TYPE, source_id=f"{fee.pk}:surcharge",
        payer_email=submission.applicant_email if submission else "",
    )


def record_fee_payment(*, invoice) -> AnnualFee | None:
    """An annual-fee invoice is settled: the year is paid once nothing of it is left unpaid (idempotent)."""
    from payments.constants import InvoiceStatus
    from payments.models import Invoice

    fee_pk = str(invoice.source_id).split(":", 1)[0]
    with transaction.atomic():
        fee = AnnualFee.objects.select_for_update().filter(pk=fee_pk, organization_id=invoice.organization_id).first()
        if fee is None or fee.status != AnnualFeeStatus.BILLED:
            return fee
        open_invoices = (Invoice.objects.for_organization(fee.organization)
                         .filter(source_type=ANNUAL_FEE_SOURCE_TYPE, source_id__in=[str(fee.pk), f"{fee.pk}:surcharge"])
                         .exclude(status__in=[InvoiceStatus.CANCELLED, InvoiceStatus.PAID, InvoiceStatus.OVERPAID]))
        if open_invoices.exists():
            return fee
        fee.status, fee.paid_at = AnnualFeeStatus.PAID, timezone.now()
        fee.save(update_fields=["status", "paid_at"])
    return fee


def consecutive_misses(document: IssuedDocument, *, today: dt.date | None = None) -> int:
    """How many of the latest years, in a row, are unpaid past their due date."""
    today = today or timezone.localdate()
    misses = 0
    for fee in document.annual_fees.order_by("-year"):
        if fee.status == AnnualFeeStatus.BILLED and fee.due_date < today:
            misses += 1
        elif fee.due_date < today or fee.status != AnnualFeeStatus.BILLED:
            break
    return misses


def flagged(organization, *, today: dt.date | None = None) -> list[tuple[IssuedDocument, int]]:
    """The LGO's certificates with more than two consecutive unpaid years (s.65 para. 3), with the count."""
    today = today or timezone.localdate()
    candidates = (IssuedDocument.objects.for_organization(organization)
                  .filter(annual_fees__status=AnnualFeeStatus.BILLED, annual_fees__due_date__lt=today).distinct())
    result = []
    for document in candidates:
        misses = consecutive_misses(document, today=today)
        if misses > MISSES_TOLERATED:
            result.append((document, misses))
    return result


def run_annual_fees(*, today: dt.date | None = None) -> FeeRun:
    """The daily job: bill what falls due, surcharge what is late, send the reminders due."""
    today = today or timezone.localdate()
    run = FeeRun(billed=bill_annual_fees(today=today), surcharged=surcharge_late_fees(today=today),
                 reminded=remind_annual_fees(today=today))
    logger.info("Annual fees: %s", run)
    return run


def register_templates() -> None:
    from django.utils.translation import gettext_lazy

    notifications.register_template(
        REMINDER_TEMPLATE,
        subject=gettext_lazy("Annual fee {{ year }} of {{ number }}: {{ amount }} due {{ due_date }}"),
        body=gettext_lazy(
            "Dear {{ holder }},\n\nThe annual fee {{ year }} of “{{ title }}” number {{ number }} is {{ amount }}, "
            "due by {{ due_date }}. Paid late, it costs 20% more (Public Health Act s.65).\n\n"
            "Pay by Thai QR: {{ pay_url }}\n\n{{ organization }}"),
        description=gettext_lazy("Holder: annual fee of a food-place certificate"),
        variables=("holder", "number", "title", "year", "amount", "due_date", "pay_url", "organization"),
    )
