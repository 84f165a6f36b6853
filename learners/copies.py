"""The learner side of a translated course page acts on the original's
records (courses/translations.py): the routes below a French lesson record
progress on the original lesson, and enrolling on a French course page
enrols in the original course."""

from functools import wraps

from courses.translations import learning_course, learning_lesson, learning_programme


def on_learning_lesson(view):
    """`view(request, lesson, ...)` gets the lesson as its records know it."""

    @wraps(view)
    def wrapped(request, lesson, *args, **kwargs):
        return view(request, learning_lesson(lesson), *args, **kwargs)

    return wrapped


def on_learning_course(view):
    """`view(request, course, ...)` gets the course its records are kept on."""

    @wraps(view)
    def wrapped(request, course, *args, **kwargs):
        return view(request, learning_course(course), *args, **kwargs)

    return wrapped


def on_learning_programme(view):
    """`view(request, programme, ...)` gets the programme its records are on."""

    @wraps(view)
    def wrapped(request, programme, *args, **kwargs):
        return view(request, learning_programme(programme), *args, **kwargs)

    return wrapped
