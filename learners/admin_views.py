"""Wagtail admin screens for instructors: grading submissions and gradebooks."""

import csv

from django import forms
from django.contrib import messages
from django.db.models import Count
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.roles import is_staff_member

from .admin_helpers import course_or_404, courses_taught_by, csv_safe
from .gradebook import Gradebook
from .models import Certificate, CourseStats, QuizAttempt, Submission
from .services import LearningError, quizzes
from .services.assignments import grade_submission
from .services.certificates import render_pdf, revoke_certificate


class GradeForm(forms.Form):
    """A score per rubric criterion (or one score), feedback, and the verdict."""

    feedback = forms.CharField(
        label=gettext_lazy("Feedback for the learner"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
    )

    def __init__(self, submission, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.submission = submission
        if submission.rubric:
            for index, criterion in enumerate(submission.rubric):
                self.fields[f"criterion_{index}"] = forms.IntegerField(
                    label=f"{criterion['title']} (0-{criterion['points']})",
                    min_value=0,
                    max_value=criterion["points"],
                    help_text=criterion.get("description", ""),
                )
        else:
            self.fields["score"] = forms.IntegerField(
                label=_("Score (0-%(max)s)") % {"max": submission.max_score},
                min_value=0,
                max_value=submission.max_score,
            )
        self.order_fields([*[f for f in self.fields if f != "feedback"], "feedback"])

    def rubric_scores(self):
        return {
            str(index): self.cleaned_data[f"criterion_{index}"]
            for index in range(len(self.submission.rubric))
        }


def grade_view(request, pk):
    """Grade one submission of a course the user teaches (404 for any other)."""
    submission = get_object_or_404(
        Submission.objects.select_related(
            "enrollment__user", "lesson"
        ).prefetch_related("files"),
        pk=pk,
        enrollment__course__in=courses_taught_by(request.user),
    )
    form = GradeForm(submission, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grade_submission(
                request.user,
                submission,
                form.rubric_scores(),
                form.cleaned_data.get("score") or 0,
                form.cleaned_data["feedback"],
                return_it="return" in request.POST,
            )
        except LearningError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Grade saved; the learner has been told."))
            return redirect("learners_submission_modeladmin_index")
    earlier = Submission.objects.filter(
        enrollment=submission.enrollment,
        lesson=submission.lesson,
        block_id=submission.block_id,
    ).exclude(pk=submission.pk)
    return render(
        request,
        "learners/admin/grade.html",
        {"submission": submission, "form": form, "earlier": earlier},
    )


def gradebook_index(request):
    courses = list(courses_taught_by(request.user))
    stats = {
        row.course_id: row for row in CourseStats.objects.filter(course__in=courses)
    }
    waiting = dict(
        Submission.objects.filter(
            enrollment__course__in=courses, status=Submission.Status.SUBMITTED
        )
        .values("enrollment__course")
        .annotate(count=Count("pk"))
        .values_list("enrollment__course", "count")
    )
    return render(
        request,
        "learners/admin/gradebook_index.html",
        {
            "rows": [
                (course, stats.get(course.pk), waiting.get(course.pk, 0))
                for course in courses
            ]
        },
    )


def gradebook_view(request, course_id):
    course = course_or_404(request, course_id)
    gradebook = Gradebook(course, sort=request.GET.get("sort", "name"))
    return render(
        request,
        "learners/admin/gradebook.html",
        {"course": course, "gradebook": gradebook, "rows": gradebook.page_rows()},
    )


def gradebook_csv(request, course_id):
    course = course_or_404(request, course_id)
    header, body = Gradebook(course, sort=request.GET.get("sort", "name")).table()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="gradebook-{course.slug}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(header)
    # A leading =, +, - or @ would run as a formula in a spreadsheet.
    writer.writerows([[csv_safe(cell) for cell in row] for row in body])
    return response


def release_results(request, course_id, lesson_id, block_id):
    """Show held-back quiz results ('on release' feedback) to the learners."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    course = course_or_404(request, course_id)
    if not QuizAttempt.objects.filter(
        enrollment__course=course, lesson_id=lesson_id, block_id=block_id
    ).exists():
        raise Http404
    count = quizzes.release_results(course, lesson_id, block_id)
    messages.success(
        request, _("Released the results of %(n)s attempts.") % {"n": count}
    )
    return redirect("learners_grading:gradebook", course_id=course.pk)


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Why is it revoked?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Kept with the certificate; not shown publicly."),
    )


def certificate_view(request, pk):
    """Staff revoke a certificate with a reason, or re-render its PDF."""
    if not is_staff_member(request.user):
        raise Http404
    certificate = get_object_or_404(Certificate, pk=pk)
    form = RevokeForm(request.POST if "revoke" in request.POST else None)
    if request.method == "POST" and "regenerate" in request.POST:
        render_pdf(certificate)
        messages.success(request, _("The PDF was rendered again."))
        return redirect("learners_grading:certificate", pk=pk)
    if request.method == "POST" and form.is_valid():
        revoke_certificate(certificate, form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("The certificate is revoked."))
        return redirect("learners_grading:certificate", pk=pk)
    return render(
        request,
        "learners/admin/certificate.html",
        {"certificate": certificate, "form": form},
    )
