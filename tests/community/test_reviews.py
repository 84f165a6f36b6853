"""Reviews: who may write one, one per learner, the stored rating on the
course page and in its JSON-LD, the instructor's reply and moderation."""

import json
import re

import pytest

from community.models import CourseRating, Review
from community.services import reviews
from community.services.qa import CommunityError
from learners import services as learning
from learners.models import Enrollment
from tests.conftest import in_parallel
from tests.learners.factories import learner

from .factories import course_with_lessons, member
from .test_question_safety import active_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue):
    return course_with_lessons(catalogue)


def learned(course, **fields):
    """A member who has completed the first of the course's two lessons."""
    user = member(course, **fields)
    learning.complete_lesson(user, course.syllabus.lessons[0])
    return user


def course_json_ld(html):
    for block in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    ):
        data = json.loads(block)
        if data.get("@type") == "Course":
            return data
    raise AssertionError("no Course JSON-LD")


def test_a_learner_reviews_once_they_have_done_enough(client, course):
    user = member(course, username="newcomer")
    client.force_login(user)
    page = client.get(f"{course.url}reviews/").content.decode()
    assert "once you have completed 20%" in page
    response = client.post(f"{course.url}reviews/", {"rating": 5, "text": "Great"})
    assert response.status_code == 403

    learning.complete_lesson(user, course.syllabus.lessons[0])
    response = client.post(f"{course.url}reviews/", {"rating": 5, "text": "Great"})

    assert response.status_code == 302
    assert Review.objects.get().rating == 5
    rating = CourseRating.objects.get(course=course)
    assert (rating.count, rating.total, rating.stars_5) == (1, 5, 1)


def test_changing_a_review_keeps_one_row_and_the_rating_follows(client, course):
    user = learned(course)
    client.force_login(user)
    client.post(f"{course.url}reviews/", {"rating": 5, "text": "Great"})
    client.post(f"{course.url}reviews/", {"rating": 2, "text": "On second thought"})

    assert Review.objects.count() == 1
    rating = CourseRating.objects.get(course=course)
    assert (rating.count, rating.total, rating.stars_2, rating.stars_5) == (1, 2, 1, 0)


def test_the_course_page_shows_the_average_bars_and_json_ld(client, course):
    for stars in (5, 4, 4):
        reviews.write_review(learned(course), course, rating=stars)

    html = client.get(course.url).content.decode()

    assert "4.3" in html and "3 reviews" in html
    assert html.count('class="rating-bars__fill"') == 5
    data = course_json_ld(html)
    assert data["aggregateRating"] == {
        "@type": "AggregateRating",
        "ratingValue": "4.3",
        "reviewCount": 3,
        "bestRating": 5,
        "worstRating": 1,
    }


def test_without_reviews_there_is_no_rating_anywhere(client, course):
    html = client.get(course.url).content.decode()

    assert "aggregateRating" not in course_json_ld(html)
    assert "What learners say" not in html


@pytest.mark.parametrize("status", ["refunded", "cancelled"])
def test_a_learner_whose_enrolment_ended_cannot_review(client, course, status):
    user = learned(course)
    Enrollment.objects.update(status=status)
    client.force_login(user)

    response = client.post(f"{course.url}reviews/", {"rating": 1, "text": "x"})

    assert response.status_code == 403
    assert not Review.objects.exists()


def test_strangers_and_the_instructor_cannot_review(client, course):
    with pytest.raises(CommunityError):
        reviews.write_review(learner(), course, rating=5)
    with pytest.raises(CommunityError):
        reviews.write_review(course.instructor, course, rating=5)


def test_stars_outside_one_to_five_are_refused(client, course):
    client.force_login(learned(course))

    for bad in ("0", "6", "x", ""):
        response = client.post(f"{course.url}reviews/", {"rating": bad})
        assert response.status_code == 400
    assert not Review.objects.exists()


def test_the_instructor_replies_and_a_learner_cannot(client, course):
    author = learned(course)
    review = reviews.write_review(author, course, rating=3, text="Too fast")
    client.force_login(author)
    url = f"{course.url}reviews/{review.pk}/reply/"
    assert client.post(url, {"text": "Mine"}).status_code == 403

    client.force_login(course.instructor)
    client.post(url, {"text": "Thanks, we added **exercises**."})

    html = client.get(f"{course.url}reviews/").content.decode()
    assert "<strong>exercises</strong>" in html and "The instructor replied" in html


