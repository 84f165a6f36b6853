"""The lesson page's heartbeat address, /lessons/<id>/progress/: the same
reports as <lesson>/progress/, found by the lesson's id."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from learners.models import LearningDay, LessonProgress
from tests.learners.factories import enrolled, learner
from tests.learners.test_progress import guitar_course, lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(catalogue):
    return guitar_course(catalogue)


@pytest.fixture
def member(client, course):
    user = learner(username="strummer")
    enrolled(user, course)
    client.force_login(user)
    return user


def beat(client, lesson_id, payload):
    return client.post(
        f"/lessons/{lesson_id}/progress/",
        json.dumps(payload),
        content_type="application/json",
    )


def test_the_lesson_page_beats_to_the_address_by_id(client, course, member):
    reading = lesson(course, "reading")

    html = client.get(reading.url).content.decode()

    assert f'data-progress-url="/lessons/{reading.pk}/progress/"' in html


def test_beats_by_id_credit_time_that_really_passed(client, course, member):
    reading = lesson(course, "reading")
    client.get(reading.url)
    beat(client, reading.pk, {"seconds": 30})
    LessonProgress.objects.update(
        last_heartbeat_at=timezone.now() - timedelta(seconds=30)
    )

    response = beat(client, reading.pk, {"seconds": 30})

    assert response.status_code == 200
    assert response.json()["time_spent_seconds"] == 60
    progress = LessonProgress.objects.get(lesson=reading)
    assert progress.time_spent_seconds == 60
    assert LearningDay.objects.get(enrollment__user=member).seconds == 60


def test_video_segments_by_id_count_what_was_watched(client, course, member):
    video = lesson(course, "video")

    response = beat(
        client,
        video.pk,
        {"block_id": "v1", "segments": [[0, 5]], "duration": 100, "position": 5},
    )

    assert response.status_code == 200
    assert response.json()["lesson_completed"] is False
    assert "course_percent" in response.json()


def test_a_beat_naming_another_learner_is_refused(client, course, member):
    other = learner(username="other")
    reading = lesson(course, "reading")

    response = beat(client, reading.pk, {"seconds": 30, "user_id": other.pk})

    assert response.status_code == 400
    assert not LessonProgress.objects.filter(time_spent_seconds__gt=0).exists()


def test_unknown_unpublished_and_non_lesson_ids_get_404(client, course, member):
    reading = lesson(course, "reading")
    video = lesson(course, "video")
    video.unpublish()

    assert beat(client, 999999, {"seconds": 30}).status_code == 404
    assert beat(client, course.pk, {"seconds": 30}).status_code == 404
    response = beat(client, video.pk, {"seconds": 30})
    assert response.status_code == 404
    assert response.json() == {"error": "There is no such lesson."}
    assert beat(client, reading.pk, {"seconds": 30}).status_code == 200


def test_only_post_is_allowed(client, course, member):
    reading = lesson(course, "reading")

    assert client.get(f"/lessons/{reading.pk}/progress/").status_code == 405


def test_an_anonymous_beat_gets_401(client, course):
    reading = lesson(course, "reading")

    response = beat(client, reading.pk, {"seconds": 30})

    assert response.status_code == 401
    assert not LessonProgress.objects.exists()


def test_a_learner_outside_the_course_is_refused(client, course):
    client.force_login(learner(username="stranger"))

    response = beat(client, lesson(course, "reading").pk, {"seconds": 30})

    assert response.status_code == 403
    assert not LessonProgress.objects.exists()


def test_a_lesson_behind_a_password_is_refused_by_id_as_by_its_page(
    client, course, member
):
    reading = lesson(course, "reading")
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )

    response = beat(client, reading.pk, {"seconds": 30})

    assert response.status_code == 403
    assert response.json() == {"error": "This lesson is restricted."}
    assert not LessonProgress.objects.exists()
