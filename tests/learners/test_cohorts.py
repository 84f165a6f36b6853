"""Cohorts: learners join a run of a course with a start date, an
enrolment deadline and a limited number of seats, counted under a lock."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from courses.models import Cohort
from learners import services
from learners.models import Enrollment
from learners.services import CohortFull, NoCohortOpen
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.now() + timedelta(days=n)


@pytest.fixture
def course(catalogue):
    course = CoursePageFactory(parent=catalogue, slug="cohort-course", title="Ubuntu")
    LessonPageFactory(parent=SectionPageFactory(parent=course), slug="first")
    return course


def cohort(course, name, starts, **fields):
    return Cohort.objects.create(course=course, name=name, starts_at=starts, **fields)


def test_a_learner_joins_the_next_cohort_with_a_seat(course):
    full = cohort(course, "January", days(10), seat_limit=1)
    later = cohort(course, "March", days(70), seat_limit=5)
    services.enroll(learner(), course, Enrollment.Source.FREE)

    enrollment = services.enroll(learner(), course, Enrollment.Source.FREE).enrollment

    assert enrollment.cohort == later
    full.refresh_from_db()
    later.refresh_from_db()
    assert (full.seats_taken, full.seats_left) == (1, 0)
    assert (later.seats_taken, later.seats_left) == (1, 4)


def test_a_full_or_closed_cohort_refuses_with_a_reason(course):
    january = cohort(course, "January", days(10), seat_limit=1)
    closed = cohort(course, "Past", days(-30), enrolment_closes_at=days(-1))
    services.enroll(learner(), course, Enrollment.Source.FREE, cohort_id=january.pk)

    with pytest.raises(CohortFull, match="“January” is full"):
        services.enroll(learner(), course, Enrollment.Source.FREE, january.pk)
    with pytest.raises(NoCohortOpen, match="Enrolment for this cohort has closed"):
        services.enroll(learner(), course, Enrollment.Source.FREE, closed.pk)
    with pytest.raises(CohortFull, match="Every cohort of this course is full"):
        services.enroll(learner(), course, Enrollment.Source.FREE)
    assert Enrollment.objects.count() == 1


def test_leaving_gives_the_seat_back(course):
    january = cohort(course, "January", days(10), seat_limit=1)
    first = learner()
    services.enroll(first, course, Enrollment.Source.FREE)

    services.leave_course(first, course)
    services.enroll(learner(), course, Enrollment.Source.FREE)

    january.refresh_from_db()
    assert january.seats_taken == 1
    with pytest.raises(CohortFull):
        services.enroll(first, course, Enrollment.Source.FREE)


def test_the_course_page_offers_the_open_cohorts_and_enrols_in_the_chosen_one(
    course, client
):
    cohort(course, "Past", days(-30), enrolment_closes_at=days(-1))
    cohort(course, "January", days(10), seat_limit=20)
    march = cohort(course, "March", days(70))
    user = learner()
    client.force_login(user)

    page = client.get(course.url).content.decode()
    response = client.post(f"{course.url}enroll/", {"cohort": march.pk})

    assert "Choose your cohort" in page
    assert "January" in page and "20 seats left" in page
    assert "Past" not in page
    assert response.status_code == 302
    assert Enrollment.objects.get(user=user).cohort == march


def test_enrolling_in_a_closed_cohort_is_a_clear_409(course, client):
    closed = cohort(course, "Past", days(-30), enrolment_closes_at=days(-1))
    client.force_login(learner())

    response = client.post(f"{course.url}enroll/", {"cohort": closed.pk})

    assert response.status_code == 409
    assert "Enrolment for this cohort has closed." in response.content.decode()
    page = client.get(course.url).content.decode()
    assert "No cohort takes learners at the moment" in page


def test_the_catalogue_and_json_ld_show_the_next_cohort(course, client, catalogue):
    start = days(12).replace(hour=9, minute=0, second=0, microsecond=0)
    cohort(course, "January", start, ends_at=start + timedelta(days=42), seat_limit=8)
    services.enroll(learner(), course, Enrollment.Source.FREE)

    listing = client.get(catalogue.url).content.decode()
    page = client.get(course.url).content.decode()

    assert f"Next cohort starts {start:%-d %b %Y}" in listing
    assert "7 seats left" in listing
    graph = [
        json.loads(block)
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', page, re.S
        )
    ]
    (data,) = [item for item in graph if item.get("@type") == "Course"]
    (instance,) = data["hasCourseInstance"]
    assert instance["name"] == "January"
    assert instance["startDate"] == start.isoformat()
    assert instance["courseSchedule"] == {
        "@type": "Schedule",
        "startDate": start.date().isoformat(),
        "endDate": (start + timedelta(days=42)).date().isoformat(),
    }


def test_buying_holds_a_seat_while_the_learner_pays(catalogue, client):
    course = CoursePageFactory(
        parent=catalogue, slug="paid-cohort", pricing_type="paid", price=9900
    )
    LessonPageFactory(parent=SectionPageFactory(parent=course), slug="one")
    only = cohort(course, "Only", days(5), seat_limit=1)
    buyer, other = learner(), learner()
    client.force_login(buyer)
    checkout = client.post(f"/payments/checkout/{course.pk}/")
    client.force_login(other)

    refused = client.post(f"/payments/checkout/{course.pk}/")
    client.force_login(buyer)
    client.post(checkout.url, {"pay": ""})

    assert refused.status_code == 409
    assert "“Only” is full." in refused.content.decode() or (
        "Every cohort of this course is full." in refused.content.decode()
    )
    enrollment = Enrollment.objects.get(user=buyer)
    assert (enrollment.status, enrollment.cohort) == ("active", only)
    assert not Enrollment.objects.filter(user=other).exists()


def test_an_editor_cannot_remove_a_cohort_that_has_learners(course, admin_client):
    taken = cohort(course, "January", days(10))
    services.enroll(learner(), course, Enrollment.Source.FREE)
    form = nested_form_data(
        {
            "title": course.title,
            "slug": course.slug,
            "summary": course.summary,
            "difficulty": "beginner",
            "language": "en",
            "pricing_type": "free",
            "price": "0",
            "currency": "USD",
            "instructor": str(course.instructor_id),
            "learning_outcomes": inline_formset([]),
            "cohorts": inline_formset(
                [
                    {
                        "id": str(taken.pk),
                        "name": taken.name,
                        "starts_at": taken.starts_at.strftime("%Y-%m-%d %H:%M"),
                        "DELETE": "1",
                    }
                ],
                initial=1,
            ),
        }
    )
    form["learning_outcomes-count"] = "0"

    response = admin_client.post(f"/admin/pages/{course.pk}/edit/", form)

    assert response.status_code == 200
    assert "has learners, so it stays" in response.content.decode()
    assert Cohort.objects.filter(pk=taken.pk).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_thirty_learners_racing_for_ten_seats_get_ten(catalogue):
    from tests.conftest import in_parallel

    course = CoursePageFactory(parent=catalogue, slug="race")
    LessonPageFactory(parent=SectionPageFactory(parent=course), slug="one")
    ten = cohort(course, "Ten seats", days(3), seat_limit=10)
    people = [learner(username=f"racer-{n}") for n in range(30)]

    results = in_parallel(
        30,
        lambda n: services.enroll(people[n], course, Enrollment.Source.FREE),
    )

    joined = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(joined) == 10
    assert len(refused) == 20 and all(isinstance(r, CohortFull) for r in refused)
    assert Enrollment.objects.filter(cohort=ten).count() == 10
    ten.refresh_from_db()
    assert ten.seats_taken == 10


def test_an_enrolled_learner_sees_when_their_cohort_starts(course, client):
    march = cohort(course, "March", days(70).replace(hour=9, minute=0))
    user = learner()
    services.enroll(user, course, Enrollment.Source.FREE)
    client.force_login(user)

    page = client.get(course.url).content.decode()

    assert f"Your cohort, March, starts on {march.starts_at:%-d %B %Y, 09:00}" in page
