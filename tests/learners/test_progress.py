"""Progress: written only by the services, never backwards, never inflated."""

import json
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from learners import services
from learners.models import (
    Enrollment,
    LearningDay,
    LearningEvent,
    LessonProgress,
    VideoWatch,
)
from learners.signals import course_completed
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db

VIDEO = {
    "type": "video",
    "id": "v1",
    "value": {"url": "https://youtu.be/kqtD5dpn9C8", "required_watch_percentage": 80},
}
QUIZ = {
    "type": "quiz",
    "id": "q1",
    "value": {
        "title": "Check",
        "pass_mark": 50,
        "questions": [
            {
                "type": "true_false",
                "id": "t1",
                "value": {"prompt": "Yes?", "correct_answer": "true"},
            }
        ],
    },
}


@pytest.fixture
def course(catalogue):
    return guitar_course(catalogue)


def guitar_course(catalogue):
    """/courses/guitar/chords/: a reading, a video and a quiz lesson."""
    course = CoursePageFactory(parent=catalogue, slug="guitar", title="Guitar")
    section = SectionPageFactory(parent=course, slug="chords")
    LessonPageFactory(parent=section, slug="reading", title="Reading tabs")
    LessonPageFactory(parent=section, slug="video", title="Strumming", body=[VIDEO])
    LessonPageFactory(parent=section, slug="quiz", title="Chord quiz", body=[QUIZ])
    return course


@pytest.fixture
def member(client, course):
    user = learner(username="strummer")
    enrolled(user, course)
    client.force_login(user)
    return user


def lesson(course, slug):
    return next(item for item in course.syllabus.lessons if item.slug == slug)


def progress_of(user, course, slug):
    return LessonProgress.objects.get(
        enrollment__user=user, lesson=lesson(course, slug)
    )


def post_json(client, url, payload):
    return client.post(url, json.dumps(payload), content_type="application/json")


def test_opening_a_lesson_records_that_it_started(client, course, member):
    client.get("/courses/guitar/chords/reading/")

    progress = progress_of(member, course, "reading")
    assert progress.status == "in_progress"
    assert progress.started_at and progress.last_accessed_at


def test_mark_complete_completes_a_reading_lesson_and_moves_on(client, course, member):
    response = client.post("/courses/guitar/chords/reading/complete/")

    assert response.status_code == 302
    assert response.url == "/courses/guitar/chords/video/"
    assert progress_of(member, course, "reading").is_completed


@pytest.mark.parametrize("slug", ["video", "quiz"])
def test_mark_complete_is_refused_where_the_content_decides(
    client, course, member, slug
):
    response = client.post(f"/courses/guitar/chords/{slug}/complete/")

    assert response.status_code == 409
    assert "completes by itself when everything it asks is done" in (
        response.content.decode()
    )
    assert not LessonProgress.objects.filter(status="completed").exists()


def watch(client, segments, duration=100, position=None):
    return post_json(
        client,
        "/courses/guitar/chords/video/progress/",
        {
            "block_id": "v1",
            "segments": segments,
            "duration": duration,
            "position": segments[-1][1] if position is None else position,
        },
    )


def later(seconds):
    """Let real time pass since the last video report."""
    VideoWatch.objects.update(reported_at=timezone.now() - timedelta(seconds=seconds))


def test_skipping_to_the_end_counts_for_nothing(client, course, member):
    watch(client, [[0, 10]])
    later(20)

    result = watch(client, [[95, 100]], position=100).json()

    record = VideoWatch.objects.get()
    assert record.segments == [[0, 10], [95, 100]]
    assert result["watched_percent"] == 15
    assert result["lesson_completed"] is False


def test_watched_segments_merge_and_the_video_completes_at_its_target(
    client, course, member
):
    watch(client, [[0, 40]])
    later(60)
    assert watch(client, [[30, 79]]).json()["lesson_completed"] is False
    later(60)

    result = watch(client, [[79, 80.5]]).json()

    assert VideoWatch.objects.get().segments == [[0, 80.5]]
    assert result["lesson_completed"] is True
    assert (
        LearningEvent.objects.filter(kind="video_progress", verified=False).count() == 3
    )


