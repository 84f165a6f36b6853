"""A programme page's learner side: where the learner stands in each course,
and joining a free programme (paid ones go through payments' checkout)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from . import services
from .models import Enrollment, ProgrammeEnrollment
from .services.programmes import join_programme as join
from .services.programmes import programme_progress
from .views import refusal


def programme_context(request, programme):
    """The learner's progress through the programme, and whether they joined."""
    user = request.user
    membership = (
        ProgrammeEnrollment.objects.filter(user=user, programme=programme)
        .select_related("certificate")
        .first()
        if user.is_authenticated
        else None
    )
    progress = programme_progress(user, programme, membership)
    return {
        "programme_state": progress,
        "owned_courses": [step.course for step in progress.steps if step.open],
    }


def join_programme(request, programme):
    """POST <programme>/join/: join a free programme and each of its courses."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(programme.url)
    try:
        _membership, created = join(request.user, programme, Enrollment.Source.FREE)
    except services.LearningError as error:
        return refusal(request, error)
    if created:
        messages.success(
            request, _("You joined the programme: its courses are on your dashboard.")
        )
    else:
        messages.info(request, _("You are already in this programme."))
    return redirect(programme.url)
