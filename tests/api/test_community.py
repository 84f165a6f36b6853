"""The community through the API: the same services, access rule and
refusals as the pages."""

import pytest

from community import services
from community.models import Question, Vote
from learners.models import Enrollment, Notification, Profile
from tests.community.factories import asked, course_with_lessons, member
from tests.learners.factories import learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue):
    return course_with_lessons(catalogue)


@pytest.fixture
def ada(client, course):
    user = member(course, username="ada")
    client.force_login(user)
    return user


def post(client, url, body=None, method="post"):
    return getattr(client, method)(url, body or {}, content_type="application/json")


def test_a_learner_asks_lists_and_reads_a_thread(client, course, ada):
    lesson = course.syllabus.lessons[0]

    made = post(
        client,
        f"/api/v1/courses/{course.pk}/questions/",
        {"title": "Which string?", "body": "Low **E**?", "lesson_id": lesson.pk},
    )

    assert made.status_code == 201
    question_id = made.json()["id"]
    assert made.json()["body_html"] == "<p>Low <strong>E</strong>?</p>"
    listed = client.get(f"/api/v1/courses/{course.pk}/questions/?lesson={lesson.pk}")
    assert [item["id"] for item in listed.json()["items"]] == [question_id]
    assert client.get(f"/api/v1/questions/{question_id}/").json()["answers"] == []


def test_answer_vote_and_accept(client, course, ada):
    helper = member(course, username="helper")
    question = asked(ada, course)
    answer = services.answer_question(helper, question, body="Low E.")

    voted = [post(client, f"/api/v1/answers/{answer.pk}/vote/").json() for _ in "12"]
    accepted = post(client, f"/api/v1/answers/{answer.pk}/accept/")

    assert voted == [{"counted": True, "votes": 1}, {"counted": False, "votes": 1}]
    assert accepted.json()["accepted_answer_id"] == answer.pk
    thread = client.get(f"/api/v1/questions/{question.pk}/").json()
    assert (
        thread["answers"][0] | {"voted": True, "accepted": True} == thread["answers"][0]
    )
    client.force_login(helper)
    own = post(client, f"/api/v1/answers/{answer.pk}/vote/")
    assert own.status_code == 403


@pytest.mark.parametrize("status", ["refunded", "cancelled"])
def test_a_learner_without_an_active_enrolment_is_refused(client, course, ada, status):
    question = asked(member(course, username="other"), course)
    Enrollment.objects.filter(user=ada).update(status=status)

    answers = [
        client.get(f"/api/v1/courses/{course.pk}/questions/"),
        client.get(f"/api/v1/questions/{question.pk}/"),
        post(client, f"/api/v1/questions/{question.pk}/answers/", {"body": "Hi"}),
        post(
            client,
            f"/api/v1/courses/{course.pk}/questions/",
            {"title": "a", "body": "b"},
        ),
        client.get(f"/api/v1/courses/{course.pk}/announcements/"),
    ]

    assert [response.status_code for response in answers] == [403] * 5
    assert answers[0].json()["code"] == "enrollment_inactive"
    assert Question.objects.count() == 1


def test_a_stranger_and_a_visitor_are_refused(client, course):
    question = asked(member(course, username="other"), course)
    client.force_login(learner(username="stranger"))
    assert client.get(f"/api/v1/questions/{question.pk}/").status_code == 403
    client.logout()
    assert client.get(f"/api/v1/questions/{question.pk}/").status_code == 401


def test_a_hidden_question_is_not_found_by_learners(client, course, ada):
    question = asked(member(course, username="other"), course)
    services.hide_post(course.instructor, question)

    assert client.get(f"/api/v1/questions/{question.pk}/").status_code == 404
    assert client.get(f"/api/v1/courses/{course.pk}/questions/").json()["count"] == 0


def test_twenty_votes_at_once_by_api_count_once(client, course, ada):
    question = asked(member(course, username="other"), course)

    for _ in range(20):
        post(client, f"/api/v1/questions/{question.pk}/vote/")

    assert Vote.objects.count() == 1


def test_reviews_are_public_and_the_learner_writes_theirs(client, course, ada):
    from learners import services as learning

    for lesson in course.syllabus.lessons:
        learning.complete_lesson(ada, lesson, manual=True)

    written = post(
        client,
        f"/api/v1/courses/{course.pk}/reviews/mine/",
        {"rating": 4, "text": "Good."},
        method="put",
    )
    again = post(
        client,
        f"/api/v1/courses/{course.pk}/reviews/mine/",
        {"rating": 5, "text": "Great."},
        method="put",
    )
    client.logout()
    public = client.get(f"/api/v1/courses/{course.pk}/reviews/").json()

    assert (written.status_code, again.json()["id"]) == (200, written.json()["id"])
    assert public["rating"]["count"] == 1 and public["rating"]["average"] == "5.0"
    assert public["items"][0]["text"] == "Great."


def test_a_review_needs_stars_between_one_and_five(client, course, ada):
    response = post(
        client,
        f"/api/v1/courses/{course.pk}/reviews/mine/",
        {"rating": 9},
        method="put",
    )

    assert response.status_code == 422


def test_notifications_list_read_one_and_all(client, course, ada):
    question = asked(ada, course)
    Notification.objects.all().delete()
    services.answer_question(course.instructor, question, body="One.")
    services.answer_question(course.instructor, question, body="Two.")

    listed = client.get("/api/v1/notifications/").json()
    first = listed["items"][0]
    read = post(client, f"/api/v1/notifications/{first['id']}/read/").json()

    assert (listed["unread"], listed["count"]) == (2, 2)  # one per answer
    assert read["read"] is True
    assert client.get("/api/v1/notifications/unread/").json() == {"unread": 1}
    assert post(client, "/api/v1/notifications/read/").json() == {"unread": 0}
    other = learner(username="other")
    client.force_login(other)
    assert post(client, f"/api/v1/notifications/{first['id']}/read/").status_code == 404


def test_achievements_and_the_leaderboard(
    client, course, ada, django_capture_on_commit_callbacks
):
    from learners import services as learning

    Profile.objects.update_or_create(
        user=ada, defaults={"show_on_leaderboard": True, "display_name": "Ada L."}
    )
    with django_capture_on_commit_callbacks(execute=True):
        learning.complete_lesson(ada, course.syllabus.lessons[0], manual=True)
    services.achievements.award_points(
        ada.pk, "lesson_completed", 999, course.pk, "2026-01-01T10:00:00+00:00"
    )

    mine = client.get("/api/v1/me/achievements/").json()
    board = client.get(f"/api/v1/leaderboard/?course={course.pk}").json()

    assert (mine["points"], mine["points_last_30_days"]) == (20, 10)
    assert (mine["streak_days"], mine["learned_today"]) == (1, True)
    assert board["items"] == [
        {"rank": 1, "name": "Ada L.", "points": 10, "is_me": True}
    ]


def test_a_lesson_of_another_course_is_refused(client, catalogue, course, ada):
    other = course_with_lessons(catalogue, "piano")
    elsewhere = other.syllabus.lessons[0].pk

    listed = client.get(f"/api/v1/courses/{course.pk}/questions/?lesson={elsewhere}")
    asked_ = post(
        client,
        f"/api/v1/courses/{course.pk}/questions/",
        {"title": "t", "body": "b", "lesson_id": elsewhere},
    )

    assert (listed.status_code, asked_.status_code) == (404, 422)
    assert not Question.objects.exists()
