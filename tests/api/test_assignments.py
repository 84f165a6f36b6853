"""Assignments through the API: multipart hand-in with the page's checks,
the grade once given, files only for their learner and the instructor."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from learners.models import Enrollment, Submission, SubmissionFile
from learners.services import assignments
from tests.courses.factories import CoursePageFactory, SectionPageFactory, UserFactory
from tests.learners.assessment_data import assignment_block
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


@pytest.fixture
def teacher():
    return UserFactory(username="teacher")


@pytest.fixture
def lesson(catalogue, teacher):
    course = CoursePageFactory(parent=catalogue, slug="writing", instructor=teacher)
    section = SectionPageFactory(parent=course, slug="essays")
    return LessonPageFactory(parent=section, slug="essay", body=[assignment_block()])


@pytest.fixture
def member(client, lesson):
    user = learner(username="writer")
    enrolled(user, lesson.course)
    client.force_login(user)
    return user


def hand_in(client, lesson, **data):
    return client.post(
        f"/api/v1/lessons/{lesson.pk}/assignments/essay/submissions/", data
    )


def pdf(name="essay.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_work_is_handed_in_with_its_files_and_downloads_again(client, lesson, member):
    response = hand_in(client, lesson, text="My essay.", files=[pdf()])

    assert response.status_code == 201
    answer = response.json()
    assert (answer["version"], answer["status"], answer["text"]) == (
        1,
        "submitted",
        "My essay.",
    )
    assert answer["score"] is None
    (item,) = answer["files"]
    download = client.get(item["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF


def test_a_file_that_is_not_what_its_name_says_is_refused(client, lesson, member):
    fake = pdf("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64)

    response = hand_in(client, lesson, text="Here", files=[fake])

    assert response.status_code == 400
    assert "does not contain what its name says" in response.json()["detail"]
    assert not Submission.objects.exists() and not SubmissionFile.objects.exists()


def test_the_grade_shows_once_given(client, lesson, member, teacher):
    hand_in(client, lesson, text="My essay.")
    submission = Submission.objects.get()
    url = f"/api/v1/lessons/{lesson.pk}/assignments/essay/"
    before = client.get(url).json()
    assert before["submissions"][0]["score"] is None

    scores = {str(i): 2 for i, _ in enumerate(submission.rubric)}
    assignments.grade_submission(teacher, submission, scores, 0, "Well argued.")

    (graded,) = client.get(url).json()["submissions"]
    assert graded["status"] == "graded" and graded["feedback"] == "Well argued."
    assert graded["score"] == sum(scores.values())
    assert [c["score"] for c in graded["rubric"]] == list(scores.values())


def test_files_open_for_their_learner_and_instructor_only(
    client, lesson, member, teacher
):
    file_id = hand_in(client, lesson, text="x", files=[pdf()]).json()["files"][0]["id"]
    url = f"/api/v1/submission-files/{file_id}/"

    client.force_login(learner(username="snoop"))
    assert client.get(url).status_code == 404
    client.force_login(teacher)
    assert client.get(url).status_code == 200


def test_without_access_to_the_lesson_nothing_is_handed_in(client, lesson, member):
    Enrollment.objects.update(status=Enrollment.Status.REFUNDED)

    response = hand_in(client, lesson, text="Late essay")

    assert response.status_code == 403
    assert response.json()["code"] == "enrollment_inactive"
    assert not Submission.objects.exists()
