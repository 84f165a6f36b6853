"""The learner's purchases, invoices and subscription, served under
/dashboard/ in the `learners` namespace (see learners/extensions.py)."""

from django.urls import path

from .views import (
    credit_note_download,
    invoice_download,
    period_invoice_download,
    purchases,
    subscription,
)

urlpatterns = [
    path("purchases/", purchases, name="purchases"),
    path("purchases/<int:order_id>/invoice/", invoice_download, name="invoice"),
    path(
        "purchases/credit-notes/<int:credit_note_id>/",
        credit_note_download,
        name="credit_note",
    ),
    path(
        "purchases/subscription/<int:payment_id>/invoice/",
        period_invoice_download,
        name="period_invoice",
    ),
    path("subscription/", subscription, name="subscription"),
]
