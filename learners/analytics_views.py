"""Analytics and learner lists in the Wagtail admin. Every number comes from
the stats tables, so the query count does not grow with the learners."""

import csv
from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.roles import is_staff_member

from .admin_helpers import course_or_404, courses_taught_by, csv_safe
from .extensions import revenue
from .models import CourseDay, CourseStats, LessonStats
from .services.roster import RosterError, course_roster, enrol_emails, read_roster_csv
from .stats import active_monthly_learners, refresh_if_stale, user_count

CHART_DAYS = 90


def course_analytics(request, course_id):
    course = course_or_404(request, course_id)
    refresh_if_stale(course.pk)
    context = _course_numbers(course)
    context["course"] = course
    return render(request, "learners/admin/course_analytics.html", context)


def _course_numbers(course):
    stats = CourseStats.objects.filter(course=course).first() or CourseStats(
        course=course
    )
    lessons = list(LessonStats.objects.filter(course=course).select_related("lesson"))
    since = timezone.localdate() - timedelta(days=CHART_DAYS)
    days = list(CourseDay.objects.filter(course=course, date__gte=since))
    return {
        "stats": stats,
        "lessons": lessons,
        "days": days,
        "funnel": [
            (_("Page views"), stats.page_views),
            (_("Enrolments"), stats.enrollments),
            (_("Started"), stats.started),
            (_("Completed"), stats.completions),
        ],
        "chart_data": {
            "days": [day.date.isoformat() for day in days],
            "enrollments": [day.enrollments for day in days],
            "completions": [day.completions for day in days],
            "lessons": [row.lesson.title for row in lessons],
            "stuck": [row.stuck for row in lessons],
            "completed": [row.completed for row in lessons],
            "funnel_labels": [
                str(_("Page views")),
                str(_("Enrolments")),
                str(_("Started")),
                str(_("Completed")),
            ],
            "funnel": [
                stats.page_views,
                stats.enrollments,
                stats.started,
                stats.completions,
            ],
        },
    }


def course_analytics_csv(request, course_id):
    course = course_or_404(request, course_id)
    numbers = _course_numbers(course)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="analytics-{course.slug}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(
        [
            "lesson",
            "started",
            "completed",
            "started_not_completed",
            "average_minutes",
            "quiz_attempts",
            "quiz_passed",
        ]
    )
    for row in numbers["lessons"]:
        writer.writerow(
            [
                csv_safe(row.lesson.title),
                row.started,
                row.completed,
                row.stuck,
                row.average_seconds // 60,
                row.quiz_attempts,
                row.quiz_passed,
            ]
        )
    writer.writerow([])
    writer.writerow(["date", "page_views", "enrolments", "completions"])
    for day in numbers["days"]:
        writer.writerow([day.date, day.page_views, day.enrollments, day.completions])
    return response


class EnrolForm(forms.Form):
    emails = forms.CharField(
        label=gettext_lazy("E-mail addresses, one per line"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    csv_file = forms.FileField(
        label=gettext_lazy("Or a CSV file with an “email” column"), required=False
    )


def course_learners(request, course_id):
    course = course_or_404(request, course_id)
    form = EnrolForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = _enrol_from_form(request, course, form)
        if report is None:
            return redirect("learners_grading:learners", course_id=course.pk)
    enrollments, lesson_count = course_roster(course)
    page = Paginator(enrollments, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "learners/admin/course_learners.html",
        {
            "course": course,
            "page": page,
            "lesson_count": lesson_count,
            "form": form,
            "report": report,
        },
    )


def _enrol_from_form(request, course, form):
    try:
        if form.cleaned_data["csv_file"]:
            rows = read_roster_csv(form.cleaned_data["csv_file"])
        else:
            lines = form.cleaned_data["emails"].splitlines()
            rows = [(n, e.strip()) for n, e in enumerate(lines, 1) if e.strip()]
    except RosterError as error:
        form.add_error("csv_file", error.message)
        return []
    if not rows:
        messages.info(request, _("Give at least one e-mail address."))
        return None
    report = enrol_emails(course, rows)
    done = sum(row.ok for row in report)
    messages.success(
        request,
        _("%(done)s of %(total)s rows enrolled or already enrolled.")
        % {"done": done, "total": len(report)},
    )
    return report


def analytics_index(request):
    """My courses' numbers (all courses for staff), one row per course."""
    courses = courses_taught_by(request.user)
    stats = CourseStats.objects.filter(course__in=courses).select_related("course")
    by_course = {row.course_id: row for row in stats}
    rows = [(course, by_course.get(course.pk)) for course in courses]
    return render(request, "learners/admin/analytics_index.html", {"rows": rows})


def platform_analytics(request):
    """Platform numbers for staff: users, active learners, enrolments, revenue,
    growth, popular courses and the instructor leaderboard."""
    if not is_staff_member(request.user):
        raise PermissionDenied
    since = timezone.localdate() - timedelta(days=CHART_DAYS)
    growth = list(
        CourseDay.objects.filter(date__gte=since)
        .values("date")
        .annotate(enrollments=Sum("enrollments"), completions=Sum("completions"))
        .order_by("date")
    )
    totals = CourseStats.objects.aggregate(
        enrollments=Sum("enrollments"), completions=Sum("completions")
    )
    context = {
        "users": user_count(),
        "active_learners": active_monthly_learners(),
        "enrollments": totals["enrollments"] or 0,
        "completions": totals["completions"] or 0,
        "revenue": revenue.by_currency(),
        "popular": CourseStats.objects.select_related("course").order_by(
            "-enrollments"
        )[:10],
        "leaderboard": (
            CourseStats.objects.filter(course__instructor__isnull=False)
            .values(
                "course__instructor__first_name",
                "course__instructor__last_name",
                "course__instructor__email",
            )
            .annotate(learners=Sum("enrollments"), completions=Sum("completions"))
            .order_by("-learners")[:10]
        ),
        "growth": growth,
        "chart_data": {
            "days": [row["date"].isoformat() for row in growth],
            "enrollments": [row["enrollments"] for row in growth],
            "completions": [row["completions"] for row in growth],
        },
    }
    return render(request, "learners/admin/platform_analytics.html", context)
