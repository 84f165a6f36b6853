"""A course's announcements: the list its learners read and the form its
instructor posts with. Routed from the course page."""

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from learners.access import community_access
from learners.views import refusal

from . import services
from .forms import AnnouncementForm
from .models import Announcement
from .views import refused


def announcements(request, course):
    """GET: the course's announcements; POST: the instructor posts one."""
    access = community_access(request.user, course)
    if not access.allowed:
        return refused(request, course, access)
    form = AnnouncementForm(request.POST or None) if access.moderates else None
    if request.method == "POST":
        if form is None:
            return refusal(
                request,
                services.NotAllowed(_("Only the course's instructor can announce.")),
                course=course,
            )
        if form.is_valid():
            data = form.cleaned_data
            try:
                announcement = services.post_announcement(
                    request.user,
                    course,
                    title=data["title"],
                    body=data["body"],
                    send_email=data["send_email"],
                    publish_at=data["publish_at"],
                )
            except services.CommunityError as error:
                return refusal(request, error, course=course)
            if announcement.publish_at > timezone.now():
                messages.success(request, _("Scheduled; learners will be told then."))
            else:
                messages.success(request, _("Announced to the course's learners."))
            return redirect(f"{course.url}announcements/")
    context = {
        "course": course,
        "access": access,
        "form": form,
        "announcements": services.announcements_for(course, access).select_related(
            "author"
        ),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "community/announcements.html", context, status=status)


def announcement_action(request, course, announcement_id, action):
    """POST announcements/<id>/withdraw/ (the instructor and moderators)."""
    if action != "withdraw":
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    announcement = get_object_or_404(Announcement, pk=announcement_id, course=course)
    try:
        services.withdraw_announcement(request.user, announcement)
    except services.CommunityError as error:
        return refusal(request, error, course=course)
    messages.success(request, _("The announcement was withdrawn."))
    return redirect(f"{course.url}announcements/")
