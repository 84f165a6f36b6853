"""Instructor earnings: the share of each sale, its reversal on refund, and
the balances that payouts are paid from."""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from courses.models import CoursePage

from ..models import CourseRevenueShare, Earning, InstructorAccount, Order, Payout
from ..money import BASIS_POINTS


def instructor_share_bp(course):
    """The course's override, else the instructor's share, else the default."""
    override = CourseRevenueShare.objects.filter(course=course).first()
    if override:
        return override.instructor_share_bp
    account = InstructorAccount.objects.filter(user_id=course.instructor_id).first()
    if account and account.revenue_share_bp is not None:
        return account.revenue_share_bp
    return settings.PAYMENTS_INSTRUCTOR_SHARE_BP


def record_sale(order, gateway_fee=0):
    """One earning row per paid order and course sold. The instructor's share
    is rounded down; the platform keeps the remainder, so the shares always
    add up. A programme's price is split between its courses by their list
    prices, to the minor unit, so its rows add up to the order."""
    gateway_fee = max(0, min(gateway_fee, order.total - order.tax))
    courses = _courses_sold(order)
    weights = [course.price for course in courses]
    parts = zip(
        courses,
        split(order.total, weights),
        split(order.tax, weights),
        split(gateway_fee, weights),
        strict=True,
    )
    return [
        _sale_row(order, course, gross, tax, fee) for course, gross, tax, fee in parts
    ]


def _courses_sold(order):
    if not order.programme_id:
        return [order.course]
    # Its courses as on the day it was paid; a course later added is not in it.
    return order.programme.courses or []


def split(amount, weights):
    """`amount` in parts proportional to `weights` that add up to it exactly:
    each part rounded down, the leftover minor units to the largest
    remainders (equal parts when every weight is 0)."""
    if not weights:
        return []
    if not any(weights):
        weights = [1] * len(weights)
    whole = sum(weights)
    parts = [amount * weight // whole for weight in weights]
    leftover = amount - sum(parts)
    by_remainder = sorted(
        range(len(weights)), key=lambda i: (-(amount * weights[i] % whole), i)
    )
    for i in by_remainder[:leftover]:
        parts[i] += 1
    return parts


def _sale_row(order, course, gross, tax, fee):
    share_bp = instructor_share_bp(course) if course.instructor_id else 0
    net = gross - tax - fee
    instructor = net * share_bp // BASIS_POINTS
    earning, _created = Earning.objects.get_or_create(
        order=order,
        kind=Earning.Kind.SALE,
        course=course,
        defaults={
            "instructor_id": course.instructor_id,
            "gross": gross,
            "tax": tax,
            "gateway_fee": fee,
            "instructor_amount": instructor,
            "platform_amount": net - instructor,
            "currency": order.currency,
            "share_bp": share_bp,
            "available_at": order.paid_at
            + timedelta(days=settings.PAYMENTS_EARNINGS_HOLD_DAYS),
        },
    )
    return earning


def reverse_sale(order):
    """A refund takes each sale row back, with negative amounts. While the
    sale is still on hold the reversal waits with it, so "available" never
    dips."""
    return [
        Earning.objects.get_or_create(
            order=order,
            kind=Earning.Kind.REVERSAL,
            course_id=sale.course_id,
            defaults={
                "instructor_id": sale.instructor_id,
                "gross": -sale.gross,
                "tax": -sale.tax,
                "gateway_fee": -sale.gateway_fee,
                "instructor_amount": -sale.instructor_amount,
                "platform_amount": -sale.platform_amount,
                "currency": sale.currency,
                "share_bp": sale.share_bp,
                "available_at": max(sale.available_at, timezone.now()),
            },
        )[0]
        for sale in Earning.objects.filter(order=order, kind=Earning.Kind.SALE)
    ]


def bought_courses(order):
    """The courses an order paid for, as pages (seats go to each)."""
    if not order.programme_id:
        return [order.course]
    return list(CoursePage.objects.filter(pk__in=courses_bought(order)))


def courses_bought(order):
    """The ids of the courses an order paid for: its sale rows name them."""
    if not order.programme_id:
        return [order.course_id]
    return list(
        Earning.objects.filter(order=order, kind=Earning.Kind.SALE).values_list(
            "course_id", flat=True
        )
    )


def balances(instructor):
    """{currency: {pending, available, requested, paid_out}} in two queries."""
    now = timezone.now()
    result = defaultdict(
        lambda: {"pending": 0, "available": 0, "requested": 0, "paid_out": 0}
    )
    earned = (
        Earning.objects.filter(instructor=instructor)
        .values("currency")
        .annotate(
            pending=Sum("instructor_amount", filter=Q(available_at__gt=now)),
            cleared=Sum("instructor_amount", filter=Q(available_at__lte=now)),
        )
    )
    for row in earned:
        result[row["currency"]]["pending"] = row["pending"] or 0
        result[row["currency"]]["available"] = row["cleared"] or 0
    payouts = (
        Payout.objects.filter(instructor=instructor, status__in=Payout.COMMITTED)
        .values("currency", "status")
        .annotate(total=Sum("amount"))
    )
    for row in payouts:
        money = result[row["currency"]]
        money["available"] -= row["total"]
        key = "paid_out" if row["status"] == Payout.Status.PAID else "requested"
        money[key] += row["total"]
    return dict(result)


def available_balance(instructor, currency):
    return balances(instructor).get(currency, {}).get("available", 0)


def earnings_by_course(instructor):
    return (
        Earning.objects.filter(instructor=instructor)
        .values("course__title", "currency")
        .annotate(
            sales=Sum("gross", filter=Q(kind=Earning.Kind.SALE)),
            earned=Sum("instructor_amount"),
        )
        .order_by("course__title", "currency")
    )


def earnings_by_month(instructor, months=12):
    since = timezone.now() - timedelta(days=31 * months)
    return (
        Earning.objects.filter(instructor=instructor, created_at__gte=since)
        .annotate(month=TruncMonth("created_at"))
        .values("month", "currency")
        .annotate(earned=Sum("instructor_amount"))
        .order_by("month", "currency")
    )


def share_percent_for(instructor):
    """The instructor's default share as a percentage, for display."""
    account = InstructorAccount.objects.filter(user=instructor).first()
    share = (
        account.revenue_share_bp
        if account and account.revenue_share_bp is not None
        else settings.PAYMENTS_INSTRUCTOR_SHARE_BP
    )
    return Decimal(share) / 100


def revenue_by_currency(since=None):
    """Money taken on paid orders, net of refunds, per currency."""
    orders = Order.objects.filter(status__in=[Order.Status.PAID, Order.Status.REFUNDED])
    if since is not None:
        orders = orders.filter(paid_at__gte=since)
    return list(
        orders.values("currency")
        .annotate(total=Sum("total"), refunded=Sum("amount_refunded"))
        .order_by("currency")
    )


def instructor_revenue_since(instructor, since):
    """The instructor's share of sales since a date, per currency."""
    return list(
        Earning.objects.filter(instructor=instructor, created_at__gte=since)
        .values("currency")
        .annotate(total=Sum("instructor_amount"))
        .order_by("currency")
    )
