"""Ninety days of history for the demo, so an instructor's analytics are not
empty: a few dozen learners who enrolled on different days, got different
distances (most drop off, a few finish), took quizzes, and a handful who
bought the paid course or subscribed.

Enrolments, purchases and subscriptions go through the real services and the
offline gateway; progress and quiz attempts in the past are written as the
rows those services write, with past dates, because a service can only act
now. Everything is drawn from one seeded random generator, so every seed
gives the same history; it is written once (found again by the first demo
learner's username).
"""

import random
from datetime import timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import F
from django.utils import timezone

from courses.models import CoursePage
from home.roles import STUDENTS
from learners import services
from learners.models import (
    Certificate,
    CourseDay,
    Enrollment,
    LearningDay,
    LessonProgress,
    Profile,
    QuizAttempt,
)
from learners.services.certificates import issue_certificate
from learners.stats import refresh_all_course_stats
from lessons.grading import grade, quiz_blocks, take_snapshot
from payments.gateways import OfflineGateway, offline_gateway_enabled
from payments.models import (
    CouponRedemption,
    CreditNote,
    Earning,
    Invoice,
    OfflineCheckoutSession,
    Order,
    PaymentTransaction,
    StatementLine,
    Subscription,
    SubscriptionPayment,
    SubscriptionPlan,
    SubscriptionStatement,
)
from payments.services import handle_webhook, start_checkout
from payments.services.subscriptions import enrol_with_subscription

FIRST_NAMES = [
    "Amara", "Ben", "Chen", "Dara", "Elif", "Femi", "Grace", "Hugo", "Ines",
    "Jonas", "Kemi", "Leila", "Mateo", "Nadia", "Omar", "Priya", "Quinn",
    "Rosa", "Sipho", "Tariq", "Uma", "Viktor", "Wanjiru", "Xavier", "Yara",
    "Zane", "Aiko", "Bongani", "Carla", "Dmitri", "Esther", "Farid", "Gita",
    "Hana", "Ivan", "Jade",
]  # fmt: skip
LAST_NAMES = [
    "Okafor", "Schmidt", "Wang", "Murphy", "Yilmaz", "Adeyemi", "Kim", "Moreau",
    "Silva", "Berg", "Ndlovu", "Haddad", "Garcia", "Petrova", "Farouk", "Patel",
]  # fmt: skip
USERNAME = "demo-learner-{:02d}"
DAYS = 90


def seed_demo_learners(now=None):
    """Create the demo learners and their history; 0 if they exist already."""
    User = get_user_model()
    if User.objects.filter(username=USERNAME.format(1)).exists():
        return 0
    now = now or timezone.now()
    rng = random.Random(2026)  # noqa: S311 - made-up history, not security
    courses = {course.pricing_type: course for course in CoursePage.objects.live()}
    group = Group.objects.get(name=STUDENTS)
    for number, first_name in enumerate(FIRST_NAMES, start=1):
        user = _learner(User, number, first_name, rng, group)
        _history(user, courses, rng, now)
    _page_views(rng, now)
    refresh_all_course_stats()
    return len(FIRST_NAMES)


def _learner(User, number, first_name, rng, group):
    username = USERNAME.format(number)
    user = User.objects.create(
        username=username,
        email=f"{username}@example.com",
        first_name=first_name,
        last_name=rng.choice(LAST_NAMES),
    )
    # History only: nobody logs in as these learners.
    user.set_unusable_password()
    user.save(update_fields=["password"])
    user.groups.add(group)
    EmailAddress.objects.create(
        user=user, email=user.email, verified=True, primary=True
    )
    Profile.objects.get_or_create(user=user)
    return user


