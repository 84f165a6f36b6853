"""Invoices: a number without gaps per year, and the PDF of each."""

import io

from django.template.loader import render_to_string
from wagtail.models import Site
from xhtml2pdf import pisa

from home.models import SiteSettings, TaxSettings

from ..models import Invoice, InvoiceCounter


def issue_invoice(order):
    """The order's invoice, numbered in the transaction that marks it paid: a
    rollback returns the number, so the numbers of a year have no gaps."""
    existing = Invoice.objects.filter(order=order).first()
    if existing:
        return existing
    year = order.paid_at.year
    InvoiceCounter.objects.get_or_create(year=year)
    counter = InvoiceCounter.objects.select_for_update().get(year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    user = order.user
    return Invoice.objects.create(
        order=order,
        year=year,
        sequence=counter.last_number,
        number=f"INV-{year}-{counter.last_number:06d}",
        issued_at=order.paid_at,
        billed_to_name=user.get_full_name() or user.get_username(),
        billed_to_email=user.email,
        description=order.course.title,
    )


def invoice_pdf(invoice):
    """The invoice as PDF bytes, drawn from what was stored when it was issued."""
    site = Site.objects.filter(is_default_site=True).first()
    context = {
        "invoice": invoice,
        "order": invoice.order,
        "site_settings": SiteSettings.for_site(site) if site else None,
        "tax_settings": TaxSettings.for_site(site) if site else None,
        "site_name": site.site_name if site else "",
    }
    html = render_to_string("payments/invoice_pdf.html", context)
    buffer = io.BytesIO()
    result = pisa.CreatePDF(html, dest=buffer)
    if result.err:
        raise RuntimeError(f"invoice PDF failed for {invoice.number}")
    return buffer.getvalue()
