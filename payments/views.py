"""Learner-facing commerce: checkout, plans and subscriptions, the offline
test gateway's pages, order history with invoices, and the webhook endpoint."""

import stripe
from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from courses.models import CoursePage
from courses.translations import learning_course, originals
from home.errors import Refusal
from home.form_input import row_id

from . import services
from .gateways import GatewayNotConfigured, get_gateway, offline_gateway_enabled
from .gateways.paystack import PaystackError
from .gateways.razorpay_links import RazorpayError
from .models import (
    CreditNote,
    Invoice,
    OfflineCheckoutSession,
    Order,
    SubscriptionPayment,
    SubscriptionPlan,
)
from .services import subscriptions
from .services.invoices import credit_note_pdf, invoice_pdf
from .services.paystack_events import handle_paystack_webhook
from .services.razorpay_events import handle_razorpay_webhook


def refusal_page(request, error, course=None):
    context = {"message": error.message, "course": course, "lesson": None}
    response = render(
        request, "learners/refusal.html", context, status=error.status_code
    )
    if getattr(error, "retry_after", None):  # the velocity checks' pause
        response["Retry-After"] = str(error.retry_after)
    return response


def client_address(request):
    """The buyer's own address behind the site's trusted proxies, as the
    log-in rate limits read it."""
    return get_adapter(request).get_client_ip(request)


def success_url(request, name):
    # Stripe fills in {CHECKOUT_SESSION_ID}; the offline gateway does the same.
    return (
        request.build_absolute_uri(reverse(name)) + "?session_id={CHECKOUT_SESSION_ID}"
    )


@require_POST
def checkout(request, course_id):
    """POST /payments/checkout/<course_id>/: open (or reuse) an order and pay
    it. A translated course page sells its original (the order, enrolment and
    earnings are kept there); cancelling comes back to the page shown."""
    shown = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    course = learning_course(shown)
    if not request.user.is_authenticated:
        return redirect_to_login(shown.url)
    try:
        order, session = services.start_checkout(
            request.user,
            course,
            success_url(request, "payments:success"),
            request.build_absolute_uri(shown.url),
            coupon_code=request.POST.get("coupon", "")[:40],
            cohort_id=row_id(request.POST.get("cohort")),
            address=client_address(request),
        )
    except services.AlreadyEnrolled as error:
        messages.info(request, error.message)
        return redirect(shown.url)
    except Refusal as error:  # the order's rules, or the course's seats
        return refusal_page(request, error, course)
    if session is None:  # a coupon made it free
        messages.success(request, _("The coupon covers it all: welcome to the course!"))
        return redirect(_landing(order))
    if session.paid:  # paid a moment ago; the webhook is not here yet
        return redirect(reverse("payments:success") + f"?session_id={session.id}")
    return redirect(session.url)


def _landing(order):
    if order.is_for_seats:
        return reverse("organisations:overview", args=[order.organisation.slug])
    if order.programme_id:
        return order.programme.url
    first = order.course.syllabus.first_lesson
    return first.url if first else order.course.url


@login_required
def success(request):
    """Back from the gateway: fulfil now rather than wait for the webhook."""
    # Razorpay names its payment link in its own parameter.
    session_id = request.GET.get("session_id") or request.GET.get(
        "razorpay_payment_link_id", ""
    )
    order = get_object_or_404(Order, gateway_session_id=session_id, user=request.user)
    try:
        order = services.fulfil_checkout(session_id)
    except services.CheckoutError as error:
        messages.error(request, error.message)
        return redirect(order.item_url)
    if order.status == Order.Status.PAID:
        if order.is_for_seats:
            messages.success(
                request,
                _("Payment received: %(count)s seats of “%(course)s” to give.")
                % {"count": order.quantity, "course": order.item_title},
            )
        elif order.programme_id:
            messages.success(
                request,
                _(
                    "Payment received: welcome to the programme! "
                    "Start with its first course."
                ),
            )
        else:
            messages.success(request, _("Payment received: welcome to the course!"))
        return redirect(_landing(order))
    if order.status == Order.Status.REFUNDED:
        messages.info(request, _("This payment was refunded."))
        return redirect("learners:purchases")
    return render(request, "payments/processing.html", {"order": order}, status=202)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """POST /payments/webhooks/stripe/: only signed events are believed."""
    try:
        services.handle_webhook(
            request.body.decode("utf-8", "replace"),
            request.headers.get("Stripe-Signature", ""),
        )
    except services.InvalidWebhook as error:
        return HttpResponse(error.message, status=400)
    except stripe.StripeError:
        # Nothing was stored: the gateway sends the event again later.
        return HttpResponse(
            _("The payment provider could not be reached; try again."), status=503
        )
    return HttpResponse("ok")


