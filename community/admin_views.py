"""The moderation queue in the Wagtail admin: open reports on posts in the
courses a person teaches (every course for staff and moderators), with the
decisions: hide the post, dismiss the report, stop its author posting."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from learners.admin_helpers import courses_taught_by

from . import services
from .models import Report

DECISIONS = {"hide", "dismiss", "ban"}


def _reports_for(user):
    return Report.objects.filter(course__in=courses_taught_by(user))


def queue(request):
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    reports = (
        _reports_for(request.user)
        .filter(outcome=Report.Outcome.OPEN)
        .select_related(
            "course",
            "reporter",
            "question__author",
            "answer__author",
            "answer__question",
            "review__author",
        )
    )
    return render(request, "community/admin/reports.html", {"reports": reports})


def decide(request, pk, decision):
    if request.method != "POST" or decision not in DECISIONS:
        raise PermissionDenied
    report = get_object_or_404(
        _reports_for(request.user).select_related("course"), pk=pk
    )
    post = report.post
    try:
        if decision == "hide":
            services.hide_post(request.user, post)
            messages.success(request, _("The post is hidden."))
        elif decision == "dismiss":
            services.dismiss_report(request.user, report)
            messages.success(request, _("The report is dismissed; the post stays."))
        elif post.author is not None:
            services.ban_from_posting(request.user, report.course, post.author)
            services.hide_post(request.user, post)
            messages.success(
                request, _("The post is hidden and its author can no longer post here.")
            )
    except services.CommunityError as error:
        messages.error(request, error.message)
    return redirect("community_admin:reports")


def admin_urls():
    urls = [
        path("", queue, name="reports"),
        path("<int:pk>/<slug:decision>/", decide, name="decide"),
    ]
    return [path("community/reports/", (urls, "community_admin", "community_admin"))]
