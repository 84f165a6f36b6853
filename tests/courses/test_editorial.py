"""Instructors work only on their own courses in the admin, whatever URL they
try; moderators review through the Course review workflow."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Workflow

from courses.editorial import WORKFLOW_NAME, sync_course_ownership
from courses.tasks import publish_scheduled_task
from home.roles import INSTRUCTORS, MODERATORS
from learners import services as learning
from learners.models import LessonProgress
from lessons.models import H5PPackage
from tests.courses.factories import UserFactory, build_course
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory, h5p_archive

pytestmark = pytest.mark.django_db


def instructor(username):
    user = UserFactory(username=username)
    user.groups.add(Group.objects.get(name=INSTRUCTORS))
    return user


@pytest.fixture
def teachers(catalogue):
    alice, bruno = instructor("alice"), instructor("bruno")
    mine = build_course(catalogue, 1, 1, title="Alice Algebra", instructor=alice)
    theirs = build_course(catalogue, 1, 1, title="Bruno Biology", instructor=bruno)
    for course in (mine, theirs):
        sync_course_ownership(course)
        course.save_revision(user=course.instructor)
    client = Client()
    client.force_login(alice)
    return client, mine, theirs


def urls_of(course):
    lesson = course.syllabus.lessons[0]
    revision = course.latest_revision
    return [
        f"/admin/pages/{course.pk}/",
        f"/admin/pages/{course.pk}/edit/",
        f"/admin/pages/{course.pk}/edit/preview/",
        f"/admin/pages/{course.pk}/view_draft/",
        f"/admin/pages/{course.pk}/copy/",
        f"/admin/pages/{course.pk}/history/",
        f"/admin/pages/{course.pk}/usage/",
        f"/admin/pages/{course.pk}/revisions/",
        f"/admin/pages/{course.pk}/revisions/{revision.pk}/view/",
        f"/admin/pages/{course.pk}/revisions/compare/earliest...latest/",
        f"/admin/pages/{course.pk}/workflow_history/",
        f"/admin/pages/{course.pk}/delete/",
        f"/admin/pages/{lesson.pk}/edit/",
        f"/admin/pages/{lesson.pk}/",
        f"/admin/pages/{lesson.pk}/move/",
        f"/admin/pages/{course.pk}/add_subpage/",
        f"/admin/learning/gradebook/{course.pk}/",
        f"/admin/learning/gradebook/{course.pk}/csv/",
    ]


def test_another_instructors_course_is_not_found_at_any_admin_url(teachers):
    client, _mine, theirs = teachers

    for url in urls_of(theirs):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Bruno Biology" not in response.content.decode(), url


def test_my_own_course_opens_at_the_same_urls(teachers):
    client, mine, _theirs = teachers
    gone = {"/delete/", "/move/"}  # instructors cannot delete or move pages

    for url in urls_of(mine):
        if any(part in url for part in gone):
            continue
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert response.redirect_chain[-1:] != [("/admin/", 302)], url


def test_the_catalogue_lists_only_my_courses(teachers, catalogue):
    client, _mine, _theirs = teachers

    listing = client.get(f"/admin/pages/{catalogue.pk}/").content.decode()
    searched = client.get(f"/admin/pages/{catalogue.pk}/?q=Biology").content.decode()
    chooser = client.get("/admin/choose-page/?q=Biology").content.decode()
    global_search = client.get("/admin/pages/search/?q=Biology")

    assert "Alice Algebra" in listing and "Bruno Biology" not in listing
    assert "Bruno Biology" not in searched
    assert "Bruno Biology" not in chooser
    assert global_search.status_code == 302


def test_the_admin_page_api_lists_only_my_courses(teachers, catalogue):
    client, mine, theirs = teachers

    listing = client.get(f"/admin/api/main/pages/?child_of={catalogue.pk}").json()
    found = client.get(f"/admin/api/main/pages/{theirs.pk}/")
    everything = client.get("/admin/api/main/pages/?limit=20").json()

    titles = [item["title"] for item in listing["items"]]
    assert "Alice Algebra" in titles and "Bruno Biology" not in titles
    assert found.status_code == 404
    assert theirs.pk not in [item["id"] for item in everything["items"]]
    section = theirs.get_children().first()
    assert section.pk not in [item["id"] for item in everything["items"]]


def test_reports_are_closed_to_instructors(teachers):
    client, _mine, _theirs = teachers

    assert client.get("/admin/reports/site-history/").status_code == 404


def test_moderators_open_every_course(teachers):
    _client, mine, theirs = teachers
    moderator = UserFactory(username="mona")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    client = Client()
    client.force_login(moderator)

    for course in (mine, theirs):
        assert client.get(f"/admin/pages/{course.pk}/edit/").status_code == 200


def test_an_instructor_cannot_name_someone_else_as_the_instructor(teachers):
    client, mine, _theirs = teachers

    html = client.get(f"/admin/pages/{mine.pk}/edit/").content.decode()

    assert "bruno" not in html.lower().split('name="instructor"')[1][:2000]


def test_each_instructor_has_a_collection_only_they_can_use(teachers):
    client, _mine, _theirs = teachers
    bruno_collection = Collection.objects.get(name="bruno")
    image = get_image_model().objects.create(
        title="Bruno's cell diagram",
        file=get_test_image_file(),
        collection=bruno_collection,
    )

    listing = client.get("/admin/images/").content.decode()
    edit = client.get(f"/admin/images/{image.pk}/")

    assert Collection.objects.get(name="alice").get_parent().name == "Instructors"
    assert "cell diagram" not in listing
    assert edit.status_code in (302, 403)


def test_submit_request_changes_resubmit_approve(teachers, client):
    instructor_client, mine, _theirs = teachers
    alice = mine.instructor
    moderator = UserFactory(username="mona", email="mona@example.com")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    reviewer = Client()
    reviewer.force_login(moderator)
    live_summary = mine.summary
    workflow = mine.get_workflow()
    assert workflow.name == WORKFLOW_NAME

    mine.summary = "A draft summary waiting for review."
    mine.save_revision(user=alice)
    state = workflow.start(mine, alice)
    task_state = state.current_task_state
    reviewer.post(
        f"/admin/pages/workflow/action/{mine.pk}/reject/{task_state.pk}/",
        {"comment": "Add the learning outcomes, please."},
    )
    state.refresh_from_db()
    rejected_mail = [m for m in mail.outbox if alice.email in m.to]

    assert state.status == "needs_changes"
    assert rejected_mail, "the instructor hears about the requested changes"
    assert live_summary in client.get(mine.url).content.decode()

    mine.summary = "A reviewed summary."
    mine.save_revision(user=alice)
    state.resume(alice)  # what "Resubmit" in the editor does
    state.refresh_from_db()
    reviewer.post(
        f"/admin/pages/workflow/action/{mine.pk}/approve/"
        f"{state.current_task_state.pk}/",
        {"comment": ""},
    )

    mine.refresh_from_db()
    assert (
        Workflow.objects.get(name=WORKFLOW_NAME)
        .workflow_states.filter(status="approved")
        .exists()
    )
    assert "A reviewed summary." in client.get(mine.url).content.decode()
    assert instructor_client.get(f"/admin/pages/{mine.pk}/edit/").status_code == 200


def test_a_new_revision_of_a_course_keeps_enrolled_progress_sensible(catalogue):
    course = build_course(catalogue, 1, 3, title="Changing")
    student = learner(username="steady")
    enrollment = enrolled(student, course)
    first, second, third = course.syllabus.lessons
    learning.complete_lesson(student, first)
    learning.complete_lesson(student, second)

    second.unpublish()  # the instructor removes a lesson they had finished
    added = LessonPageFactory(parent=first.get_parent(), title="New lesson")
    course.save_revision().publish()

    progress = learning.course_progress(enrollment)
    assert (progress.completed, progress.total) == (1, 3)
    assert not LessonProgress.objects.filter(enrollment=enrollment, lesson=added)
    assert learning.next_lesson_for(enrollment).pk == third.pk


def test_instructors_upload_h5p_and_see_only_their_own_packages(teachers):
    client, _mine, theirs = teachers
    client.post(
        "/admin/snippets/lessons/h5ppackage/add/",
        {
            "title": "Alice's true or false",
            "file": SimpleUploadedFile("tf.h5p", h5p_archive()),
        },
    )
    bruno_package = H5PPackage.objects.create(
        title="Bruno's quiz",
        file=SimpleUploadedFile("b.h5p", h5p_archive()),
        uploaded_by=theirs.instructor,
    )

    listing = client.get("/admin/snippets/lessons/h5ppackage/").content.decode()
    chooser = client.get("/admin/snippets/choose/lessons/h5ppackage/").content.decode()
    edit = client.get(f"/admin/snippets/lessons/h5ppackage/edit/{bruno_package.pk}/")

    mine = H5PPackage.objects.get(title="Alice's true or false")
    assert mine.uploaded_by == _mine.instructor
    assert "Alice" in listing and "Bruno's quiz" not in listing
    assert "Bruno's quiz" not in chooser
    assert edit.status_code == 404


def test_instructors_never_manage_users(teachers):
    client, _mine, _theirs = teachers

    response = client.get("/admin/users/")

    assert response.status_code in (302, 403)
    assert "bruno" not in response.content.decode()


def test_scheduled_courses_and_lessons_go_live_through_the_beat_task(catalogue):
    course = build_course(catalogue, 1, 1, title="Later")
    lesson = course.syllabus.lessons[0]
    go_live = timezone.now() + timedelta(seconds=2)
    for page in (course, lesson):
        page.unpublish()
        page.go_live_at = go_live
        page.save_revision().publish()
        page.refresh_from_db()
        assert not page.live  # scheduled, not live yet

    time.sleep(max(0, (go_live - timezone.now()).total_seconds()) + 0.2)
    publish_scheduled_task.apply()

    course.refresh_from_db()
    lesson.refresh_from_db()
    assert course.live and lesson.live
