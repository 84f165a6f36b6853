"""`python -m bench --scale`: the site on the database `bench.generate` made
(100,000 learners, 2,000,000 enrolments, 10,000,000 progress rows), against
the product notes' targets halved, and 100 learners at once."""

import os

from . import site
from .load import Request, run, run_each_once

CONCURRENT_LEARNERS = 100
# Quiz submissions sent first and not counted, as every other page gets a
# second of warming up: a worker's first grading reads the quiz and opens
# its broker connection.
QUIZ_WARM_UP = 10
# p95 of the time the server takes, one request at a time (no queueing).
TARGETS_MS = {
    "catalogue, learner": 25,
    "course page (1,000 lessons), learner": 40,
    "progress heartbeat POST": 10,
    "quiz submission (graded on the server)": 50,
}
QUIZ = "bench-quiz"


def configure():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("--scale needs DATABASE_URL to point at PostgreSQL")
    os.environ["DATABASE_URL"] = f"{url}_scale"
    site.configure_environment()
    import django
    from django.db import OperationalError, connection

    django.setup()
    try:
        connection.ensure_connection()
    except OperationalError as error:
        raise SystemExit(
            f"cannot open the scale database ({error}): run `python -m bench.generate`"
        ) from error


def learners(count):
    """`count` generated learners, each logged in, with a lesson of a course
    they are enrolled in (bench.generate's pattern) and its heartbeat."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    from courses.models import CoursePage

    courses = list(CoursePage.objects.order_by("pk"))
    people = get_user_model().objects.filter(username__startswith="learner-")
    first = people.order_by("pk").values_list("pk", flat=True).first()
    if first is None:
        raise SystemExit("no generated learners: run `python -m bench.generate`")
    found = []
    for n in range(count):
        user = people.get(pk=first + n)
        client = Client()
        client.force_login(user)
        course = courses[(n * 7) % len(courses)]  # the learner's first course
        lesson = course.syllabus.lessons[3]
        cookie = f"sessionid={client.cookies['sessionid'].value}; "
        cookie += f"csrftoken={site.CSRF_SECRET}"
        found.append((cookie, course, lesson, user.pk))
    return courses, found


def quiz_submissions(big, people):
    """A quiz lesson in the long course (made once), an open attempt for
    each learner, and each learner's submission of it."""
    from django.contrib.auth import get_user_model

    from learners.models import Enrollment, QuizAttempt
    from learners.services import enroll, quizzes
    from lessons.models import LessonPage
    from tests.learners.assessment_data import quiz_block
    from tests.lessons.factories import LessonPageFactory

    lesson = LessonPage.objects.filter(slug=QUIZ).first()
    if lesson is None:
        section = big.syllabus.sections[0].page
        lesson = LessonPageFactory(
            parent=section, slug=QUIZ, title="Quick check", body=[quiz_block(QUIZ)]
        )
    # Each run grades fresh attempts: the block allows two per learner.
    QuizAttempt.objects.filter(
        lesson=lesson, enrollment__user_id__in=[user_id for _c, user_id in people]
    ).delete()
    submissions = []
    for cookie, user_id in people:
        user = get_user_model().objects.get(pk=user_id)
        enroll(user, big, Enrollment.Source.FREE)  # once; again changes nothing
        attempt = quizzes.start_attempt(user, lesson, QUIZ)
        body = f"attempt={attempt.pk}&q-q-france=o-paris&q-q-kenya=Nairobi"
        submissions.append(
            Request(
                "POST",
                f"{lesson.url}quiz/{QUIZ}/submit/",
                {
                    "Cookie": cookie,
                    "Content-Type": "application/x-www-form-urlencoded",
                    "X-CSRFToken": site.CSRF_SECRET,
                },
                body.encode(),
                expect=(302,),
            )
        )
    return submissions


def main():
    configure()
    from django.conf import settings

    courses, everyone = learners(CONCURRENT_LEARNERS + QUIZ_WARM_UP)
    people = everyone[:CONCURRENT_LEARNERS]
    big = courses[0]
    cookie = people[0][0]
    big_lesson = big.syllabus.lessons[3]

    def heartbeat(cookie, lesson):
        return Request(
            "POST",
            f"/lessons/{lesson.pk}/progress/",
            {
                "Cookie": cookie,
                "Content-Type": "application/json",
                "Accept": "application/json",
                "X-CSRFToken": site.CSRF_SECRET,
            },
            b'{"seconds": 30}',
        )

    catalogue = big.get_parent().url
    one_at_a_time = {
        "catalogue, anonymous": Request("GET", catalogue),
        "catalogue, learner": Request("GET", catalogue, {"Cookie": cookie}),
        "course page (1,000 lessons), learner": Request(
            "GET", big.url, {"Cookie": cookie}
        ),
        "lesson (1,000-lesson course), learner": Request(
            "GET", big_lesson.url, {"Cookie": cookie}
        ),
        "dashboard, learner": Request("GET", "/dashboard/", {"Cookie": cookie}),
        "progress heartbeat POST": heartbeat(cookie, big_lesson),
    }
    submissions = quiz_submissions(big, [(p[0], p[3]) for p in everyone])
    from .__main__ import start_server

    server = start_server()
    try:
        results = {}
        for label, request in one_at_a_time.items():
            run(site.HOST, site.PORT, server.pid, request, seconds=1, concurrency=1)
            results[label] = run(
                site.HOST, site.PORT, server.pid, request, seconds=5, concurrency=1
            )
        # Each learner submits once: every request is a new grading.
        warm_up, measured = submissions[:QUIZ_WARM_UP], submissions[QUIZ_WARM_UP:]
        run_each_once(site.HOST, site.PORT, server.pid, warm_up)
        results["quiz submission (graded on the server)"] = run_each_once(
            site.HOST, site.PORT, server.pid, measured
        )
        crowd = [
            request
            for cookie, _course, lesson, _user in people
            for request in (
                Request("GET", lesson.url, {"Cookie": cookie}),
                heartbeat(cookie, lesson),
            )
        ]
        results["100 learners at once: lesson GETs and heartbeats"] = run(
            site.HOST,
            site.PORT,
            server.pid,
            crowd,
            seconds=15,
            concurrency=CONCURRENT_LEARNERS * 2,
        )
    finally:
        server.terminate()
        server.wait()
    print(f"database {settings.DATABASES['default']['NAME']}: ")
    print(f"{len(courses)} courses; one request at a time, then 100 learners\n")
    header = f"{'page':<52}{'CPU ms':>8}{'stores':>8}{'p50 ms':>8}{'p95 ms':>8}"
    print(header + f"{'errors':>8}")
    for label, result in results.items():
        print(
            f"{label:<52}{result.cpu_ms:>8.2f}{result.store_cpu_ms:>8.2f}"
            f"{result.p50_ms:>8.1f}{result.p95_ms:>8.1f}{result.errors:>8}"
        )
    print()
    for label, target in TARGETS_MS.items():
        measured = results[label].p95_ms
        verdict = "met" if measured <= target else "MISSED"
        print(f"{label}: p95 {measured:.1f} ms, target {target} ms  {verdict}")
    errors = sum(result.errors for result in results.values())
    print(f"errors, all runs: {errors}  {'met' if errors == 0 else 'MISSED'}")