def test_a_forged_all_watched_report_is_credited_only_real_time(client, course, member):
    result = watch(client, [[0, 100]]).json()
    again = watch(client, [[0, 100]]).json()

    assert result["watched_percent"] == 0  # 100 s claimed, at most 60 s passed
    assert again["lesson_completed"] is False


def test_reports_sent_as_fast_as_possible_earn_no_more_than_real_time(
    client, course, member
):
    watch(client, [[0, 10]])

    for start in range(10, 100, 5):
        watch(client, [[start, start + 5]])

    # Real time allows a grace (at double speed) beyond the first report.
    assert VideoWatch.objects.get().watched_seconds <= 10 + 2 * 5 + 1


def test_watching_at_double_speed_is_credited(client, course, member):
    watch(client, [[0, 30]])
    later(30)

    result = watch(client, [[30, 90]]).json()

    assert VideoWatch.objects.get().segments == [[0, 90]]
    assert result["watched_percent"] == 90


def test_the_duration_first_reported_cannot_be_shrunk(client, course, member):
    watch(client, [[0, 30]], duration=600)
    later(60)

    watch(client, [[0, 10]], duration=10)

    assert VideoWatch.objects.get().duration_seconds == 600


def test_a_returning_learner_resumes_where_they_stopped(client, course, member):
    watch(client, [[0, 42]], position=42)

    html = client.get("/courses/guitar/chords/video/").content.decode()

    assert 'data-start="42"' in html


def test_a_heartbeat_cannot_add_more_than_its_cap(client, course, member):
    url = "/courses/guitar/chords/reading/progress/"

    post_json(client, url, {"seconds": 100000})
    post_json(client, url, {"seconds": 60})
    post_json(client, url, {"seconds": 60})

    # The first beat is capped; the next two come at once: together they get
    # one grace, not one each.
    spent = progress_of(member, course, "reading").time_spent_seconds
    assert spent <= services.HEARTBEAT_MAX_SECONDS + services.HEARTBEAT_GRACE_SECONDS


def test_beats_sent_as_fast_as_possible_earn_no_more_than_real_time(
    client, course, member
):
    url = "/courses/guitar/chords/reading/progress/"
    post_json(client, url, {"seconds": 30})

    for _ in range(40):
        post_json(client, url, {"seconds": 30})

    spent = progress_of(member, course, "reading").time_spent_seconds
    assert spent <= 30 + services.HEARTBEAT_GRACE_SECONDS + 1


def test_a_beat_that_comes_a_little_early_is_credited_in_full(course, member):
    reading = lesson(course, "reading")
    services.record_progress(member, reading, seconds=30)
    LessonProgress.objects.update(
        last_heartbeat_at=timezone.now() - timedelta(seconds=27)
    )

    progress = services.record_progress(member, reading, seconds=30)

    assert progress.time_spent_seconds == 60


def test_heartbeats_add_up_when_time_really_passes(course, member):
    reading = lesson(course, "reading")
    services.record_progress(member, reading, seconds=30)
    LessonProgress.objects.update(
        last_heartbeat_at=timezone.now() - timedelta(seconds=30)
    )

    progress = services.record_progress(member, reading, seconds=30)

    assert progress.time_spent_seconds == 60


def test_learning_time_is_kept_per_day_and_is_what_the_dashboard_shows(
    client, course, member
):
    reading, video = lesson(course, "reading"), lesson(course, "video")
    services.record_progress(member, reading, seconds=60)
    services.record_progress(member, video, seconds=45)
    LessonProgress.objects.update(
        last_heartbeat_at=timezone.now() - timedelta(seconds=60)
    )
    services.record_progress(member, reading, seconds=60)

    day = LearningDay.objects.get()
    page = client.get("/dashboard/").content.decode()

    assert day.date == timezone.now().date() and day.seconds == 165
    total = sum(p.time_spent_seconds for p in LessonProgress.objects.all())
    assert day.seconds == total
    assert "2 min" in page and "spent learning" in page


