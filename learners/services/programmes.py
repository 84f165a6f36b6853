"""Programmes: joining one enrols in each of its courses once; its progress
is read from those enrolments; completing its last course completes it and
issues its certificate."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.choices import PricingType

from ..models import (
    Enrollment,
    LessonProgress,
    ProgrammeCertificate,
    ProgrammeEnrollment,
)
from ..notifications import notify
from .enrolment import enroll, has_verified_email
from .errors import EmailNotVerified, NotFreeCourse

Source = Enrollment.Source
MEMBERSHIP_MEMO_SECONDS = 24 * 3600


def join_programme(user, programme, source):
    """Join `programme` and every course in it, all or nothing: a full
    cohort or a missing prerequisite outside the programme refuses the
    whole. Courses the learner already has are kept as they are. Call with
    PURCHASE once paid, SUBSCRIPTION once the subscription is checked."""
    if source == Source.FREE:
        if not programme.is_free:
            raise NotFreeCourse(_("This programme is not free."))
        if not has_verified_email(user):
            raise EmailNotVerified(
                _("Please verify your e-mail address before you enrol.")
            )
    with transaction.atomic():
        membership, created = ProgrammeEnrollment.objects.get_or_create(
            user=user, programme=programme, defaults={"source": source}
        )
        earlier = set()
        for course in programme.courses:
            enroll(user, course, _course_source(course, source), met=earlier)
            earlier.add(course.pk)
        complete_if_done(membership)
    return membership, created


def _course_source(course, source):
    # A subscriber joins the free courses of a subscription programme freely.
    if source == Source.SUBSCRIPTION and course.pricing_type == PricingType.FREE:
        return Source.FREE
    return source


@dataclass(frozen=True)
class CourseStep:
    course: object
    enrollment: object  # None when the learner has not started it
    lessons_done: int = 0
    lessons_total: int = 0

    @property
    def percent(self):
        if self.completed:
            return 100
        if not self.lessons_total:
            return 0
        return round(100 * self.lessons_done / self.lessons_total)

    @property
    def completed(self):
        return bool(self.enrollment and self.enrollment.completed_at)

    @property
    def open(self):
        return bool(self.enrollment and self.enrollment.gives_access)


@dataclass(frozen=True)
class ProgrammeProgress:
    programme: object
    membership: object
    steps: list

    @property
    def total(self):
        return len(self.steps)

    @property
    def completed(self):
        return sum(step.completed for step in self.steps)

    @property
    def percent(self):
        """Lessons done across its courses (a course done counts whole), so
        the bar moves with each lesson, not only with each course."""
        lessons = sum(step.lessons_total for step in self.steps)
        if not lessons:
            return round(100 * self.completed / self.total) if self.total else 0
        done = sum(
            step.lessons_total if step.completed else step.lessons_done
            for step in self.steps
        )
        return min(100, round(100 * done / lessons))

    @property
    def next_step(self):
        """The first course not completed yet, in the programme's order."""
        return next((step for step in self.steps if not step.completed), None)

    @property
    def certificate(self):
        return (
            getattr(self.membership, "certificate", None) if self.membership else None
        )


def programme_progress(
    user, programme, membership=None, enrollments=None, lessons=None
):
    """Where `user` stands in each course of the programme: two queries, or
    none when the dashboard passes their enrolments and `lessons`, a map of
    course id to (lessons done, lessons in it)."""
    courses = programme.courses
    if enrollments is None:
        enrollments = (
            {
                e.course_id: e
                for e in Enrollment.objects.filter(
                    user=user, course_id__in=[c.pk for c in courses]
                )
            }
            if user.is_authenticated
            else {}
        )
    if lessons is None:
        lessons = lesson_counts(enrollments.values(), {c.pk: c for c in courses})
    steps = [
        CourseStep(course, enrollments.get(course.pk), *lessons.get(course.pk, (0, 0)))
        for course in courses
    ]
    return ProgrammeProgress(programme, membership, steps)


