"""The one write path for service accounts, tariffs, occasional pickups and reminders (billing is in billing.py).

Every function is keyword-only and runs inside `transaction.atomic()`: a form that fails half-way stores nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.audit import log_access
from core.models import AuditAction
from core.notifications import notify
from core.thai import format_baht
from payments.services import InvoiceLineData, create_invoice

from .billing import pickup_description
from .constants import PICKUP_SOURCE_TYPE, REMINDER_TEMPLATE, PickupBilling
from .models import Pickup, Reminder, ServiceAccount, Tariff, TariffClass, TariffRate
from .selectors import overdue_bills

ZERO = Decimal("0.00")


def save_account(*, account: ServiceAccount, actor=None, request=None) -> ServiceAccount:
    """Validate (Thai phone, ID check digit, class and zone of the same LGO) and save an account; log the change."""
    creating = account.pk is None
    with transaction.atomic():
        account.full_clean()
        account.save()
        if actor is not None:
            log_access(actor=actor, organization=account.organization, action=AuditAction.CHANGE, obj=account,
                       detail="created" if creating else "updated", request=request)
    return account


@dataclass(frozen=True)
class RateData:
    """The three monthly fees of one class under a tariff."""

    tariff_class: TariffClass
    collection_fee: Decimal
    disposal_fee: Decimal
    wastewater_fee: Decimal = ZERO


def save_tariff(*, tariff: Tariff, rates: Sequence[RateData]) -> Tariff:
    """Save an ordinance's tariff and its rates together (rates of classes not listed are removed)."""
    with transaction.atomic():
        tariff.full_clean()
        tariff.save()
        keep = []
        for data in rates:
            if data.tariff_class.organization_id != tariff.organization_id:
                raise ValidationError(_("A tariff class of another LGO cannot be priced here."))
            rate, _created = TariffRate.objects.update_or_create(
                tariff=tariff, tariff_class=data.tariff_class,
                defaults={"collection_fee": data.collection_fee, "disposal_fee": data.disposal_fee,
                          "wastewater_fee": data.wastewater_fee},
            )
            rate.full_clean()
            keep.append(rate.pk)
        TariffRate.objects.filter(tariff=tariff).exclude(pk__in=keep).delete()
    return tariff


def pickup_source_id(pickup: Pickup) -> str:
    return f"pickup:{pickup.pk}"


def record_pickup(*, account: ServiceAccount, picked_up_on: dt.date, description: str, amount: Decimal,
                  billing: str = PickupBilling.NEXT_BILL, actor=None) -> Pickup:
    """Record an occasional pickup. Billed at once it gets its own invoice (Ref2 "P" + its number) right away;
    otherwise the next monthly run adds it to the account's bill."""
    if isinstance(amount, float):
        raise TypeError("amount must be a Decimal")
    with transaction.atomic():
        pickup = Pickup(organization_id=account.organization_id, account=account, picked_up_on=picked_up_on,
                        description=description.strip(), amount=amount, billing=billing, created_by=actor)
        pickup.full_clean()
        pickup.save()
        if billing == PickupBilling.IMMEDIATE:
            with translation.override("th"):
                line = pickup_description(pickup)
            pickup.invoice = create_invoice(
                organization=account.organization, payer_name=account.owner_name,
                lines=[InvoiceLineData(description=line, amount=amount)], ref1=account.number,
                ref2=f"P{pickup.pk}", due_date=timezone.localdate() + dt.timedelta(days=15),
                source_type=PICKUP_SOURCE_TYPE, source_id=pickup_source_id(pickup),
                payer_email=account.email, payer_phone=account.phone, payer_id=account.tax_id,
            )
            pickup.save(update_fields=["invoice"])
    return pickup


@dataclass(frozen=True)
class ReminderResult:
    created: int
    already_sent: int
    emailed: int


def send_reminders(*, organization, older_than_days: int, actor=None, today: dt.date | None = None) -> ReminderResult:
    """Remind every account with bills unpaid more than `older_than_days` days after their due date.

    At most one reminder per account per month (a unique row), so pressing the button twice, or a scheduled job
    running after an officer did, sends nothing more. Accounts with an e-mail address get the notice by e-mail
    (through the shared notifications when present) after the transaction commits; the others are listed for
    the officer to deliver by hand.
    """
    today = today or timezone.localdate()
    period = today.replace(day=1)
    with transaction.atomic():
        owed: dict[int, list] = {}
        for account_id, total, paid in overdue_bills(organization, older_than_days=older_than_days, today=today) \
                .values_list("account_id", "invoice__total", "invoice__amount_paid"):
            owed.setdefault(account_id, []).append(total - paid)
        done = set(Reminder.objects.for_organization(organization).filter(period=period, account_id__in=list(owed))
                   .values_list("account_id", flat=True))
        accounts = ServiceAccount.objects.only("number", "owner_name", "phone", "email").in_bulk(
            [account_id for account_id in owed if account_id not in done])
        reminders = [
            Reminder(organization=organization, account_id=account_id, period=period, unpaid_bills=len(amounts),
                     amount_due=sum(amounts, ZERO), email=accounts[account_id].email, sent_by=actor)
            for account_id, amounts in owed.items() if account_id not in done
        ]
        Reminder.objects.bulk_create(reminders, batch_size=2000)
        emailed = 0
        for reminder in reminders:
            if reminder.email:
                notify_reminder(reminder, accounts[reminder.account_id])
                emailed += 1
    return ReminderResult(created=len(reminders), already_sent=len(done), emailed=emailed)


def notify_reminder(reminder: Reminder, account: ServiceAccount) -> None:
    """Queue the e-mail of one reminder (sent after commit by core.notifications)."""
    from .links import lookup_url

    organization = reminder.organization
    notify(
        organization=organization, template_key=REMINDER_TEMPLATE, recipient_email=reminder.email,
        recipient_phone=account.phone,
        context={
            "lgo_name": organization.name_th, "lgo_phone": organization.phone, "account_number": account.number,
            "owner_name": account.owner_name, "unpaid_bills": reminder.unpaid_bills,
            "amount_due": format_baht(reminder.amount_due),
            "lookup_url": lookup_url(absolute=True, organization=organization),
        },
    )
