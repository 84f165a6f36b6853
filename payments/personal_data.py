"""What `payments` holds about a person. Orders, invoices and the ledger
are kept, as tax law requires, but pseudonymised: the invoice keeps its
number, amounts, tax and dates and loses the name and e-mail address
(see home/personal_data.py)."""

from django.db.models import Q
from django.utils.translation import gettext as _

from home.personal_data import ErasureBlocked, Export, register, rows

from .models import (
    CouponRedemption,
    CreditNote,
    Earning,
    InstructorAccount,
    Invoice,
    Order,
    Payout,
    StatementLine,
    StripeCustomer,
    Subscription,
    SubscriptionPayment,
    WebhookEvent,
)
from .services.invoices import credit_note_pdf, invoice_pdf

ERASED = "erased"


def _invoices(user):
    return Invoice.objects.filter(
        Q(order__user=user) | Q(subscription_payment__subscription__user=user)
    )


def export(user):
    invoices = _invoices(user).select_related("order", "subscription_payment")
    credit_notes = CreditNote.objects.filter(invoice__in=invoices).select_related(
        "invoice__order"
    )
    files = [
        (f"invoices/{invoice.number}.pdf", invoice_pdf(invoice)) for invoice in invoices
    ]
    files += [
        (f"credit-notes/{note.number}.pdf", credit_note_pdf(note))
        for note in credit_notes
    ]
    return Export(
        files=files,
        records={
            "orders": rows(Order.objects.filter(user=user)),
            "invoices": rows(invoices),
            "credit_notes": rows(credit_notes),
            "subscriptions": rows(Subscription.objects.filter(user=user)),
            "subscription_payments": rows(
                SubscriptionPayment.objects.filter(subscription__user=user)
            ),
            "coupon_redemptions": rows(CouponRedemption.objects.filter(user=user)),
            "instructor_account": rows(InstructorAccount.objects.filter(user=user)),
            "earnings": rows(Earning.objects.filter(instructor=user)),
            "payouts": rows(Payout.objects.filter(instructor=user)),
            "statement_lines": rows(StatementLine.objects.filter(instructor=user)),
        },
    )


def check(user):
    live = Subscription.objects.filter(user=user).exclude(
        status=Subscription.Status.CANCELED
    )
    if live.exists():
        raise ErasureBlocked(
            _("Cancel the subscription first; the account can be erased after it ends.")
        )
    open_payouts = Payout.objects.filter(
        instructor=user, status__in=[Payout.Status.REQUESTED, Payout.Status.APPROVED]
    )
    if open_payouts.exists():
        raise ErasureBlocked(
            _("A payout is still open; it must be paid or rejected first.")
        )


def erase(user, options):
    # The address and the full name; a short username would match too much.
    secrets = [s for s in (user.email, user.get_full_name()) if len(s) >= 3]
    _invoices(user).update(
        billed_to_name=_("Erased customer #%(id)s") % {"id": user.pk},
        billed_to_email="",
    )
    InstructorAccount.objects.filter(user=user).update(payout_reference="")
    Payout.objects.filter(instructor=user).update(destination=ERASED)
    Payout.objects.filter(decided_by=user).update(decided_by=None)
    StripeCustomer.objects.filter(user=user).delete()
    # The gateway's events name the customer; the facts of each event stay.
    for event in _events_naming(secrets):
        event.payload = _scrub(event.payload, secrets)
        event.save(update_fields=["payload"])


def _events_naming(secrets):
    query = Q()
    for secret in secrets:
        query |= Q(payload__icontains=secret)
    return WebhookEvent.objects.filter(query) if query else WebhookEvent.objects.none()


def _scrub(value, secrets):
    if isinstance(value, dict):
        return {key: _scrub(item, secrets) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, secrets) for item in value]
    if isinstance(value, str) and any(s.lower() in value.lower() for s in secrets):
        return ERASED
    return value


def connect():
    register("payments", export=export, erase=erase, check=check)
