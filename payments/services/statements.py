"""Monthly subscription statements: each month's subscription income is
shared among the courses by the learning time subscribers spent in them,
then split between each course's instructor and the platform, and written
to the earnings ledger. A statement is closed once, after its month ends.

A period's payment is income of the months its period covers, pro rata by
time: its part of month M is floor(net * covered_to / length) minus
floor(net * covered_from / length), which adds up over the months to exactly
the payment. A payment made after a month was closed (a retried card) is
taken up whole-so-far by the first statement after it."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Min, Sum
from django.utils import timezone

from courses.models import CoursePage
from learners.models import Enrollment, LearningDay

from ..models import (
    CourseRevenueShare,
    Earning,
    InstructorAccount,
    StatementLine,
    SubscriptionPayment,
    SubscriptionStatement,
)
from ..money import BASIS_POINTS


def month_start(year, month):
    return datetime(year, month, 1, tzinfo=UTC)


def next_month(year, month):
    return (year + 1, 1) if month == 12 else (year, month + 1)


@dataclass
class MonthIncome:
    gross: int = 0
    tax: int = 0
    fees: int = 0
    payments: int = 0

    @property
    def net(self):
        return self.gross - self.tax - self.fees


def recognised_part(amount, payment, start, end):
    """The part of `amount` (one of the payment's sums) that is income of the
    month [start, end), by the telescoping rule in the module docstring."""
    length = (payment.period_end - payment.period_start).total_seconds()
    if length <= 0:
        return amount if start <= payment.paid_at < end else 0
    paid_month = month_start(payment.paid_at.year, payment.paid_at.month)
    if paid_month >= end:
        return 0  # not paid yet when this month closed
    covered_from = payment.period_start if paid_month == start else start
    covered_from = max(covered_from, payment.period_start)
    covered_to = min(end, payment.period_end)
    if covered_to <= covered_from:
        return 0

    def upto(moment):
        elapsed = max(0, (moment - payment.period_start).total_seconds())
        return int(amount * min(elapsed, length) // length)

    return upto(covered_to) - upto(covered_from)


def month_income(year, month, currency):
    """(income of the month, the subscribers it came from) in one query."""
    start = month_start(year, month)
    end = month_start(*next_month(year, month))
    income, subscribers = MonthIncome(), set()
    payments = SubscriptionPayment.objects.filter(
        status=SubscriptionPayment.Status.PAID,
        currency=currency,
        paid_at__lt=end,
        period_end__gt=start,
    ).select_related("subscription")
    for payment in payments:
        gross = recognised_part(payment.amount, payment, start, end)
        if not gross:
            continue
        income.gross += gross
        income.tax += recognised_part(payment.tax, payment, start, end)
        income.fees += recognised_part(payment.gateway_fee, payment, start, end)
        income.payments += 1
        subscribers.add(payment.subscription.user_id)
    return income, subscribers


def learning_time_by_course(year, month, subscribers):
    """{course id: seconds} the subscribers spent in courses they joined
    through their subscription, in the month."""
    start = month_start(year, month).date()
    end = month_start(*next_month(year, month)).date()
    rows = (
        LearningDay.objects.filter(
            date__gte=start,
            date__lt=end,
            enrollment__user__in=subscribers,
            enrollment__source=Enrollment.Source.SUBSCRIPTION,
        )
        .values("enrollment__course")
        .annotate(seconds=Sum("seconds"))
    )
    return {row["enrollment__course"]: row["seconds"] for row in rows if row["seconds"]}


def share_by_time(net, seconds_by_course):
    """{course id: amount}: `net` split by learning time, rounded down, the
    minor units left over going to the largest remainders (then the lowest
    course id), so the parts always add up to `net`."""
    total = sum(seconds_by_course.values())
    if not total or not net:
        return {}
    parts, remainders = {}, []
    for course_id, seconds in sorted(seconds_by_course.items()):
        parts[course_id], remainder = divmod(net * seconds, total)
        remainders.append((-remainder, course_id))
    for _remainder, course_id in sorted(remainders)[: net - sum(parts.values())]:
        parts[course_id] += 1
    return parts


def close_statement(year, month, currency, now=None):
    """The month's statement, closed now if its month is over and it is not
    closed yet; None while the month runs or when it had no income. Two
    schedulers closing the same month meet on the statement's unique key."""
    now = now or timezone.now()
    if now < month_start(*next_month(year, month)):
        return None
    key = {"year": year, "month": month, "currency": currency}
    existing = SubscriptionStatement.objects.filter(**key).first()
    if existing:
        return existing
    income, subscribers = month_income(year, month, currency)
    if not income.gross:
        return None
    seconds = learning_time_by_course(year, month, subscribers)
    parts = share_by_time(income.net, seconds)
    try:
        with transaction.atomic():
            statement = SubscriptionStatement.objects.create(
                **key,
                payments=income.payments,
                gross=income.gross,
                tax=income.tax,
                gateway_fees=income.fees,
                net=income.net,
                allocated=sum(parts.values()),
                unallocated=income.net - sum(parts.values()),
                learning_seconds=sum(seconds.values()),
                closed_at=now,
            )
            courses = CoursePage.objects.filter(pk__in=parts).only("pk", "instructor")
            shares = shares_bp({course.pk: course.instructor_id for course in courses})
            _write_lines(statement, courses, parts, seconds, shares, now)
    except IntegrityError:
        return SubscriptionStatement.objects.get(**key)
    return statement


def _write_lines(statement, courses, parts, seconds, shares, now):
    lines = []
    for course in courses:
        amount = parts[course.pk]
        share = shares[course.pk] if course.instructor_id else 0
        instructor = amount * share // BASIS_POINTS
        lines.append(
            StatementLine(
                statement=statement,
                course=course,
                instructor_id=course.instructor_id,
                learning_seconds=seconds[course.pk],
                amount=amount,
                share_bp=share,
                instructor_amount=instructor,
                platform_amount=amount - instructor,
            )
        )
    StatementLine.objects.bulk_create(lines)
    Earning.objects.bulk_create(
        Earning(
            kind=Earning.Kind.SUBSCRIPTION,
            statement_line=line,
            instructor_id=line.instructor_id,
            course_id=line.course_id,
            gross=line.amount,
            tax=0,
            gateway_fee=0,
            instructor_amount=line.instructor_amount,
            platform_amount=line.platform_amount,
            currency=statement.currency,
            share_bp=line.share_bp,
            available_at=now,
        )
        for line in StatementLine.objects.filter(statement=statement)
    )


def shares_bp(instructor_by_course):
    """{course id: instructor share} by the same rule as a sale (course
    override, else the instructor's share, else the default), in two queries."""
    overrides = dict(
        CourseRevenueShare.objects.filter(course__in=instructor_by_course).values_list(
            "course_id", "instructor_share_bp"
        )
    )
    accounts = dict(
        InstructorAccount.objects.filter(
            user__in=[i for i in instructor_by_course.values() if i],
            revenue_share_bp__isnull=False,
        ).values_list("user_id", "revenue_share_bp")
    )
    default = settings.PAYMENTS_INSTRUCTOR_SHARE_BP
    return {
        course: overrides.get(course, accounts.get(instructor, default))
        for course, instructor in instructor_by_course.items()
    }


def close_due_statements(now=None):
    """Close every ended month that had subscription income and has no
    statement yet, in each currency. Safe to run as often as the beat likes."""
    now = now or timezone.now()
    first = SubscriptionPayment.objects.filter(
        status=SubscriptionPayment.Status.PAID
    ).aggregate(first=Min("period_start"), paid=Min("paid_at"))
    if first["first"] is None:
        return []
    begin = min(first["first"], first["paid"])
    currencies = set(
        SubscriptionPayment.objects.filter(status=SubscriptionPayment.Status.PAID)
        .values_list("currency", flat=True)
        .distinct()
    )
    closed = defaultdict(set)
    for row in SubscriptionStatement.objects.values("year", "month", "currency"):
        closed[row["currency"]].add((row["year"], row["month"]))
    statements = []
    year, month = begin.year, begin.month
    while month_start(*next_month(year, month)) <= now:
        for currency in sorted(currencies):
            if (year, month) not in closed[currency]:
                statement = close_statement(year, month, currency, now)
                if statement:
                    statements.append(statement)
        year, month = next_month(year, month)
    return statements


def statement_lines(statement):
    return statement.lines.select_related("course", "instructor").order_by(
        "-amount", "course__title"
    )


def statements_for(instructor):
    """The instructor's lines of every statement, newest first."""
    return (
        StatementLine.objects.filter(instructor=instructor)
        .select_related("statement", "course")
        .order_by("-statement__year", "-statement__month", "course__title")
    )
