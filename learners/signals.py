"""Signals other apps listen to: certificates hook into `course_completed`,
achievements into the first three, LTI gradebooks into all but `quiz_passed`."""

from django.dispatch import Signal

# Sent once per enrolment, after the transaction that completed the course
# commits. Arguments: enrollment.
course_completed = Signal()

# Sent inside the transaction that records the event, once per event, so a
# receiver's writes (an outbox task) commit or roll back with it.
# Arguments: progress (its enrollment and lesson are loaded).
lesson_completed = Signal()
# A graded quiz attempt that passed, once its result is shown to the learner.
# Arguments: attempt.
quiz_passed = Signal()
# Any graded quiz attempt, passed or not, once its result is shown to the
# learner (an LMS gradebook shows fails too). Arguments: attempt.
quiz_graded = Signal()
