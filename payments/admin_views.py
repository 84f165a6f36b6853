"""Wagtail admin screens of commerce: refunding an order, deciding payouts,
and the instructor's earnings page with payout requests."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from learners.wagtail_hooks import teaches

from .errors import CheckoutError, PayoutError, RefundError
from .models import InstructorAccount, Order, Payout
from .services import earnings, payouts, statements
from .services.refunds import refund_order


def manages_money(user):
    """Admins (or anyone given the permission) refund orders and decide payouts."""
    return user.is_superuser or user.has_perm("payments.change_order")


def _require_money_staff(request):
    if not manages_money(request.user):
        raise PermissionDenied


def refund_view(request, pk):
    _require_money_staff(request)
    order = get_object_or_404(
        Order.objects.select_related("user", "course", "programme"), pk=pk
    )
    if request.method == "POST":
        try:
            refund_order(order.pk, by=request.user)
        except (RefundError, CheckoutError) as error:  # or the gateway is down
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Order %(id)s was refunded.") % {"id": order.pk}
            )
        return redirect("payments_order_modeladmin_index")
    return render(request, "payments/admin/refund.html", {"order": order})


class PayoutDecisionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("approve", "approve"), ("reject", "reject"), ("paid", "paid")]
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason for rejecting"), required=False, max_length=500
    )
    reference = forms.CharField(
        label=gettext_lazy("Payment reference of the transfer"),
        required=False,
        max_length=100,
    )


def payout_view(request, pk):
    _require_money_staff(request)
    payout = get_object_or_404(Payout.objects.select_related("instructor"), pk=pk)
    form = PayoutDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["action"] == "approve":
                payouts.approve_payout(payout.pk, request.user)
            elif data["action"] == "reject":
                payouts.reject_payout(payout.pk, request.user, data["reason"])
            else:
                payouts.mark_payout_paid(payout.pk, request.user, data["reference"])
        except PayoutError as error:
            messages.error(request, error.message)
            return redirect("payments_admin:payout", pk=payout.pk)
        messages.success(request, _("The payout was updated."))
        return redirect("payments_payout_modeladmin_index")
    return render(
        request, "payments/admin/payout.html", {"payout": payout, "form": form}
    )


class PayoutAccountForm(forms.Form):
    bank_name = forms.CharField(label=gettext_lazy("Bank"), max_length=60)
    account_number = forms.CharField(
        label=gettext_lazy("Account number (IBAN or local)"),
        max_length=40,
        help_text=gettext_lazy("Only the bank and the last four digits are kept."),
    )


def _instructor_for(request):
    """Instructors see their own earnings; money staff may pick any instructor."""
    if not teaches(request.user):
        raise PermissionDenied
    wanted = request.GET.get("instructor")
    if wanted and manages_money(request.user):
        return get_object_or_404(get_user_model(), pk=wanted)
    return request.user


def earnings_view(request):
    instructor = _instructor_for(request)
    own = instructor == request.user
    form = PayoutAccountForm(request.POST or None if own else None)
    if own and request.method == "POST":
        response = _earnings_post(request, instructor, form)
        if response:
            return response
    account = InstructorAccount.objects.filter(user=instructor).first()
    by_month = list(earnings.earnings_by_month(instructor))
    peak = max((row["earned"] for row in by_month), default=0) or 1
    for row in by_month:
        row["percent"] = max(0, 100 * row["earned"] // peak)
    context = {
        "instructor": instructor,
        "own": own,
        "balances": [
            {
                "currency": currency,
                "money": money,
                "can_request": money["available"] >= settings.PAYMENTS_PAYOUT_MINIMUM,
                "minimum": settings.PAYMENTS_PAYOUT_MINIMUM,
            }
            for currency, money in earnings.balances(instructor).items()
        ],
        "by_course": earnings.earnings_by_course(instructor),
        "by_month": by_month,
        "payouts": Payout.objects.filter(instructor=instructor)[:20],
        "subscription_lines": statements.statements_for(instructor)[:24],
        "account": account,
        "form": form,
        "share_percent": earnings.share_percent_for(instructor),
    }
    return render(request, "payments/admin/earnings.html", context)


def _earnings_post(request, instructor, form):
    try:
        if "request_payout" in request.POST:
            payouts.request_payout(instructor, request.POST.get("currency", "")[:3])
            messages.success(request, _("Your payout request was sent."))
            return redirect("payments_admin:earnings")
        if form.is_valid():
            payouts.set_payout_account(
                instructor,
                form.cleaned_data["bank_name"],
                form.cleaned_data["account_number"],
            )
            messages.success(request, _("Your payout account was saved."))
            return redirect("payments_admin:earnings")
    except PayoutError as error:
        messages.error(request, error.message)
        return redirect("payments_admin:earnings")
    return None
