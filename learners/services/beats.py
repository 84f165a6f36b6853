"""The heartbeat's write, as SQL written once.

A heartbeat is the site's most frequent write: every learner with a lesson
open sends one every 30 seconds. It adds the same seconds to the lesson's
time and to the day's learning time, and the two must move together. On
PostgreSQL that is one statement (the day's upsert reads the row the lesson's
UPDATE returned, so it happens only when the beat was credited); elsewhere
it is the same two statements in one transaction. Building these with the
ORM cost more than the database took to run them, so they are written out
here; table and column names still come from the models, and every value is
a parameter.
"""

from functools import cache

from django.db import connection, transaction

from ..models import LearningDay, LessonProgress


def _names(model, *fields):
    quote = connection.ops.quote_name
    return quote(model._meta.db_table), *(
        quote(model._meta.get_field(name).column) for name in fields
    )


@cache
def _credit_sql(first_beat):
    """Credit a lesson's time if its last beat is still the one read."""
    table, pk, spent, beat, visit, enrollment = _names(
        LessonProgress,
        "id",
        "time_spent_seconds",
        "last_heartbeat_at",
        "last_accessed_at",
        "enrollment",
    )
    guard = f"{beat} IS NULL" if first_beat else f"{beat} = %s"
    # Names from the model, values as parameters.
    return (
        f"UPDATE {table} SET {spent} = {spent} + %s, {beat} = %s, {visit} = %s "  # noqa: S608
        f"WHERE {pk} = %s AND {guard} RETURNING {enrollment}"
    )


@cache
def _day_sql(source):
    """Add seconds to an enrolment's day, making the row if it is the day's
    first: `source` gives the (enrolment, date, seconds) rows to add."""
    table, enrollment, date, total = _names(
        LearningDay, "enrollment", "date", "seconds"
    )
    return (
        f"INSERT INTO {table} ({enrollment}, {date}, {total}) {source} "
        f"ON CONFLICT ({enrollment}, {date}) "
        f"DO UPDATE SET {total} = {table}.{total} + EXCLUDED.{total}"
    )


@cache
def _credit_with_day_sql(first_beat):
    """Both writes as one PostgreSQL statement: the day's upsert takes its
    enrolment from the lesson UPDATE's returned row, so a beat that lost the
    race (no row) adds nothing to the day either."""
    day = _day_sql("SELECT credited.enrollment_id, %s::date, %s FROM credited")
    return (
        f"WITH credited (enrollment_id) AS ({_credit_sql(first_beat)}), "  # noqa: S608
        f"day AS ({day} RETURNING 1) "
        "SELECT count(*) FROM credited"
    )


def credit_lesson_time(progress_id, previous_beat, seconds, clock, now):
    """Add `seconds` to a lesson's time and to the day's learning time, move
    the lesson's time clock (its last beat) to `clock` and its last visit to
    `now`, if the clock still reads `previous_beat`: of two beats racing for
    the same seconds only one is credited. True when this one was."""
    adapt = connection.ops.adapt_datetimefield_value
    lesson_params = [seconds, adapt(clock), adapt(now), progress_id]
    if previous_beat is not None:
        lesson_params.append(adapt(previous_beat))
    first_beat = previous_beat is None
    day = connection.ops.adapt_datefield_value(now.date())
    if not seconds:  # the visit and the clock only: one statement anywhere
        with connection.cursor() as cursor:
            cursor.execute(_credit_sql(first_beat), lesson_params)
            return cursor.fetchone() is not None
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                _credit_with_day_sql(first_beat), [*lesson_params, day, seconds]
            )
            return cursor.fetchone()[0] == 1
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_credit_sql(first_beat), lesson_params)
        row = cursor.fetchone()
        if row is not None:
            cursor.execute(_day_sql("VALUES (%s, %s, %s)"), [row[0], day, seconds])
    return row is not None


def add_day_seconds(enrollment_id, day, seconds):
    """Add to an enrolment's learning time of `day` (one upsert: two lessons
    beating at once meet on the unique (enrolment, date) row)."""
    with connection.cursor() as cursor:
        cursor.execute(
            _day_sql("VALUES (%s, %s, %s)"),
            [enrollment_id, connection.ops.adapt_datefield_value(day), seconds],
        )