@csrf_exempt
@require_POST
def paystack_webhook(request):
    """POST /payments/webhooks/paystack/: only events signed with the
    secret key are believed."""
    try:
        handle_paystack_webhook(
            request.body, request.headers.get("X-Paystack-Signature", "")
        )
    except GatewayNotConfigured as error:
        raise Http404 from error
    except services.InvalidWebhook as error:
        return HttpResponse(error.message, status=400)
    except PaystackError:
        # Nothing was stored: Paystack sends the event again later.
        return HttpResponse(
            _("The payment provider could not be reached; try again."), status=503
        )
    return HttpResponse("ok")


@csrf_exempt
@require_POST
def razorpay_webhook(request):
    """POST /payments/webhooks/razorpay/: only events signed with the
    webhook secret are believed."""
    try:
        handle_razorpay_webhook(
            request.body,
            request.headers.get("X-Razorpay-Signature", ""),
            request.headers.get("X-Razorpay-Event-Id", ""),
        )
    except GatewayNotConfigured as error:
        raise Http404 from error
    except services.InvalidWebhook as error:
        return HttpResponse(error.message, status=400)
    except RazorpayError:
        # Nothing was stored: Razorpay sends the event again later.
        return HttpResponse(
            _("The payment provider could not be reached; try again."), status=503
        )
    return HttpResponse("ok")


@login_required
def test_gateway(request, session_id):
    """The offline gateway's checkout page: "pay" or "decline", then a signed
    webhook, just as Stripe would send. It does not exist where the offline
    gateway is off (production, unless a staging site turns it on)."""
    if not offline_gateway_enabled():
        raise Http404
    session = get_object_or_404(OfflineCheckoutSession, session_id=session_id)
    if session.mode == session.Mode.SUBSCRIPTION:
        if session.client_reference_id != f"user-{request.user.pk}":
            raise Http404
        order = None
    else:
        order = get_object_or_404(
            Order, pk=session.client_reference_id, user=request.user
        )
    if request.method == "POST" and session.status == session.Status.OPEN:
        gateway = get_gateway()
        paid = "pay" in request.POST
        invoice = gateway.complete(session, paid)
        services.handle_webhook(*gateway.event_for(session))
        if not paid and order is not None:
            services.handle_webhook(*gateway.declined_payment_event(session))
        if invoice is not None:
            services.handle_webhook(*gateway.invoice_event(invoice))
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
    """/dashboard/purchases/: the learner's orders and invoices, newest first."""
    orders = (
        Order.objects.filter(user=request.user)
        .select_related("course", "programme", "invoice", "coupon", "organisation")
        .prefetch_related("invoice__credit_notes")
    )
    periods = SubscriptionPayment.objects.filter(
        subscription__user=request.user
    ).select_related("subscription__plan", "invoice")
    return render(
        request,
        "payments/purchases.html",
        {
            "orders": orders,
            "periods": periods,
            "subscription": subscriptions.latest_subscription(request.user),
        },
    )


@login_required
def invoice_download(request, order_id):
    """The invoice PDF of one of the learner's own paid orders."""
    invoice = get_object_or_404(
        Invoice.objects.select_related(
            "order__course", "order__programme", "order__user"
        ),
        order_id=order_id,
        order__user=request.user,
    )
    return invoice_response(invoice)