def _history(user, courses, rng, now):
    """One learner's enrolments: nearly everyone tries the free course, some
    buy the paid one, a few join the subscription course."""
    enrolled_at = now - timedelta(days=rng.randint(2, DAYS), hours=rng.randint(0, 23))

    plans = [("free", 0.9), ("paid", 0.15), ("subscription", 0.12)]
    for pricing, chance in plans:
        course = courses.get(pricing)
        if course is None or rng.random() > chance:
            continue
        if pricing != "free" and not offline_gateway_enabled():
            continue  # a site on a real gateway gets no made-up payments
        if pricing == "paid":
            enrollment = _buy(user, course)
        elif pricing == "subscription":
            # Within its first month, so the subscription still gives access.
            enrolled_at = now - timedelta(days=rng.randint(3, 26))
            enrollment = _subscribe(user, course, enrolled_at)
        else:
            enrollment = services.enroll(
                user, course, Enrollment.Source.FREE
            ).enrollment
        if enrollment is None:
            continue
        Enrollment.objects.filter(pk=enrollment.pk).update(enrolled_at=enrolled_at)
        learning_history(enrollment, course, rng, enrolled_at, now)
        enrolled_at = min(now, enrolled_at + timedelta(days=rng.randint(1, 10)))


def _buy(user, course):
    """A real purchase on the offline gateway: order, payment, invoice,
    earning and enrolment, as a learner pressing "pay" gets them."""

    order, checkout = start_checkout(user, course, "/", "/")
    gateway = OfflineGateway()
    session = OfflineCheckoutSession.objects.get(session_id=checkout.id)
    gateway.complete(session, paid=True)
    handle_webhook(*gateway.event_for(session))
    return Enrollment.objects.filter(user=user, course=course).first()


def _subscribe(user, course, started_at):
    """A real subscription on the offline gateway, started on `started_at`:
    its first period is paid, invoiced and dated then."""

    plan = SubscriptionPlan.objects.filter(is_active=True, interval="month").first()
    if plan is None:
        return None
    gateway = OfflineGateway()
    checkout = gateway.create_subscription_checkout(user, plan, "/", "/")
    session = OfflineCheckoutSession.objects.get(session_id=checkout.id)
    invoice = gateway.complete(session, paid=True)
    # The period runs from the day this learner subscribed.
    length = invoice.period_end - invoice.period_start
    type(invoice).objects.filter(pk=invoice.pk).update(
        period_start=started_at, period_end=started_at + length, created_at=started_at
    )
    session.period_end = started_at + length
    session.save(update_fields=["period_end"])
    handle_webhook(*gateway.event_for(session))
    handle_webhook(*gateway.invoice_event(invoice))
    SubscriptionPayment.objects.filter(gateway_invoice_id=invoice.invoice_id).update(
        paid_at=started_at
    )
    return enrol_with_subscription(user, course).enrollment


