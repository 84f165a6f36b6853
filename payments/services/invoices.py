"""Invoices and credit notes: each series numbered without gaps per year, and
the PDF of each, drawn from what was stored when it was issued."""

import io

from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.models import Site
from xhtml2pdf import pisa

from home.models import SiteSettings, TaxSettings

from ..models import CreditNote, DocumentCounter, Invoice


def take_number(series, year):
    """(sequence, number) of the next document of `series` in `year`, taken
    under a row lock in the caller's transaction: a rollback gives it back."""
    DocumentCounter.objects.get_or_create(series=series, year=year)
    counter = DocumentCounter.objects.select_for_update().get(series=series, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number, f"{series}-{year}-{counter.last_number:06d}"


def issue_invoice(order):
    """The order's invoice, numbered in the transaction that marks it paid."""
    existing = Invoice.objects.filter(order=order).first()
    if existing:
        return existing
    if order.is_for_seats:
        return _seats_invoice(order)
    if order.programme_id:
        titles = ", ".join(course.title for course in order.programme.courses)
        description = f"{order.programme.title} (programme: {titles})"
        return _new_invoice(order.user, order.paid_at, description[:255], order=order)
    return _new_invoice(order.user, order.paid_at, order.course.title, order=order)


def _seats_invoice(order):
    """Seats are billed to the organisation, as its details are now."""
    organisation = order.organisation
    invoice = _new_invoice(
        order.user,
        order.paid_at,
        f"{order.item_title}: {order.quantity} seats",
        order=order,
    )
    invoice.billed_to_name = organisation.name
    invoice.billed_to_address = organisation.billing_address
    invoice.billed_to_tax_number = organisation.tax_number
    invoice.save(
        update_fields=["billed_to_name", "billed_to_address", "billed_to_tax_number"]
    )
    return invoice


def issue_period_invoice(payment):
    """The invoice of one paid subscription period, numbered in the
    transaction that records the payment."""
    existing = Invoice.objects.filter(subscription_payment=payment).first()
    if existing:
        return existing
    subscription = payment.subscription
    start, end = payment.period_start, payment.period_end
    description = (
        f"{subscription.plan.name} subscription, {start:%-d %b %Y} to {end:%-d %b %Y}"
    )
    return _new_invoice(
        subscription.user, payment.paid_at, description, subscription_payment=payment
    )


def _new_invoice(user, issued_at, description, **paid_for):
    """The next INV number of the year, with the buyer as they are now."""
    sequence, number = take_number(DocumentCounter.Series.INVOICE, issued_at.year)
    return Invoice.objects.create(
        year=issued_at.year,
        sequence=sequence,
        number=number,
        issued_at=issued_at,
        billed_to_name=user.get_full_name() or user.get_username(),
        billed_to_email=user.email,
        description=description,
        **paid_for,
    )


def issue_credit_note(refund):
    """The credit note of one refund, referring to the order's invoice; None
    where nothing was invoiced (a refund that arrived before the payment was
    recorded). Its tax is the refunded share of the invoice's tax."""
    order = refund.order
    invoice = Invoice.objects.filter(order=order).first()
    if invoice is None:
        return None
    existing = CreditNote.objects.filter(refund=refund).first()
    if existing:
        return existing
    now = timezone.now()
    sequence, number = take_number(DocumentCounter.Series.CREDIT_NOTE, now.year)
    # Rounded half up, in minor units: the same rule as the invoice's tax.
    tax = (2 * refund.amount * order.tax + order.total) // (2 * order.total)
    return CreditNote.objects.create(
        invoice=invoice,
        refund=refund,
        year=now.year,
        sequence=sequence,
        number=number,
        issued_at=now,
        amount=refund.amount,
        tax=min(tax, refund.amount),
        currency=refund.currency,
    )


def invoice_pdf(invoice):
    """The invoice as PDF bytes: of an order, or of a subscription period."""
    if invoice.subscription_payment_id:
        return _pdf(
            "payments/period_invoice_pdf.html",
            {"invoice": invoice, "payment": invoice.subscription_payment},
            invoice.number,
        )
    return _pdf(
        "payments/invoice_pdf.html",
        {"invoice": invoice, "order": invoice.order},
        invoice.number,
    )


def credit_note_pdf(credit_note):
    """The credit note as PDF bytes."""
    invoice = credit_note.invoice
    return _pdf(
        "payments/credit_note_pdf.html",
        {"credit_note": credit_note, "invoice": invoice, "order": invoice.order},
        credit_note.number,
    )


def _pdf(template, context, number):
    site = Site.objects.filter(is_default_site=True).first()
    context = {
        **context,
        "site_settings": SiteSettings.for_site(site) if site else None,
        "tax_settings": TaxSettings.for_site(site) if site else None,
        "site_name": site.site_name if site else "",
    }
    buffer = io.BytesIO()
    result = pisa.CreatePDF(render_to_string(template, context), dest=buffer)
    if result.err:
        raise RuntimeError(f"PDF of {number} failed")
    return buffer.getvalue()
