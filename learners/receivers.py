"""Reactions to account and content events: new learners join Students, time
zones follow, a new password logs out every app, a new lesson is announced,
a cohort's seats are counted again, a programme joined is remembered, and
learning records are sent on as
xAPI statements."""

from allauth.account.signals import (
    password_changed,
    password_reset,
    password_set,
    user_signed_up,
)
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from home.outbox import enqueue
from home.roles import STUDENTS
from lessons.models import LessonPage

from . import xapi
from .models import (
    ApiDevice,
    Certificate,
    Enrollment,
    LearningEvent,
    Profile,
    ProgrammeEnrollment,
)
from .services.api_tokens import end_all_devices
from .services.cohorts import recount_seats
from .services.programmes import forget_memberships
from .signals import course_completed, lesson_completed


@receiver(user_signed_up)
def add_new_learner_to_students(request, user, **kwargs):
    group, _ = Group.objects.get_or_create(name=STUDENTS)
    user.groups.add(group)
    Profile.objects.get_or_create(user=user)


@receiver(user_logged_in)
def remember_time_zone(request, user, **kwargs):
    time_zone = Profile.objects.filter(user=user).values_list("time_zone", flat=True)
    request.session["time_zone"] = time_zone.first() or "UTC"


@receiver(post_save, sender=Enrollment)
@receiver(post_delete, sender=Enrollment)
def count_cohort_seats(sender, instance, raw=False, **kwargs):
    """Pages show a cohort's seats left; the seat check itself counts afresh."""
    if instance.cohort_id and not raw:
        recount_seats([instance.cohort_id])


@receiver(post_save, sender=ProgrammeEnrollment)
@receiver(post_delete, sender=ProgrammeEnrollment)
def forget_programme_memberships(sender, instance, **kwargs):
    """The dashboard remembers whether a learner is in any programme."""
    forget_memberships(instance.user_id)


@receiver(course_completed)
def issue_certificate_on_completion(sender, enrollment, **kwargs):
    enqueue("learners.tasks.issue_certificate_task", enrollment.pk)
    enqueue("learners.tasks.complete_programmes_task", enrollment.pk)


@receiver(password_changed)
@receiver(password_set)
@receiver(password_reset)
def log_out_apps_on_a_new_password(request, user, **kwargs):
    """Django ends the other browser sessions itself; apps hold tokens, so
    their log-ins end here."""
    end_all_devices(user, ApiDevice.Ended.PASSWORD)


@receiver(page_published, sender=LessonPage)
def tell_learners_of_a_new_lesson(sender, instance, **kwargs):
    """Only the first publish is news; later ones are corrections."""
    if instance.first_published_at == instance.last_published_at:
        enqueue("learners.tasks.notify_new_lesson_task", instance.pk)


# xAPI: each record becomes a statement for the external record store, queued
# in the transaction that made it.


@receiver(post_save, sender=LearningEvent)
def state_a_learning_event(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        xapi.queue("event", instance.pk)


@receiver(lesson_completed)
def state_a_completed_lesson(sender, progress, **kwargs):
    xapi.queue("lesson", progress.pk)


@receiver(post_save, sender=Certificate)
def state_a_certificate(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        xapi.queue("certificate", instance.pk)
