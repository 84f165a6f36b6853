"""The learner's own pages under /dashboard/."""

from django.urls import path

from payments.views import (
    credit_note_download,
    invoice_download,
    period_invoice_download,
    purchases,
    subscription,
)

from . import assessment_views, views

app_name = "learners"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
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
    path("enrollments/<int:pk>/", views.enrollment_detail, name="enrollment"),
    path("enrollments/<int:pk>/leave/", views.leave, name="leave"),
    path(
        "submissions/files/<int:pk>/",
        assessment_views.submission_file,
        name="submission_file",
    ),
]
