"""Checkout, the offline test gateway's pages, and the webhook endpoint."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from courses.models import CoursePage

from . import services
from .gateways import get_gateway
from .models import OfflineCheckoutSession, Order


def checkout(request, course_id):
    """POST /payments/checkout/<course_id>/: open (or reuse) an order and pay it."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    if not request.user.is_authenticated:
        return redirect_to_login(course.url)
    # Stripe fills in {CHECKOUT_SESSION_ID}; the offline gateway does the same.
    success = request.build_absolute_uri(reverse("payments:success"))
    success += "?session_id={CHECKOUT_SESSION_ID}"
    cancel = request.build_absolute_uri(course.url)
    try:
        _order, session = services.start_checkout(request.user, course, success, cancel)
    except services.AlreadyEnrolled as error:
        messages.info(request, error.message)
        return redirect(course.url)
    except services.CheckoutError as error:
        context = {"message": error.message, "course": course, "lesson": None}
        return render(
            request, "learners/refusal.html", context, status=error.status_code
        )
    return redirect(session.url)


@login_required
def success(request):
    """Back from the gateway: fulfil now rather than wait for the webhook."""
    session_id = request.GET.get("session_id", "")
    order = get_object_or_404(Order, gateway_session_id=session_id, user=request.user)
    try:
        order = services.fulfil_checkout(session_id)
    except services.CheckoutError as error:
        messages.error(request, error.message)
        return redirect(order.course.url)
    if order.status == Order.Status.PAID:
        messages.success(request, _("Payment received: welcome to the course!"))
        next_lesson = order.course.syllabus.first_lesson
        return redirect(next_lesson.url if next_lesson else order.course.url)
    return render(request, "payments/processing.html", {"order": order}, status=202)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """POST /payments/webhooks/stripe/: only signed events are believed."""
    try:
        services.handle_webhook(
            request.body.decode("utf-8", "replace"),
            request.headers.get("Stripe-Signature", ""),
            settings.PAYMENTS_WEBHOOK_SECRET,
        )
    except services.InvalidWebhook as error:
        return HttpResponse(error.message, status=400)
    return HttpResponse("ok")


@login_required
def test_gateway(request, session_id):
    """The offline gateway's checkout page: "pay" or "decline", then a signed
    webhook, just as Stripe would send."""
    session = get_object_or_404(OfflineCheckoutSession, session_id=session_id)
    order = get_object_or_404(Order, pk=session.client_reference_id, user=request.user)
    if (
        request.method == "POST"
        and session.status == OfflineCheckoutSession.Status.OPEN
    ):
        paid = "pay" in request.POST
        session.status = (
            OfflineCheckoutSession.Status.COMPLETE
            if paid
            else OfflineCheckoutSession.Status.DECLINED
        )
        session.save(update_fields=["status"])
        payload, signature = get_gateway().event_for(session)
        services.handle_webhook(payload, signature, settings.PAYMENTS_WEBHOOK_SECRET)
        if paid:
            return redirect(
                session.success_url.replace("{CHECKOUT_SESSION_ID}", session.session_id)
            )
        messages.error(
            request, _("Your card was declined. No money was taken; you can try again.")
        )
        return redirect(session.cancel_url)
    return render(
        request, "payments/test_gateway.html", {"session": session, "order": order}
    )


@login_required
def purchases(request):
    """/dashboard/purchases/: the learner's orders, newest first."""
    orders = Order.objects.filter(user=request.user).select_related("course")
    return render(request, "payments/purchases.html", {"orders": orders})
