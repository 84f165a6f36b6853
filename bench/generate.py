"""`python -m bench.generate`: a PostgreSQL database at the size the speed
targets are set for, in minutes.

100,000 learners, 1,000 courses (one of 1,000 lessons, the others of five),
2,000,000 enrolments and 10,000,000 lesson progress rows (`--scale` shrinks
or grows every count). Everything goes in with COPY, the page tree too,
laid out as Wagtail lays it out (bench/tree.py); the search index is left
empty. The database is `<DATABASE_URL's name>_scale`, made afresh;
`python -m bench --scale` then measures the site on it.
"""

import argparse
import os
import time
from datetime import timedelta

from . import site

LESSONS_PER_COURSE = 5
BIG_COURSE_SECTIONS, BIG_SECTION_LESSONS = 10, 100
ENROLMENTS_PER_LEARNER = 20
PROGRESS_PER_ENROLMENT = 5


def configure(database_name_suffix="_scale"):
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        raise SystemExit("bench.generate needs DATABASE_URL to point at PostgreSQL")
    os.environ["DATABASE_URL"] = site.fresh_postgres_database(url, database_name_suffix)
    site.configure_environment()


def copy_rows(model, columns, rows):
    """COPY `rows` (tuples in `columns` order) into `model`'s table."""
    from django.db import connection

    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    count = 0
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
    ):
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def reset_sequence(model):
    from django.db import connection

    table = model._meta.db_table
    with connection.cursor() as cursor:
        # Postgres's sequence for the id column follows the rows COPY wrote.
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), MAX(id)) FROM "
            + connection.ops.quote_name(table),
            [table],
        )


def build_tree(course_count):
    """The catalogue: `course_count` courses, the first of them long.
    Returns the course ids in order and {course id: lesson ids in order}."""
    from courses.models import CoursePage, SectionPage
    from lessons.models import LessonPage
    from tests.courses.factories import CourseCategoryFactory, UserFactory, build_site

    from .tree import TreeWriter

    catalogue = build_site().catalogue
    instructors = [UserFactory(username=f"instructor-{n}") for n in range(20)]
    categories = [CourseCategoryFactory() for _ in range(10)]
    writer = TreeWriter()
    lessons = {}
    for n in range(course_count):
        big = n == 0
        course = writer.add(
            catalogue,
            CoursePage(
                title="The long course" if big else f"Course {n}",
                slug="big" if big else f"course-{n}",
                summary="A course made for measuring.",
                instructor=instructors[n % len(instructors)],
                category=categories[n % len(categories)],
            ),
        )
        sections = BIG_COURSE_SECTIONS if big else 1
        per_section = BIG_SECTION_LESSONS if big else LESSONS_PER_COURSE
        ids = lessons[course.pk] = []
        for s in range(sections):
            section = writer.add(
                course, SectionPage(title=f"Section {s + 1}", slug=f"part-{s + 1}")
            )
            for m in range(per_section):
                lesson = writer.add(
                    section,
                    LessonPage(
                        title=f"Lesson {s + 1}.{m + 1}",
                        slug=f"lesson-{m + 1}",
                        estimated_minutes=10,
                    ),
                )
                ids.append(lesson.pk)
    writer.write()
    return list(lessons), lessons


def learners(count, first_id):
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    password = make_password("learn-2026")  # one hash, shared by all
    joined = timezone.now() - timedelta(days=90)
    for n in range(count):
        pk = first_id + n
        yield (
            pk,
            password,
            False,
            f"learner-{pk}",
            "",
            "",
            f"learner-{pk}@example.com",
            False,
            True,
            joined,
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    scale = parser.parse_args().scale
    configure()
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from learners.models import Enrollment, LessonProgress

    started = time.monotonic()

    def say(what):
        print(f"{time.monotonic() - started:7.1f} s  {what}", flush=True)

    call_command("migrate", verbosity=0, interactive=False)
    say("migrated")
    course_count = max(2, int(1000 * scale))
    course_ids, lessons = build_tree(course_count)
    say(f"{course_count} courses, {sum(map(len, lessons.values()))} lessons")

    User = get_user_model()
    learner_count = int(100_000 * scale)
    first_user = (User.objects.order_by("-pk").values_list("pk", flat=True).first()) + 1
    copy_rows(
        User,
        [
            "id",
            "password",
            "is_superuser",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
        ],
        learners(learner_count, first_user),
    )
    reset_sequence(User)
    from allauth.account.models import EmailAddress

    copy_rows(
        EmailAddress,
        ["user_id", "email", "verified", "primary"],
        (
            (first_user + n, f"learner-{first_user + n}@example.com", True, True)
            for n in range(learner_count)
        ),
    )
    say(f"{learner_count} learners, their e-mail addresses verified")

    now = timezone.now()
    per_learner = min(ENROLMENTS_PER_LEARNER, len(course_ids))

    def enrolments():
        pk = 0
        for n in range(learner_count):
            for k in range(per_learner):
                pk += 1
                # 53 shares no factor with 1,000: a learner's courses differ.
                course = course_ids[(n * 7 + k * 53) % len(course_ids)]
                yield (pk, first_user + n, course, "active", "free", now, now)

    enrolment_columns = [
        "id",
        "user_id",
        "course_id",
        "status",
        "source",
        "enrolled_at",
        "updated_at",
    ]
    enrolment_count = copy_rows(Enrollment, enrolment_columns, enrolments())
    reset_sequence(Enrollment)
    say(f"{enrolment_count} enrolments")

    def progress():
        pk = 0
        enrolment = 0
        for n in range(learner_count):
            for k in range(per_learner):
                enrolment += 1
                course = course_ids[(n * 7 + k * 53) % len(course_ids)]
                for position, lesson in enumerate(
                    lessons[course][:PROGRESS_PER_ENROLMENT]
                ):
                    pk += 1
                    done = position < 3
                    status = "completed" if done else "in_progress"
                    yield (
                        pk,
                        enrolment,
                        lesson,
                        status,
                        now,
                        now if done else None,
                        now,
                        300,
                        0,
                    )

    progress_columns = [
        "id",
        "enrollment_id",
        "lesson_id",
        "status",
        "started_at",
        "completed_at",
        "last_accessed_at",
        "time_spent_seconds",
        "video_watched_percent",
    ]
    progress_count = copy_rows(LessonProgress, progress_columns, progress())
    reset_sequence(LessonProgress)
    say(f"{progress_count} progress rows")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    say(f"analysed; database {connection.settings_dict['NAME']}")


if __name__ == "__main__":
    main()
