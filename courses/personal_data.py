"""What `courses` holds about a person: the courses they teach keep going
without them (see home/personal_data.py)."""

from home.personal_data import Export, register

from .models import CoursePage


def export(user):
    taught = CoursePage.objects.filter(instructor=user).values("id", "title")
    return Export(records={"courses_taught": list(taught)})


def erase(user, options):
    CoursePage.objects.filter(instructor=user).update(instructor=None)


def connect():
    register("courses", export=export, erase=erase)