@pytest.mark.parametrize(
    ("payload", "status", "message"),
    [
        (
            {"user_id": 999999, "seconds": 10},
            400,
            "only record your own progress",
        ),
        ({"lesson": 999999, "seconds": 10}, 400, "for a different lesson"),
        ({"block_id": "v1", "segments": "lots", "duration": 9}, 400, "[start, end]"),
        ({"seconds": True}, 400, "must be a number"),
        (
            {"block_id": "v1", "segments": [[0, "NaN"]], "duration": 9},
            400,
            "must be a number",
        ),
        ({"block_id": "nope", "segments": [], "duration": 9}, 404, "no such video"),
        ({"block_id": "v1", "segments": [[0, 1]], "duration": 1e9}, 400, "range"),
    ],
)
def test_forged_or_broken_reports_are_refused_and_change_nothing(
    client, course, member, payload, status, message
):
    response = post_json(client, "/courses/guitar/chords/video/progress/", payload)

    assert response.status_code == status
    assert message in response.json()["error"]
    assert not LessonProgress.objects.filter(video_watched_percent__gt=0).exists()
    assert not VideoWatch.objects.exists()


def test_a_report_that_is_not_json_gets_a_clear_error(client, course, member):
    response = client.post(
        "/courses/guitar/chords/video/progress/",
        "{oops",
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json() == {"error": "The request is not valid JSON."}


def test_a_form_post_works_like_json(client, course, member):
    response = client.post(
        "/courses/guitar/chords/reading/progress/", {"seconds": "30"}
    )

    assert response.status_code == 200
    assert progress_of(member, course, "reading").time_spent_seconds == 30


def test_progress_of_a_lesson_of_another_course_is_refused(
    client, catalogue, course, member
):
    other = CoursePageFactory(parent=catalogue, slug="piano")
    LessonPageFactory(
        parent=SectionPageFactory(parent=other, slug="keys"), slug="scales"
    )

    response = post_json(
        client, "/courses/piano/keys/scales/progress/", {"seconds": 30}
    )

    assert response.status_code == 403
    assert "Enrol in this course" in response.json()["error"]
    assert not LessonProgress.objects.filter(lesson__slug="scales").exists()


def test_unknown_lessons_and_wrong_methods_get_4xx(client, course, member):
    assert client.post("/courses/guitar/chords/nope/progress/").status_code == 404
    assert client.get("/courses/guitar/chords/video/progress/").status_code == 405
    assert client.get("/courses/guitar/chords/reading/complete/").status_code == 405


def test_an_anonymous_report_gets_401(client, course):
    response = post_json(
        client, "/courses/guitar/chords/video/progress/", {"seconds": 30}
    )

    assert response.status_code == 401
    assert not LessonProgress.objects.exists()


def test_course_progress_is_one_query(course, member, django_assert_num_queries):
    services.complete_lesson(member, lesson(course, "reading"))
    enrollment = Enrollment.objects.get(user=member)

    with django_assert_num_queries(1):
        progress = services.course_progress(enrollment)

    assert (progress.completed, progress.total, progress.percent) == (1, 3, 33)


@pytest.fixture
def completions():
    received = []

    def receiver(sender, enrollment, **kwargs):
        received.append(enrollment.pk)

    course_completed.connect(receiver)
    yield received
    course_completed.disconnect(receiver)


@pytest.mark.django_db(transaction=True)
def test_finishing_the_last_lesson_completes_the_course_once(catalogue, completions):
    course = CoursePageFactory(parent=catalogue, slug="short")
    section = SectionPageFactory(parent=course)
    lessons = [LessonPageFactory(parent=section, slug=f"l{n}") for n in range(2)]
    user = learner()
    enrollment = enrolled(user, course)

    for item in lessons + lessons:
        services.complete_lesson(user, item)

    enrollment.refresh_from_db()
    assert enrollment.status == "completed" and enrollment.completed_at
    assert completions == [enrollment.pk]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_completing_the_last_lesson_twice_in_parallel_fires_once(
    catalogue, completions
):
    course = CoursePageFactory(parent=catalogue, slug="race")
    only = LessonPageFactory(parent=SectionPageFactory(parent=course), slug="only")
    user = learner()
    enrollment = enrolled(user, course)
    barrier = threading.Barrier(8)
    errors = []

    def complete():
        try:
            barrier.wait()
            services.complete_lesson(user, type(only).objects.get(pk=only.pk))
        except Exception as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=complete) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert completions == [enrollment.pk]
    assert LessonProgress.objects.filter(enrollment=enrollment).count() == 1
