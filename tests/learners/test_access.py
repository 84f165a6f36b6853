"""The one access policy, as a table: who sees which lesson, and why."""

import pytest
from django.contrib.auth.models import AnonymousUser

from learners.access import Level, Reason, lesson_access
from learners.models import Enrollment
from tests.courses.factories import CoursePageFactory, SectionPageFactory, UserFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db

SECRET = "The secret ingredient is patience."


def build(catalogue, live):
    """A course with a free preview, a normal lesson, one behind a prerequisite
    and, in a sequential course, one behind the previous lesson."""
    instructor = UserFactory(username=f"teacher-{live}")
    course = CoursePageFactory(
        parent=catalogue, slug=f"c-{live}", instructor=instructor
    )
    section = SectionPageFactory(parent=course)
    preview = LessonPageFactory(parent=section, slug="preview", free_preview=True)
    normal = LessonPageFactory(parent=section, slug="normal")
    needs = LessonPageFactory(parent=section, slug="needs-normal")
    needs.prerequisites.set([normal])
    needs.save_revision().publish()
    ordered = CoursePageFactory(
        parent=catalogue,
        slug=f"seq-{live}",
        instructor=instructor,
        sequential_lessons=True,
    )
    ordered_section = SectionPageFactory(parent=ordered)
    LessonPageFactory(parent=ordered_section, slug="first")
    second = LessonPageFactory(parent=ordered_section, slug="second")
    lessons = {
        "preview": preview,
        "normal": normal,
        "prerequisite": needs,
        "sequence": second,
    }
    return course, ordered, instructor, lessons


def people(course, ordered, instructor, live):
    student = learner(username=f"outsider-{live}")
    member = learner(username=f"member-{live}")
    if live:
        enrolled(member, course)
        enrolled(member, ordered)
    else:
        # A draft cannot be enrolled into; the row stands for an older enrolment.
        for each in (course, ordered):
            Enrollment.objects.create(user=member, course=each, source="free")
    staff = UserFactory(username=f"staff-{live}", is_staff=True)
    return {
        "anonymous": AnonymousUser(),
        "not_enrolled": student,
        "enrolled": member,
        "instructor": instructor,
        "staff": staff,
    }


FULL, TEASER, LOCKED = Level.FULL, Level.TEASER, Level.LOCKED
EXPECTED_LIVE = {
    "anonymous": {
        "preview": (FULL, Reason.FREE_PREVIEW),
        "normal": (TEASER, Reason.NOT_LOGGED_IN),
        "prerequisite": (TEASER, Reason.NOT_LOGGED_IN),
        "sequence": (TEASER, Reason.NOT_LOGGED_IN),
    },
    "not_enrolled": {
        "preview": (FULL, Reason.FREE_PREVIEW),
        "normal": (TEASER, Reason.NOT_ENROLLED),
        "prerequisite": (TEASER, Reason.NOT_ENROLLED),
        "sequence": (TEASER, Reason.NOT_ENROLLED),
    },
    "enrolled": {
        "preview": (FULL, Reason.FREE_PREVIEW),
        "normal": (FULL, Reason.OPEN),
        "prerequisite": (LOCKED, Reason.PREREQUISITE),
        "sequence": (LOCKED, Reason.SEQUENCE),
    },
    "instructor": dict.fromkeys(
        ["preview", "normal", "prerequisite", "sequence"], (FULL, Reason.STAFF)
    ),
    "staff": dict.fromkeys(
        ["preview", "normal", "prerequisite", "sequence"], (FULL, Reason.STAFF)
    ),
}
EXPECTED_DRAFT = {
    who: dict.fromkeys(["preview", "normal", "prerequisite", "sequence"], expected)
    for who, expected in [
        ("anonymous", (LOCKED, Reason.UNPUBLISHED)),
        ("not_enrolled", (LOCKED, Reason.UNPUBLISHED)),
        ("enrolled", (LOCKED, Reason.UNPUBLISHED)),
        ("instructor", (FULL, Reason.STAFF)),
        ("staff", (FULL, Reason.STAFF)),
    ]
}