def test_a_hidden_review_leaves_the_rating(client, course):
    low = reviews.write_review(learned(course), course, rating=1, text="spam")
    reviews.write_review(learned(course), course, rating=5)
    client.force_login(course.instructor)

    client.post(f"{course.url}reviews/{low.pk}/hide/")

    rating = CourseRating.objects.get(course=course)
    assert (rating.count, str(rating.average)) == (1, "5.0")
    client.logout()
    assert "spam" not in client.get(f"{course.url}reviews/").content.decode()
    client.force_login(course.instructor)
    client.post(f"{course.url}reviews/{low.pk}/restore/")
    assert CourseRating.objects.get(course=course).count == 2


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(2)">',
        "[x](javascript:alert(3))",
    ],
)
def test_hostile_reviews_and_replies_are_inert(client, course, payload):
    review = reviews.write_review(learned(course), course, rating=4, text=payload)
    reviews.reply_to_review(course.instructor, review, text=payload)

    for url in (course.url, f"{course.url}reviews/"):
        assert active_content(client.get(url).content.decode()) == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_parallel_reviews_from_one_learner_make_one_row(catalogue):
    course = course_with_lessons(catalogue)
    user = learned(course)

    written = in_parallel(
        2, lambda i: reviews.write_review(user, course, rating=(3, 5)[i])
    )

    assert all(isinstance(review, Review) for review in written), written
    assert Review.objects.count() == 1
    rating = CourseRating.objects.get(course=course)
    assert rating.count == 1 and rating.total == Review.objects.get().rating


def test_the_catalogue_shows_ratings_and_sorts_by_them(client, catalogue):
    lower = course_with_lessons(catalogue, slug="lowerrated")
    higher = course_with_lessons(catalogue, slug="higherrated")
    course_with_lessons(catalogue, slug="unrated")
    reviews.write_review(learned(lower), lower, rating=2)
    reviews.write_review(learned(higher), higher, rating=5)

    html = client.get(f"{catalogue.url}?sort=rating").content.decode()

    assert html.index("Higherrated") < html.index("Lowerrated") < html.index("Unrated")
    assert "5.0" in html and "Best rated" in html


def test_a_reported_review_reaches_the_queue_and_hiding_it_drops_it_from_the_rating(
    client, course
):
    from django.contrib.auth.models import Group

    from community.models import Report

    Group.objects.get(name="Instructors").user_set.add(course.instructor)
    troll = learned(course, username="troll")
    reviews.write_review(troll, course, rating=1, text="Visit my shop instead!")
    reporter = learned(course, username="reporter")
    client.force_login(reporter)
    page = client.get(f"{course.url}reviews/").content.decode()
    assert f"reviews/{Review.objects.get().pk}/report/" in page

    client.post(
        f"{course.url}reviews/{Review.objects.get().pk}/report/",
        {"reason": "spam", "note": "An advert"},
    )
    client.post(
        f"{course.url}reviews/{Review.objects.get().pk}/report/", {"reason": "spam"}
    )

    report = Report.objects.get()
    client.force_login(course.instructor)
    queue = client.get("/admin/community/reports/").content.decode()
    assert "Visit my shop instead!" in queue and "A 1-star review" in queue
    client.post(f"/admin/community/reports/{report.pk}/hide/")
    report.refresh_from_db()
    assert report.outcome == "hidden"
    assert Review.objects.get().is_hidden
    assert CourseRating.objects.get(course=course).count == 0


def test_people_appear_by_their_public_name_never_their_user_name(client, course):
    from learners.models import Profile

    ana = learned(course, username="ana_private", first_name="Ana", last_name="Lopes")
    reviews.write_review(ana, course, rating=5, text="Lovely.")
    chosen = learned(course, username="kim_private")
    Profile.objects.update_or_create(user=chosen, defaults={"display_name": "Kim"})
    reviews.write_review(chosen, course, rating=4)

    page = client.get(f"{course.url}reviews/").content.decode()

    assert "Ana L." in page and "Kim" in page
    assert "ana_private" not in page and "kim_private" not in page