@login_required
def period_invoice_download(request, payment_id):
    """The invoice PDF of one paid period of the learner's own subscription."""
    invoice = get_object_or_404(
        Invoice.objects.select_related("subscription_payment__subscription__plan"),
        subscription_payment_id=payment_id,
        subscription_payment__subscription__user=request.user,
    )
    return invoice_response(invoice)


def invoice_response(invoice):
    """The invoice PDF as a download (the purchases page and the API)."""
    response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invoice.number}.pdf"'
    return response


@login_required
def credit_note_download(request, credit_note_id):
    """The credit note PDF of a refund on one of the learner's own orders."""
    credit_note = get_object_or_404(
        CreditNote.objects.select_related("invoice__order"),
        pk=credit_note_id,
        invoice__order__user=request.user,
    )
    response = HttpResponse(
        credit_note_pdf(credit_note), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{credit_note.number}.pdf"'
    return response


# Subscriptions -------------------------------------------------------------------


def plans(request):
    """/payments/plans/: the plans on sale and the learner's subscription."""
    context = {
        "plans": SubscriptionPlan.objects.filter(is_active=True),
        "subscription": subscriptions.current_subscription(request.user),
        "included_courses": originals(CoursePage.objects.live())
        .filter(pricing_type=CoursePage.PricingType.SUBSCRIPTION)
        .order_by("title")
        .only("title", "url_path", "slug"),
    }
    return render(request, "payments/plans.html", context)


@require_POST
def subscribe(request, plan_id):
    plan = get_object_or_404(SubscriptionPlan, pk=plan_id)
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("payments:plans"))
    try:
        session = subscriptions.start_subscription(
            request.user,
            plan,
            success_url(request, "payments:subscription_success"),
            request.build_absolute_uri(reverse("payments:plans")),
            address=client_address(request),
        )
    except services.AlreadySubscribed as error:
        messages.info(request, error.message)
        return redirect("learners:subscription")
    except services.CheckoutError as error:
        return refusal_page(request, error)
    return redirect(session.url)


@login_required
def subscription_success(request):
    """Back from a subscription checkout: read its state from the gateway now."""
    checkout = get_gateway().retrieve_checkout(request.GET.get("session_id", ""))
    if checkout is None or checkout.client_reference_id != f"user-{request.user.pk}":
        raise Http404
    if checkout.paid and checkout.subscription_id:
        subscriptions.sync_subscription(checkout.subscription_id)
    if subscriptions.current_subscription(request.user):
        messages.success(
            request, _("You are subscribed: every included course is open to you.")
        )
        return redirect("payments:plans")
    return render(request, "payments/processing.html", {"order": None}, status=202)


@require_POST
def subscription_enrol(request, course_id):
    """Join an "included in subscription" course as a subscriber (the
    original course, when the page shown is a translation)."""
    course = learning_course(get_object_or_404(CoursePage.objects.live(), pk=course_id))
    if not request.user.is_authenticated:
        return redirect_to_login(course.url)
    try:
        subscriptions.enrol_with_subscription(
            request.user, course, cohort_id=row_id(request.POST.get("cohort"))
        )
    except services.NotSubscribed as error:
        messages.info(request, error.message)
        return redirect("payments:plans")
    except Refusal as error:
        return refusal_page(request, error, course)
    first = course.syllabus.first_lesson
    return redirect(first.url if first else course.url)


@login_required
def subscription(request):
    """/dashboard/subscription/: the plan, the renewal date, cancel or resume."""
    current = subscriptions.latest_subscription(request.user)
    if request.method == "POST":
        try:
            subscriptions.set_cancel_at_period_end(
                request.user, request.POST.get("action") == "cancel"
            )
        except services.NotSubscribed as error:
            return refusal_page(request, error)
        messages.success(request, _("Your subscription was updated."))
        return redirect("learners:subscription")
    return render(request, "payments/subscription.html", {"subscription": current})