def learning_history(enrollment, course, rng, enrolled_at, now):
    """Lessons done in order, a few days apart; most learners stop somewhere
    (the lesson after their last one stays in progress), a few finish."""
    lessons = list(course.syllabus.lessons)
    reached = min(len(lessons), int(rng.triangular(0, len(lessons) + 2, 2)))
    if rng.random() < 0.15:
        reached = len(lessons)  # the ones who finish
    moment = enrolled_at
    for position, lesson in enumerate(lessons[: reached + 1]):
        moment = min(now, moment + timedelta(hours=rng.randint(2, 72)))
        seconds = int(lesson.estimated_minutes * 60 * rng.uniform(0.5, 1.5))
        done = position < reached
        LessonProgress.objects.create(
            enrollment=enrollment,
            lesson=lesson,
            status=LessonProgress.Status.COMPLETED
            if done
            else LessonProgress.Status.IN_PROGRESS,
            started_at=moment,
            completed_at=moment if done else None,
            last_accessed_at=moment,
            time_spent_seconds=seconds if done else seconds // 3,
        )
        _learning_time(enrollment, moment, seconds if done else seconds // 3)
        for block_id, quiz in quiz_blocks(lesson).items():
            _quiz_attempts(enrollment, lesson, block_id, quiz, rng, moment, done)
    if reached == len(lessons):
        finished = min(now, moment + timedelta(hours=1))
        Enrollment.objects.filter(pk=enrollment.pk).update(
            status=Enrollment.Status.COMPLETED, completed_at=finished
        )
        issue_certificate(enrollment.pk)


def _learning_time(enrollment, moment, seconds):
    day = moment.date()
    updated = LearningDay.objects.filter(enrollment=enrollment, date=day).update(
        seconds=F("seconds") + seconds
    )
    if not updated:
        LearningDay.objects.create(enrollment=enrollment, date=day, seconds=seconds)


def _quiz_attempts(enrollment, lesson, block_id, quiz, rng, moment, passed_lesson):
    """A failed try now and then before the pass; a learner who stopped at
    the quiz lesson failed it."""
    tries = 1 + (rng.random() < 0.35) if passed_lesson else 1
    for number in range(1, tries + 1):
        last = number == tries
        snapshot = take_snapshot(quiz, f"demo-{enrollment.pk}-{number}")
        right = passed_lesson and last
        answers = {
            q["id"]: right_answer(q) if right else None for q in snapshot["questions"]
        }
        score, maximum, results = grade(snapshot, answers)
        percent = int(100 * score / maximum) if maximum else 0
        attempt = QuizAttempt.objects.create(
            enrollment=enrollment,
            lesson=lesson,
            block_id=block_id,
            number=number,
            status=QuizAttempt.Status.SUBMITTED,
            snapshot=snapshot,
            answers=answers,
            submitted_at=moment,
            score=score,
            max_score=maximum or Decimal(0),
            percent=percent,
            passed=percent >= snapshot["pass_mark"],
            results=results,
            results_released=True,
        )
        QuizAttempt.objects.filter(pk=attempt.pk).update(started_at=moment)


def right_answer(question):
    """The answer that earns a question's points, from its snapshot."""
    kind = question["type"]
    if kind == "single_choice":
        return next(o["id"] for o in question["options"] if o["correct"])
    if kind == "multiple_choice":
        return [o["id"] for o in question["options"] if o["correct"]]
    if kind == "true_false":
        return question["correct_answer"]
    if kind == "short_text":
        return question["accepted_answers"][0]
    return question["answer"]


def _page_views(rng, now):
    """Visits to each course page on each of the ninety days, a few times the
    number of enrolments, as the page-view counter would have stored them."""
    for course in CoursePage.objects.live():
        rows = []
        for days_ago in range(DAYS):
            rows.append(
                CourseDay(
                    course=course,
                    date=(now - timedelta(days=days_ago)).date(),
                    page_views=rng.randint(2, 14),
                )
            )
        CourseDay.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["course", "date"],
            update_fields=["page_views"],
        )


def remove_demo_learners():
    """Before `seed_demo --reset`: the demo learners and their money history
    (kept from ordinary deletes by PROTECT), so the courses can be rebuilt.
    Only for the demo site; the statements are closed again afterwards."""

    users = get_user_model().objects.filter(username__startswith="demo-learner-")
    Earning.objects.filter(kind=Earning.Kind.SUBSCRIPTION).delete()
    StatementLine.objects.all().delete()
    SubscriptionStatement.objects.all().delete()
    Earning.objects.filter(order__user__in=users).delete()
    CreditNote.objects.filter(invoice__order__user__in=users).delete()
    Invoice.objects.filter(order__user__in=users).delete()
    Invoice.objects.filter(subscription_payment__subscription__user__in=users).delete()
    PaymentTransaction.objects.filter(order__user__in=users).delete()
    CouponRedemption.objects.filter(order__user__in=users).delete()
    Order.objects.filter(user__in=users).delete()
    SubscriptionPayment.objects.filter(subscription__user__in=users).delete()
    Subscription.objects.filter(user__in=users).delete()
    Certificate.objects.filter(enrollment__user__in=users).delete()
    users.delete()
