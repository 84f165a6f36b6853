"""Who may join a course and where: the courses it requires, and a seat in
one of its cohorts, taken under the cohort's row lock so that no more
learners join than it has seats, however many ask at once."""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import Cohort
from courses.outline import required_courses_of

from ..models import Enrollment
from .errors import CohortFull, NoCohortOpen, PrerequisiteMissing

# An enrolment holds its seat while it gives access, while its payment is
# being taken, and while a disputed payment pauses it.
SEAT_STATUSES = (
    Enrollment.Status.ACTIVE,
    Enrollment.Status.COMPLETED,
    Enrollment.Status.PENDING,
    Enrollment.Status.SUSPENDED,
)


def missing_courses(user, course, ignoring=()):
    """The live courses `course` requires that `user` has not completed, in
    title order (one query; none when it requires nothing). Courses in
    `ignoring` (taken before it in the same programme) count as met."""
    required = [c for c in required_courses_of(course.pk) if c.pk not in ignoring]
    if not required:
        return []
    done = set(
        Enrollment.objects.filter(
            user=user,
            course_id__in=[c.pk for c in required],
            status=Enrollment.Status.COMPLETED,
        ).values_list("course_id", flat=True)
    )
    return [c for c in required if c.pk not in done]


def check_required_courses(user, course, ignoring=()):
    missing = missing_courses(user, course, ignoring)
    if missing:
        raise PrerequisiteMissing(
            _("Complete %(courses)s before you join this course.")
            % {"courses": ", ".join(f"“{c.title}”" for c in missing)},
            missing,
        )


def open_cohorts(course, now=None):
    """The course's cohorts that still take learners, in start order, with
    their seats as last counted."""
    now = now or timezone.now()
    return [c for c in Cohort.objects.filter(course=course) if c.is_open(now)]


def take_seat(user, course, cohort_id=None, *, enforce=True):
    """A seat for `user` in the chosen cohort (or the next one with room),
    or None when the course runs no cohorts. Call it inside the enrolment's
    transaction: the cohort's row stays locked until it commits, so each
    seat is counted once. `enforce=False` (a payment already taken) places
    the learner even in a full or closed cohort."""
    cohorts = Cohort.objects.filter(course=course)
    if not cohorts.exists():
        return None
    now = timezone.now()
    candidates = list(cohorts.filter(pk=cohort_id)) if cohort_id else list(cohorts)
    if not candidates:
        raise NoCohortOpen(_("That cohort is not part of this course."))
    if enforce:
        candidates = [c for c in candidates if c.is_open(now)]
        if not candidates:
            raise NoCohortOpen(
                _("Enrolment for this cohort has closed.")
                if cohort_id
                else _("No cohort of this course takes learners at the moment.")
            )
    elif not any(c.is_open(now) for c in candidates):
        return candidates[-1]  # a late payment joins the latest cohort
    for candidate in candidates:
        cohort = Cohort.objects.select_for_update().get(pk=candidate.pk)
        if not enforce or cohort.seat_limit is None:
            return cohort
        taken = (
            Enrollment.objects.filter(cohort=cohort, status__in=SEAT_STATUSES)
            .exclude(user=user)
            .count()
        )
        if taken < cohort.seat_limit:
            return cohort
    raise CohortFull(
        _("“%(cohort)s” is full.") % {"cohort": candidates[0].name}
        if cohort_id
        else _("Every cohort of this course is full.")
    )


def recount_seats(cohort_ids):
    """Store each cohort's seats taken, for pages to show (one UPDATE)."""
    taken = (
        Enrollment.objects.filter(cohort=OuterRef("pk"), status__in=SEAT_STATUSES)
        .order_by()
        .values("cohort")
        .annotate(n=Count("pk"))
        .values("n")
    )
    Cohort.objects.filter(pk__in=cohort_ids).update(
        seats_taken=Coalesce(Subquery(taken), 0)
    )
