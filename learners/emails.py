"""Transactional e-mail to learners and instructors, rendered from site
templates and sent by Celery once per kind and object. Each kind belongs to a
notification topic (`learners.notifications`), whose channel the person
chooses. Other apps add their kinds with `register_email_kind`. Every link
is absolute, built on SITE_URL."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse

from lessons.models import LessonPage

from .models import (
    Certificate,
    DataExport,
    Enrollment,
    ErasureRequest,
    ProgrammeCertificate,
    QuizAttempt,
    Submission,
)

# kind -> (notification topic, model the object id belongs to, its link)
KINDS = {
    "enrolment_confirmed": ("enrolment", Enrollment, lambda obj: obj.course.url),
    "course_completed": (
        "certificates",
        Certificate,
        lambda obj: reverse("certificates:download", args=[obj.pk]),
    ),
    "programme_completed": (
        "certificates",
        ProgrammeCertificate,
        lambda obj: reverse("certificates:programme_download", args=[obj.pk]),
    ),
    "assignment_graded": ("grades", Submission, lambda obj: obj.lesson.url),
    "quiz_results_released": ("grades", QuizAttempt, lambda obj: obj.lesson.url),
    "new_lesson": ("new_lessons", LessonPage, lambda lesson: lesson.url),
    "lesson_opened": ("openings", LessonPage, lambda lesson: lesson.url),
    # About the account itself: always sent.
    "data_export_ready": (
        "account",
        DataExport,
        lambda obj: reverse("personal_data_download", args=[obj.pk]),
    ),
    "erasure_scheduled": (
        "account",
        ErasureRequest,
        lambda obj: reverse("personal_data"),
    ),
}


def register_email_kind(kind, topic, model, link):
    """Let another app send e-mail: `link(obj)` is the button's path, and
    `topic` the notification topic whose channel the person chooses."""
    KINDS[kind] = (topic, model, link)


def email_context(user, obj, url):
    return {
        "user": user,
        "object": obj,
        "site_url": settings.SITE_URL,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "url": url,
    }


def render_learner_email(kind, user_id, object_id):
    """(subject, text, html, recipients), read fresh from the database."""
    _topic, model, link = KINDS[kind]
    user = get_user_model().objects.get(pk=user_id)
    obj = model.objects.get(pk=object_id)
    context = email_context(user, obj, settings.SITE_URL + link(obj))
    subject = render_to_string(f"emails/{kind}_subject.txt", context).strip()
    text = render_to_string(f"emails/{kind}.txt", context)
    html = render_to_string(f"emails/{kind}.html", context)
    return subject, text, html, [user.email]
