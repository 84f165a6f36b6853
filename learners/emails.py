"""Transactional e-mail to learners and instructors, rendered from site
templates and sent by Celery through the outbox, once per kind and object.
Each learner can switch off the kinds that have a preference; receipts and
other money mail (preference None) always go. Other apps add their kinds
with `register_email_kind`. Every link is absolute, built on SITE_URL."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse

from home.outbox import enqueue

from .models import (
    Certificate,
    DataExport,
    Enrollment,
    ErasureRequest,
    Profile,
    QuizAttempt,
    Submission,
)

# kind -> (profile preference, model the object id belongs to, its link)
KINDS = {
    "enrolment_confirmed": ("email_enrolment", Enrollment, lambda obj: obj.course.url),
    "course_completed": (
        "email_completion",
        Certificate,
        lambda obj: reverse("certificates:download", args=[obj.pk]),
    ),
    "assignment_graded": ("email_grades", Submission, lambda obj: obj.lesson.url),
    "quiz_results_released": ("email_grades", QuizAttempt, lambda obj: obj.lesson.url),
    # About the account itself: always sent.
    "data_export_ready": (
        None,
        DataExport,
        lambda obj: reverse("personal_data_download", args=[obj.pk]),
    ),
    "erasure_scheduled": (
        None,
        ErasureRequest,
        lambda obj: reverse("personal_data"),
    ),
}


def register_email_kind(kind, preference, model, link):
    """Let another app send e-mail: `link(obj)` is the button's path, and
    `preference` the profile switch that turns the kind off (None: always
    sent, as the law expects of receipts and refunds)."""
    KINDS[kind] = (preference, model, link)


def notify(user, kind, obj):
    """Queue an e-mail of `kind` about `obj`, unless the learner opted out."""
    preference, _model, _link = KINDS[kind]
    if not user.email:
        return None
    if preference:
        profile = Profile.objects.filter(user=user).first()
        if profile and not getattr(profile, preference):
            return None
    return enqueue("learners.tasks.send_learner_email_task", kind, user.pk, obj.pk)


def render_learner_email(kind, user_id, object_id):
    """(subject, text, html, recipients), read fresh from the database."""
    _preference, model, link = KINDS[kind]
    user = get_user_model().objects.get(pk=user_id)
    obj = model.objects.get(pk=object_id)
    context = {
        "user": user,
        "object": obj,
        "site_url": settings.SITE_URL,
        "site_name": settings.WAGTAIL_SITE_NAME,
        "url": settings.SITE_URL + link(obj),
    }
    subject = render_to_string(f"emails/{kind}_subject.txt", context).strip()
    text = render_to_string(f"emails/{kind}.txt", context)
    html = render_to_string(f"emails/{kind}.html", context)
    return subject, text, html, [user.email]
