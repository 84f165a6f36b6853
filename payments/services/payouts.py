"""Payouts: an instructor requests their available balance; staff approve,
reject or mark it paid. The instructor's account row is locked while the
balance is read and the request written, so the same money is never
requested twice and the balance never goes below zero."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from home.audit import Action, record
from home.money import format_money
from learners.notifications import notify

from ..errors import PayoutError
from ..models import InstructorAccount, Payout
from .earnings import available_balance


def mask_account(bank_name, account_number):
    """Keep only a reference to the account: its bank and last four digits."""
    digits = "".join(ch for ch in account_number if ch.isdigit())
    if len(digits) < 6:
        raise PayoutError(_("Enter the whole account number."))
    return f"{bank_name.strip()[:60]} ····{digits[-4:]}"


def set_payout_account(instructor, bank_name, account_number):
    account, _created = InstructorAccount.objects.get_or_create(user=instructor)
    account.payout_reference = mask_account(bank_name, account_number)
    account.save(update_fields=["payout_reference"])
    return account


def request_payout(instructor, currency):
    with transaction.atomic():
        InstructorAccount.objects.get_or_create(user=instructor)
        account = InstructorAccount.objects.select_for_update().get(user=instructor)
        if not account.payout_reference:
            raise PayoutError(_("Add the account to pay you first."))
        amount = available_balance(instructor, currency)
        minimum = settings.PAYMENTS_PAYOUT_MINIMUM
        if amount < minimum:
            raise PayoutError(
                _("Payouts start at %(minimum)s; you have %(amount)s available.")
                % {
                    "minimum": format_money(minimum, currency),
                    "amount": format_money(max(amount, 0), currency),
                }
            )
        try:
            with transaction.atomic():
                return Payout.objects.create(
                    instructor=instructor,
                    amount=amount,
                    currency=currency,
                    destination=account.payout_reference,
                )
        except IntegrityError as error:
            raise PayoutError(_("You already have a payout request open.")) from error


def _decide(payout_id, allowed_from, status, by, **fields):
    with transaction.atomic():
        payout = Payout.objects.select_for_update().get(pk=payout_id)
        if payout.status not in allowed_from:
            raise PayoutError(
                _("This payout is %(status)s and cannot change that way.")
                % {"status": payout.get_status_display().lower()}
            )
        payout.decide(status, by, **fields)
        record(Action.PAYOUT_DECIDED, payout, payout.get_status_display(), actor=by)
        notify(payout.instructor, f"payout_{status}", payout)
        return payout


def approve_payout(payout_id, by):
    return _decide(payout_id, [Payout.Status.REQUESTED], Payout.Status.APPROVED, by)


def reject_payout(payout_id, by, reason):
    if not reason.strip():
        raise PayoutError(_("Say why the payout is rejected."))
    return _decide(
        payout_id,
        [Payout.Status.REQUESTED, Payout.Status.APPROVED],
        Payout.Status.REJECTED,
        by,
        rejection_reason=reason.strip(),
    )


def mark_payout_paid(payout_id, by, reference):
    if not reference.strip():
        raise PayoutError(_("Give the payment reference of the transfer."))
    return _decide(
        payout_id,
        [Payout.Status.APPROVED],
        Payout.Status.PAID,
        by,
        payment_reference=reference.strip(),
        paid_at=timezone.now(),
    )