def lesson_counts(enrollments, courses):
    """{course id: (lessons completed, lessons in the course)} for these
    enrolments, in one query (the syllabuses are remembered per version)."""
    enrollments = list(enrollments)
    if not enrollments:
        return {}
    done = dict(
        LessonProgress.objects.filter(
            enrollment__in=enrollments, status=LessonProgress.Status.COMPLETED
        )
        .values("enrollment_id")
        .annotate(count=Count("pk"))
        .values_list("enrollment_id", "count")
    )
    return {
        e.course_id: (done.get(e.pk, 0), courses[e.course_id].syllabus.lesson_count)
        for e in enrollments
        if e.course_id in courses
    }


def _memberships_key(user_id):
    return f"programmes-of:{user_id}"


def forget_memberships(user_id):
    """Called when a learner joins or leaves a programme: forgotten again
    once the change commits, so a read in between cannot keep the old answer."""
    key = _memberships_key(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def in_any_programme(user):
    """Whether the learner joined a programme: remembered, so the dashboard
    of the many who never did asks the database nothing for it."""
    key = _memberships_key(user.pk)
    known = cache.get(key)
    if known is None:
        known = ProgrammeEnrollment.objects.filter(user=user).exists()
        cache.set(key, known, MEMBERSHIP_MEMO_SECONDS)
    return known


def programmes_of(user, enrollments=None, lessons=None):
    """The learner's programmes with their progress, for the dashboard: a
    fixed number of queries however many programmes and courses.
    `enrollments` ({course id: enrolment}) and `lessons` as for
    `programme_progress`: the dashboard has read them already."""
    if not in_any_programme(user):
        return []
    memberships = list(
        ProgrammeEnrollment.objects.filter(user=user)
        .select_related("programme", "certificate")
        .prefetch_related("programme__programme_courses__course")
        .order_by("-joined_at")
    )
    if not memberships:
        return []
    if enrollments is None:
        enrollments = {e.course_id: e for e in Enrollment.objects.filter(user=user)}
    return [
        programme_progress(user, m.programme, m, enrollments, lessons)
        for m in memberships
    ]


def complete_programmes_for(enrollment_id):
    """A course was completed: each programme of the learner's that holds it
    and is now complete is marked so, and certified once."""
    enrollment = Enrollment.objects.select_related("user").get(pk=enrollment_id)
    memberships = ProgrammeEnrollment.objects.filter(
        user=enrollment.user,
        programme__programme_courses__course_id=enrollment.course_id,
        completed_at=None,
    ).select_related("programme", "user")
    return [c for c in (complete_if_done(m) for m in memberships) if c is not None]


def complete_if_done(membership):
    """Mark the programme completed when every live course in it is, and
    issue its certificate; None while a course is still open."""
    progress = programme_progress(membership.user, membership.programme, membership)
    if not progress.total or progress.completed < progress.total:
        return None
    if membership.completed_at is None:
        membership.completed_at = max(
            step.enrollment.completed_at for step in progress.steps
        )
        membership.save(update_fields=["completed_at"])
    return issue_programme_certificate(membership, progress)


def issue_programme_certificate(membership, progress):
    from .certificates import certificate_name, render_pdf  # beside, not above

    existing = ProgrammeCertificate.objects.filter(enrollment=membership).first()
    if existing:
        return existing
    minutes = sum(step.course.duration_minutes or 0 for step in progress.steps)
    try:
        with transaction.atomic():
            certificate = ProgrammeCertificate.objects.create(
                enrollment=membership,
                learner_name=certificate_name(membership.user),
                programme_title=membership.programme.title,
                course_titles=[step.course.title for step in progress.steps],
                completed_at=membership.completed_at or timezone.now(),
                hours=(Decimal(minutes) / 60).quantize(Decimal("0.1")),
            )
    except IntegrityError:  # a parallel completion issued it first
        return ProgrammeCertificate.objects.get(enrollment=membership)
    render_pdf(certificate)
    notify(membership.user, "programme_completed", certificate)
    return certificate
