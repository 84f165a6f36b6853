"""What a manager sees of their members' learning: one row per seat, read in
a fixed number of queries however many members, and only ever for seats of
their own organisation."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count, Max, Q
from django.utils import timezone

from courses.outline import courses_by_id, syllabuses_of
from learners.models import Certificate, Enrollment, LessonProgress, QuizAttempt
from learners.services import CourseProgress

from ..models import SeatAssignment


@dataclass
class ReportRow:
    seat: SeatAssignment
    course: object
    progress: CourseProgress
    last_activity: object = None
    quiz_average: float | None = None
    certificate: Certificate | None = None

    @property
    def member(self):
        return self.seat.user

    @property
    def name(self):
        user = self.member
        return user.get_full_name() or user.email or user.username

    @property
    def completed(self):
        enrollment = self.seat.enrollment
        return enrollment is not None and (
            enrollment.status == Enrollment.Status.COMPLETED
        )

    @property
    def completed_at(self):
        return self.seat.enrollment.completed_at if self.completed else None

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return bool(
            self.seat.due_on and not self.completed and self.seat.due_on < today
        )


def seat_report(organisation, course_id=None):
    """Rows for the organisation's active seats (of one course, if given)."""
    seats = (
        SeatAssignment.objects.filter(
            licence__organisation=organisation, reclaimed_at__isnull=True
        )
        .select_related("user", "enrollment", "licence")
        .order_by("user__last_name", "user__first_name", "user__email", "pk")
    )
    if course_id is not None:
        seats = seats.filter(licence__course_id=course_id)
    seats = list(seats)
    enrollment_ids = [seat.enrollment_id for seat in seats if seat.enrollment_id]
    course_ids = {seat.licence.course_id for seat in seats}
    courses = courses_by_id(course_ids)
    syllabuses = syllabuses_of(list(courses.values()))
    done = _completed_lessons(enrollment_ids, syllabuses)
    last = dict(
        LessonProgress.objects.filter(enrollment_id__in=enrollment_ids)
        .values("enrollment_id")
        .annotate(at=Max("last_accessed_at"))
        .values_list("enrollment_id", "at")
    )
    quiz = dict(
        QuizAttempt.objects.filter(
            enrollment_id__in=enrollment_ids, submitted_at__isnull=False
        )
        .values("enrollment_id")
        .annotate(average=Avg("percent"))
        .values_list("enrollment_id", "average")
    )
    certificates = {
        c.enrollment_id: c
        for c in Certificate.objects.filter(
            enrollment_id__in=enrollment_ids, revoked_at__isnull=True
        )
    }
    rows = []
    for seat in seats:
        course = courses.get(seat.licence.course_id)
        total = syllabuses[course.pk].lesson_count if course else 0
        rows.append(
            ReportRow(
                seat=seat,
                course=course,
                progress=CourseProgress(done.get(seat.enrollment_id, 0), total),
                last_activity=last.get(seat.enrollment_id),
                quiz_average=quiz.get(seat.enrollment_id),
                certificate=certificates.get(seat.enrollment_id),
            )
        )
    return rows


def _completed_lessons(enrollment_ids, syllabuses):
    """{enrollment id: live lessons completed}, in one query."""
    lesson_ids = [
        lesson.pk for syllabus in syllabuses.values() for lesson in syllabus.lessons
    ]
    return dict(
        LessonProgress.objects.filter(
            enrollment_id__in=enrollment_ids,
            lesson_id__in=lesson_ids,
            status=LessonProgress.Status.COMPLETED,
        )
        .values("enrollment_id")
        .annotate(n=Count("pk"))
        .values_list("enrollment_id", "n")
    )


def licence_usage(organisation):
    """The organisation's licences with the seats in use, in one query."""
    return list(
        organisation.licences.select_related("course")
        .annotate(
            used=Count("assignments", filter=Q(assignments__reclaimed_at__isnull=True))
        )
        .order_by("course__title")
    )


CSV_HEADER = [
    "Member",
    "E-mail",
    "Course",
    "Progress %",
    "Lessons done",
    "Lessons",
    "Quiz average %",
    "Last activity",
    "Due",
    "Overdue",
    "Completed",
    "Certificate",
]


def csv_rows(rows, today: date | None = None):
    today = today or timezone.localdate()
    for row in rows:
        yield [
            row.name,
            row.member.email,
            row.course.title if row.course else "",
            row.progress.percent,
            row.progress.completed,
            row.progress.total,
            "" if row.quiz_average is None else round(row.quiz_average),
            row.last_activity.isoformat(timespec="minutes")
            if row.last_activity
            else "",
            row.seat.due_on.isoformat() if row.seat.due_on else "",
            "yes" if row.is_overdue(today) else "",
            row.completed_at.date().isoformat() if row.completed_at else "",
            row.certificate.verification_code if row.certificate else "",
        ]
