"""Payment URLs under /payments/."""

from django.urls import path

from . import views

app_name = "payments"

urlpatterns = [
    path("checkout/<int:course_id>/", views.checkout, name="checkout"),
    path("success/", views.success, name="success"),
    path("webhooks/stripe/", views.stripe_webhook, name="stripe_webhook"),
    path("test-gateway/<str:session_id>/", views.test_gateway, name="test_gateway"),
]
