"""The heartbeat's two writes, as SQL written once.

A heartbeat is the site's most frequent write: every learner with a lesson
open sends one every 30 seconds. Building each of its two UPDATEs cost the
ORM more than the database took to run them, so they are written out here;
table and column names still come from the models, and every value is a
parameter.
"""

from functools import cache

from django.db import connection

from ..models import LearningDay, LessonProgress


def _names(model, *fields):
    quote = connection.ops.quote_name
    return quote(model._meta.db_table), *(
        quote(model._meta.get_field(name).column) for name in fields
    )


@cache
def _credit_sql(first_beat):
    table, pk, spent, beat, visit = _names(
        LessonProgress,
        "id",
        "time_spent_seconds",
        "last_heartbeat_at",
        "last_accessed_at",
    )
    guard = f"{beat} IS NULL" if first_beat else f"{beat} = %s"
    # Names from the model, values as parameters.
    return (
        f"UPDATE {table} SET {spent} = {spent} + %s, {beat} = %s, {visit} = %s "  # noqa: S608
        f"WHERE {pk} = %s AND {guard}"
    )


@cache
def _day_sql():
    table, total, enrollment, date = _names(
        LearningDay, "seconds", "enrollment", "date"
    )
    return (
        f"UPDATE {table} SET {total} = {total} + %s "  # noqa: S608
        f"WHERE {enrollment} = %s AND {date} = %s"
    )


def credit_lesson_time(progress_id, previous_beat, seconds, now):
    """Add `seconds` to a lesson's time and make `now` its last beat and
    visit, if its last beat is still `previous_beat`: of two beats racing
    for the same seconds only one is credited. True when this one was."""
    adapt = connection.ops.adapt_datetimefield_value
    params = [seconds, adapt(now), adapt(now), progress_id]
    if previous_beat is not None:
        params.append(adapt(previous_beat))
    with connection.cursor() as cursor:
        cursor.execute(_credit_sql(previous_beat is None), params)
        return cursor.rowcount == 1


def add_day_seconds(enrollment_id, day, seconds):
    """Add to an existing learning day; False when the day has no row yet."""
    with connection.cursor() as cursor:
        cursor.execute(
            _day_sql(),
            [seconds, enrollment_id, connection.ops.adapt_datefield_value(day)],
        )
        return cursor.rowcount == 1
