"""Monthly statements: a month's subscription income is shared among the
courses by subscribers' learning time, split with each instructor, written
to the earnings ledger once, and every statement adds up to its income."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db.models import Sum
from django.utils import timezone

from learners.models import Enrollment, LearningDay
from payments.models import (
    CourseRevenueShare,
    Earning,
    Subscription,
    SubscriptionPayment,
    SubscriptionPlan,
    SubscriptionStatement,
)
from payments.services import statements
from payments.services.earnings import balances
from tests.courses.factories import UserFactory
from tests.learners.factories import enrolled, learner
from tests.payments.factories import PlanFactory, subscription_course

pytestmark = pytest.mark.django_db

MARCH = datetime(2026, 3, 1, tzinfo=UTC)
APRIL_2 = datetime(2026, 4, 2, tzinfo=UTC)


@pytest.fixture
def courses(catalogue, teacher):
    other = UserFactory(username="other-teacher")
    python = subscription_course(catalogue, "python")
    python.instructor = teacher
    python.save()
    sql = subscription_course(catalogue, "sql")
    sql.instructor = other
    sql.save()
    return python, sql


def subscriber(name, plan, paid_at, amount=1500, tax=0, fee=0, days=31):
    user = learner(username=name)
    subscription = Subscription.objects.create(
        user=user,
        plan=plan,
        gateway="offline",
        gateway_subscription_id=f"sub_{name}",
        status="active",
        current_period_end=paid_at + timedelta(days=days),
    )
    SubscriptionPayment.objects.create(
        subscription=subscription,
        gateway_invoice_id=f"in_{name}",
        status="paid",
        amount=amount,
        tax=tax,
        gateway_fee=fee,
        currency=plan.currency,
        period_start=paid_at,
        period_end=paid_at + timedelta(days=days),
        paid_at=paid_at,
    )
    return user


def learnt(user, course, day, seconds):
    enrollment = Enrollment.objects.filter(user=user, course=course).first()
    if enrollment is None:
        enrollment = enrolled(user, course, Enrollment.Source.SUBSCRIPTION)
    LearningDay.objects.create(enrollment=enrollment, date=day, seconds=seconds)


def test_a_month_is_shared_by_learning_time_and_adds_up(courses, teacher):
    python, sql = courses
    plan = PlanFactory()
    ama = subscriber("ama", plan, MARCH, amount=1500, tax=200, fee=74)
    ben = subscriber("ben", plan, MARCH, amount=1500, tax=200, fee=74)
    learnt(ama, python, date(2026, 3, 3), 3 * 3600)
    learnt(ben, python, date(2026, 3, 9), 3600)
    learnt(ben, sql, date(2026, 3, 10), 2 * 3600)
    learnt(ben, sql, date(2026, 4, 10), 50 * 3600)  # another month

    statement = statements.close_statement(2026, 3, "USD", now=APRIL_2)

    lines = {line.course_id: line for line in statement.lines.all()}
    net = 2 * (1500 - 200 - 74)
    assert (statement.gross, statement.tax, statement.gateway_fees) == (3000, 400, 148)
    assert statement.net == net == statement.allocated
    assert statement.learning_seconds == 6 * 3600
    assert lines[python.pk].amount == net * 4 // 6 + 1  # the larger remainder
    assert lines[sql.pk].amount == net * 2 // 6
    assert sum(line.amount for line in lines.values()) == net
    python_line = lines[python.pk]
    assert python_line.instructor_amount == python_line.amount * 7000 // 10_000
    assert python_line.instructor_id == teacher.pk


def test_the_ledger_gets_one_row_per_line_and_the_balance_grows(courses, teacher):
    python, _sql = courses
    ama = subscriber("ama", PlanFactory(), MARCH)
    learnt(ama, python, date(2026, 3, 3), 600)
    CourseRevenueShare.objects.create(course=python, instructor_share_bp=8000)

    statement = statements.close_statement(2026, 3, "USD", now=APRIL_2)
    again = statements.close_statement(2026, 3, "USD", now=APRIL_2)

    earning = Earning.objects.get(kind="subscription")
    assert again.pk == statement.pk and Earning.objects.count() == 1
    assert earning.statement_line.statement == statement
    assert earning.instructor_amount == 1500 * 8000 // 10_000
    assert balances(teacher)["USD"]["available"] == earning.instructor_amount


def test_a_month_without_learning_time_keeps_its_income_unallocated(courses):
    subscriber("ama", PlanFactory(), MARCH)

    statement = statements.close_statement(2026, 3, "USD", now=APRIL_2)

    assert (statement.allocated, statement.unallocated) == (0, 1500)
    assert not statement.lines.exists() and not Earning.objects.exists()


def test_a_month_still_running_is_not_closed(courses):
    subscriber("ama", PlanFactory(), MARCH)

    assert statements.close_statement(2026, 3, "USD", now=MARCH) is None
    assert not SubscriptionStatement.objects.exists()


def test_an_annual_payment_is_income_of_every_month_it_covers(courses):
    python, _sql = courses
    plan = PlanFactory(name="Annual", interval="year", price=12_001)
    ama = subscriber("ama", plan, MARCH, amount=12_001, days=365)
    for month in range(3, 13):
        learnt(ama, python, date(2026, month, 5), 60)
    learnt(ama, python, date(2027, 1, 5), 60)
    learnt(ama, python, date(2027, 2, 5), 60)

    closed = statements.close_due_statements(now=datetime(2027, 3, 2, tzinfo=UTC))

    assert [(s.year, s.month) for s in closed][:2] == [(2026, 3), (2026, 4)]
    assert len(closed) == 12
    assert sum(s.gross for s in closed) == 12_001
    march = next(s for s in closed if s.month == 3 and s.year == 2026)
    assert march.gross == 12_001 * 31 * 86_400 // (365 * 86_400)
    total = Earning.objects.aggregate(total=Sum("gross"))["total"]
    assert total == 12_001


def test_a_payment_made_after_its_month_closed_goes_to_the_next_statement(courses):
    python, _sql = courses
    plan = PlanFactory()
    ama = subscriber("ama", plan, MARCH)
    learnt(ama, python, date(2026, 3, 3), 600)
    statements.close_statement(2026, 3, "USD", now=APRIL_2)
    # Ben's March period was paid on a retry, in April.
    ben = subscriber("ben", plan, MARCH + timedelta(days=20))
    SubscriptionPayment.objects.filter(subscription__user=ben).update(
        paid_at=datetime(2026, 4, 3, tzinfo=UTC)
    )
    learnt(ben, python, date(2026, 4, 4), 600)

    april = statements.close_statement(
        2026, 4, "USD", now=datetime(2026, 5, 1, tzinfo=UTC)
    )

    march = SubscriptionStatement.objects.get(month=3)
    assert march.gross == 1500
    assert march.gross + april.gross == 3000


def test_the_staff_statement_page_shows_lines_that_add_up(client, courses, teacher):
    python, _sql = courses
    ama = subscriber("ama", PlanFactory(), MARCH)
    learnt(ama, python, date(2026, 3, 3), 600)
    statement = statements.close_statement(2026, 3, "USD", now=APRIL_2)
    admin = UserFactory(username="boss", is_staff=True, is_superuser=True)
    client.force_login(admin)

    index = client.get("/admin/commerce/statements/")
    detail = client.get(f"/admin/commerce/statements/{statement.pk}/")

    assert index.status_code == 200 and "March 2026" in index.content.decode()
    page = detail.content.decode()
    assert "Python" in page and "$15.00" in page and "10 min" in page


def test_an_instructor_cannot_open_the_statements(client, courses, teacher):
    client.force_login(teacher)

    refused = client.get("/admin/commerce/statements/")

    # The admin turns a refusal into a redirect to its home, with a message.
    assert refused.status_code == 302 and refused.url == "/admin/"


def test_plans_in_two_currencies_get_a_statement_each(courses):
    python, _sql = courses
    usd = subscriber("ama", PlanFactory(), MARCH)
    eur_plan = SubscriptionPlan.objects.create(
        name="Euro", interval="month", price=1400, currency="EUR"
    )
    eur = subscriber("ben", eur_plan, MARCH, amount=1400)
    learnt(usd, python, date(2026, 3, 3), 600)
    learnt(eur, python, date(2026, 3, 3), 600)

    closed = statements.close_due_statements(now=APRIL_2)

    assert sorted((s.currency, s.gross) for s in closed) == [
        ("EUR", 1400),
        ("USD", 1500),
    ]


def test_the_instructor_sees_their_subscription_shares(client, courses, teacher):
    python, sql = courses
    ama = subscriber("ama", PlanFactory(), MARCH)
    learnt(ama, python, date(2026, 3, 3), 900)
    learnt(ama, sql, date(2026, 3, 3), 900)
    statements.close_statement(2026, 3, "USD", now=APRIL_2)
    client.force_login(teacher)

    page = client.get("/admin/commerce/earnings/").content.decode()

    assert "Subscription shares" in page and "March 2026" in page
    assert "Python" in page and "Sql" not in page.split("Subscription shares")[1]
    assert "$5.25" in page  # 70% of the course's half of $15.00


def test_without_a_scheduler_opening_the_statements_closes_ended_months(
    client, courses
):
    last_month = timezone.now().replace(day=1) - timedelta(days=20)
    subscriber("ama", PlanFactory(), last_month, days=5)
    client.force_login(UserFactory(username="boss", is_staff=True, is_superuser=True))

    client.get("/admin/commerce/statements/")

    assert SubscriptionStatement.objects.filter(
        year=last_month.year, month=last_month.month
    ).exists()
