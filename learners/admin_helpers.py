"""What the learning admin screens share: which courses a person may see
there, and CSV cells a spreadsheet will not run."""

from django.shortcuts import get_object_or_404

from courses.models import CoursePage
from home.roles import is_staff_member


def courses_taught_by(user):
    """The courses a user may grade: all for staff, their own for instructors."""
    courses = CoursePage.objects.all().order_by("title")
    return courses if is_staff_member(user) else courses.filter(instructor=user)


def course_or_404(request, course_id):
    return get_object_or_404(courses_taught_by(request.user), pk=course_id)


def csv_safe(value):
    """A leading =, +, - or @ would run as a formula in a spreadsheet."""
    text = str(value)
    return f"'{text}" if text[:1] in {"=", "+", "-", "@"} else text
