"""Signals other apps listen to; certificates hook into `course_completed`."""

from django.dispatch import Signal

# Sent once per enrolment, after the transaction that completed the course
# commits. Arguments: enrollment.
course_completed = Signal()