@pytest.mark.parametrize("live", [True, False], ids=["published", "draft"])
def test_the_access_table(catalogue, live):
    course, ordered, instructor, lessons = build(catalogue, live)
    users = people(course, ordered, instructor, live)
    if not live:
        course.unpublish()
        ordered.unpublish()
    expected = EXPECTED_LIVE if live else EXPECTED_DRAFT

    actual = {
        who: {
            kind: (answer.level, answer.reason)
            for kind, lesson in lessons.items()
            for answer in [lesson_access(user, type(lesson).objects.get(pk=lesson.pk))]
        }
        for who, user in users.items()
    }

    assert actual == expected


def test_a_locked_lesson_names_what_to_complete_first(catalogue):
    _course, _ordered, _instructor, lessons = build(catalogue, True)
    member = learner()
    enrolled(member, lessons["prerequisite"].course)

    answer = lesson_access(member, lessons["prerequisite"])

    assert answer.blocking_lesson.pk == lessons["normal"].pk
    assert answer.message == f"Complete “{lessons['normal'].title}” first."


def secret_lesson(catalogue):
    course = CoursePageFactory(parent=catalogue, slug="baking")
    section = SectionPageFactory(parent=course, slug="bread")
    LessonPageFactory(parent=section, slug="intro", title="Intro")
    return LessonPageFactory(
        parent=section,
        slug="secret",
        title="The secret",
        summary="What makes bread rise.",
        body=[
            {"type": "rich_text", "value": {"content": f"<p>{SECRET}</p>"}, "id": "b1"}
        ],
    )


def test_a_visitor_sees_a_teaser_without_the_body(client, catalogue):
    secret_lesson(catalogue)

    response = client.get("/courses/baking/bread/secret/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "The secret" in html and "What makes bread rise." in html
    assert "Log in and enrol in this course to open the lesson." in html
    assert SECRET not in html


def test_a_locked_lesson_shows_why_and_the_way_forward_but_not_the_body(
    client, catalogue
):
    lesson = secret_lesson(catalogue)
    lesson.course.sequential_lessons = True
    lesson.course.save_revision().publish()
    member = learner()
    enrolled(member, lesson.course)
    client.force_login(member)

    html = client.get("/courses/baking/bread/secret/").content.decode()

    assert "This lesson is locked" in html
    assert "complete “Intro” first" in html
    assert 'href="/courses/baking/bread/intro/"' in html
    assert SECRET not in html


def test_an_enrolled_learner_reads_the_lesson(client, catalogue):
    lesson = secret_lesson(catalogue)
    member = learner()
    enrolled(member, lesson.course)
    client.force_login(member)

    assert SECRET in client.get("/courses/baking/bread/secret/").content.decode()


def test_moderators_see_every_lesson_but_other_instructors_do_not(catalogue):
    from django.contrib.auth.models import Group

    _course, _ordered, _instructor, lessons = build(catalogue, True)
    moderator = UserFactory(username="mod")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    rival = UserFactory(username="rival")
    rival.groups.add(Group.objects.get(name="Instructors"))

    assert lesson_access(moderator, lessons["normal"]).reason == Reason.STAFF
    assert lesson_access(rival, lessons["normal"]).level == Level.TEASER


def test_an_editor_previews_a_draft_lesson_in_full(rf, catalogue):
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.middleware import SessionMiddleware

    lesson = secret_lesson(catalogue)
    lesson.title = "The secret, revised"
    lesson.save_revision()  # a draft on top of the live version
    draft = lesson.get_latest_revision_as_object()
    request = rf.get(lesson.url)
    request.user = UserFactory(username="boss", is_staff=True)
    SessionMiddleware(lambda r: None).process_request(request)
    request._messages = FallbackStorage(request)

    response = draft.serve_preview(request, "")
    response.render()

    html = response.content.decode()
    assert "The secret, revised" in html
    assert SECRET in html


def test_a_new_lesson_without_a_course_opens_only_for_editors():
    from lessons.models import LessonPage

    new = LessonPage(title="Not saved yet")

    assert lesson_access(UserFactory(is_staff=True), new).level == Level.FULL
    assert lesson_access(AnonymousUser(), new).level == Level.LOCKED
