"""A compiled query answers exactly as its queryset does, for any values,
with its SQL built once."""

import pytest
from django.db import connection
from django.db.models import Count, Sum
from django.test.utils import CaptureQueriesContext

from home.compiled_query import CompiledQuery
from learners import services
from learners.models import Enrollment, LessonProgress
from tests.courses.factories import build_course
from tests.learners.factories import enrolled, learner

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_learners(catalogue):
    course = build_course(catalogue, sections=1, lessons_per_section=3, slug="c")
    first, second = learner(), learner()
    for person in (first, second):
        enrolled(person, course)
    services.complete_lesson(first, course.syllabus.lessons[0])
    services.start_lesson(second, course.syllabus.lessons[1])
    return course, first, second


def progress_query(user, course):
    return LessonProgress.objects.filter(
        enrollment__user_id=user, enrollment__course_id=course
    ).order_by("pk")


def test_rows_match_the_queryset_for_each_set_of_values(two_learners):
    course, first, second = two_learners
    fields = ("lesson_id", "status", "completed_at", "started_at")
    query = CompiledQuery(
        lambda user, course: progress_query(user, course).values_list(*fields)
    )

    for person in (first, second):
        expected = list(progress_query(person.pk, course.pk).values_list(*fields))
        assert query.rows(user=person.pk, course=course.pk) == expected
    # Datetimes come back converted, as the ORM gives them.
    assert query.rows(user=first.pk, course=course.pk)[0][2].tzinfo is not None


def test_model_queries_give_instances_equal_to_the_orms(two_learners):
    course, first, _second = two_learners
    query = CompiledQuery(progress_query)

    (record,) = query.objects(user=first.pk, course=course.pk)

    expected = progress_query(first.pk, course.pk).get()
    assert record == expected
    assert record.completed_at == expected.completed_at
    assert record.status == LessonProgress.Status.COMPLETED
    assert record._state.adding is False


def test_the_sql_is_built_once_and_each_call_is_one_query(two_learners):
    course, first, second = two_learners
    built = []

    def build(user, course):
        built.append(user)
        return Enrollment.objects.filter(user_id=user, course_id=course).values_list(
            "pk"
        )

    query = CompiledQuery(build)
    with CaptureQueriesContext(connection) as queries:
        answers = [query.rows(user=p.pk, course=course.pk) for p in (first, second)]

    assert len(built) == 1
    assert len(queries) == 2
    assert answers == [
        [(Enrollment.objects.get(user=p, course=course).pk,)] for p in (first, second)
    ]


def test_aggregates_come_back_as_the_orm_adds_them_up(two_learners):
    course, first, _second = two_learners
    query = CompiledQuery(
        lambda user: (
            LessonProgress.objects.filter(enrollment__user_id=user)
            .values("enrollment__user_id")
            .annotate(lessons=Count("pk"), spent=Sum("time_spent_seconds"))
            .values_list("enrollment__user_id", "lessons", "spent")
        )
    )

    assert query.rows(user=first.pk) == [(first.pk, 1, 0)]


def test_select_related_is_refused_for_a_model_query(two_learners):
    course, first, _second = two_learners
    query = CompiledQuery(
        lambda user: Enrollment.objects.filter(user_id=user).select_related("course")
    )

    with pytest.raises(ValueError, match="own fields"):
        query.objects(user=first.pk)


def test_a_value_that_never_reaches_the_sql_is_refused(two_learners):
    course, first, _second = two_learners
    query = CompiledQuery(
        lambda user, course: Enrollment.objects.filter(user_id=user).values_list("pk")
    )

    with pytest.raises(ValueError, match="course"):
        query.rows(user=first.pk, course=course.pk)
