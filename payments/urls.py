"""Payment URLs under /payments/."""

from django.urls import path

from . import programme_views, seat_views, views

app_name = "payments"

urlpatterns = [
    path("checkout/<int:course_id>/", views.checkout, name="checkout"),
    path("success/", views.success, name="success"),
    path("seats/<slug:slug>/", seat_views.seat_checkout, name="seat_checkout"),
    path(
        "programmes/<int:programme_id>/checkout/",
        programme_views.programme_checkout,
        name="programme_checkout",
    ),
    path(
        "programmes/<int:programme_id>/subscribe/",
        programme_views.programme_subscribe,
        name="programme_subscribe",
    ),
    path("webhooks/stripe/", views.stripe_webhook, name="stripe_webhook"),
    path("webhooks/paystack/", views.paystack_webhook, name="paystack_webhook"),
    path("webhooks/razorpay/", views.razorpay_webhook, name="razorpay_webhook"),
    path("test-gateway/<str:session_id>/", views.test_gateway, name="test_gateway"),
    path("plans/", views.plans, name="plans"),
    path("subscribe/<int:plan_id>/", views.subscribe, name="subscribe"),
    path(
        "subscribe/success/",
        views.subscription_success,
        name="subscription_success",
    ),
    path(
        "subscription/enrol/<int:course_id>/",
        views.subscription_enrol,
        name="subscription_enrol",
    ),
]
