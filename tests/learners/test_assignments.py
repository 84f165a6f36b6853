"""Assignments: checked uploads, private files, versions, grading, completion."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from learners.models import Enrollment, LessonProgress, Submission, SubmissionFile
from learners.services import assignments
from tests.courses.factories import CoursePageFactory, SectionPageFactory, UserFactory
from tests.learners.assessment_data import assignment_block
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db

URL = "/courses/writing/essays/essay/assignment/essay/submit/"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def make_lesson(catalogue, **settings):
    course = CoursePageFactory(parent=catalogue, slug="writing")
    section = SectionPageFactory(parent=course, slug="essays")
    return LessonPageFactory(
        parent=section, slug="essay", body=[assignment_block(**settings)]
    )


@pytest.fixture
def lesson(catalogue):
    return make_lesson(catalogue)


@pytest.fixture
def member(client, lesson):
    user = learner(username="writer", first_name="Grace", last_name="Hopper")
    enrolled(user, lesson.course)
    client.force_login(user)
    return user


def pdf(name="essay.pdf", data=PDF):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def test_a_submission_with_text_and_a_pdf_is_stored_privately(client, lesson, member):
    response = client.post(URL, {"text": "My essay.", "files": [pdf()]})

    assert response.status_code == 302
    submission = Submission.objects.get()
    stored = submission.files.get()
    assert (submission.version, submission.is_late, stored.kind) == (1, False, "pdf")
    assert stored.file.name.startswith("submissions/")
    assert "writer" not in stored.file.name and "Hopper" not in stored.file.name


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            pdf("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64),
            "does not contain what its name says",
        ),
        (pdf("big.pdf", PDF + b"0" * (1024 * 1024 + 1)), "larger than 1 MB"),
        (SimpleUploadedFile("run.exe", b"MZ"), "only these file types are accepted"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_stored(
    client, lesson, member, media_root, upload, message
):
    response = client.post(URL, {"text": "Here it is", "files": [upload]})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Submission.objects.exists() and not SubmissionFile.objects.exists()
    assert not (media_root / "submissions").exists()


class RawUpload:
    """A file whose name arrives untouched, as from a caller other than Django's
    upload parser (which already drops directories from browser file names)."""

    def __init__(self, name, data):
        self.name, self.size, self._data = name, len(data), data

    def read(self):
        return self._data

    def seek(self, position):
        return None


@pytest.mark.parametrize(
    "name", ["../../etc/passwd.pdf", "..\\boot.pdf", ".hidden.pdf"]
)
def test_a_path_traversal_file_name_is_refused(lesson, member, media_root, name):
    with pytest.raises(assignments.SubmissionRefused) as error:
        assignments.submit_assignment(
            member, lesson, "essay", "x", [RawUpload(name, PDF)]
        )

    assert "not an acceptable file name" in error.value.message
    assert not Submission.objects.exists()
    assert not (media_root / "submissions").exists()


def test_a_browser_path_in_a_file_name_never_reaches_the_disk(client, lesson, member):
    client.post(URL, {"text": "x", "files": [pdf("../../etc/passwd.pdf")]})

    stored = SubmissionFile.objects.get()
    assert stored.original_name == "passwd.pdf"
    assert stored.file.name.startswith("submissions/") and ".." not in stored.file.name


def test_an_empty_submission_is_refused(client, lesson, member):
    response = client.post(URL, {"text": "   "})

    assert response.status_code == 400
    assert "Write an answer or attach a file." in response.content.decode()


def test_a_late_submission_is_accepted_and_marked_late(client, lesson, member):
    Enrollment.objects.update(
        enrolled_at=Enrollment.objects.get().enrolled_at - timedelta(days=8)
    )

    client.post(URL, {"text": "Sorry it is late."})

    assert Submission.objects.get().is_late


def test_resubmission_keeps_every_version(client, lesson, member):
    client.post(URL, {"text": "First draft."})
    client.post(URL, {"text": "Second draft."})

    assert list(
        Submission.objects.order_by("version").values_list("text", flat=True)
    ) == [
        "First draft.",
        "Second draft.",
    ]


def test_one_submission_only_unless_returned(client, catalogue):
    lesson = make_lesson(catalogue, allow_resubmission=False)
    user = learner()
    enrolled(user, lesson.course)
    client.force_login(user)
    client.post(URL, {"text": "Only version."})

    refused = client.post(URL, {"text": "Another."})
    first = Submission.objects.get()
    assignments.grade_submission(
        lesson.course.instructor, first, {"0": 2, "1": 1}, 0, "Redo it", return_it=True
    )
    accepted = client.post(URL, {"text": "Redone."})

    assert refused.status_code == 400
    assert accepted.status_code == 302
    assert Submission.objects.count() == 2


def test_a_passing_grade_completes_the_lesson_and_tells_the_learner(
    client, lesson, member, mailoutbox, django_capture_on_commit_callbacks
):
    client.post(URL, {"text": "My essay."})
    submission = Submission.objects.get()

    with django_capture_on_commit_callbacks(execute=True):
        assignments.grade_submission(
            lesson.course.instructor, submission, {"0": 5, "1": 3}, 0, "Well argued."
        )

    submission.refresh_from_db()
    assert (submission.score, submission.status, submission.passed) == (
        8,
        "graded",
        True,
    )
    assert LessonProgress.objects.get(lesson=lesson).is_completed
    html = client.get("/courses/writing/essays/essay/").content.decode()
    assert "Grade: 8 of 10" in html and "Well argued." in html
    assert "Your score per criterion" in html
    scores = re.findall(r'<th scope="row">([^<]+)</th><td>(\d+ of \d+)</td>', html)
    assert [score for _title, score in scores] == ["5 of 6", "3 of 4"]
    assert mailoutbox and "graded: 8 / 10" in mailoutbox[0].subject


def test_a_failing_grade_does_not_complete_the_lesson(client, lesson, member):
    client.post(URL, {"text": "Thin essay."})

    assignments.grade_submission(
        lesson.course.instructor, Submission.objects.get(), {"0": 2, "1": 1}, 0, ""
    )

    assert not LessonProgress.objects.filter(status="completed").exists()


def test_files_open_for_the_learner_and_instructor_only(client, lesson, member):
    client.post(URL, {"text": "See file.", "files": [pdf()]})
    stored = SubmissionFile.objects.get()
    url = f"/dashboard/submissions/files/{stored.pk}/"

    assert client.get(url).status_code == 200
    client.force_login(lesson.course.instructor)
    assert client.get(url).status_code == 200
    client.force_login(learner(username="nosy"))
    assert client.get(url).status_code == 404
    client.force_login(UserFactory(username="other-teacher"))
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def test_another_learner_never_sees_my_grade(client, lesson, member):
    client.post(URL, {"text": "Mine."})
    assignments.grade_submission(
        lesson.course.instructor,
        Submission.objects.get(),
        {"0": 6, "1": 4},
        0,
        "Secret praise",
    )
    nosy = learner(username="nosy2")
    enrolled(nosy, lesson.course)
    client.force_login(nosy)

    html = client.get("/courses/writing/essays/essay/").content.decode()

    assert "Secret praise" not in html and "Grade: 10 of 10" not in html


def test_an_enrolled_learner_sees_the_due_date_not_a_rule(catalogue, client, settings):
    lesson = make_lesson(catalogue, due_days_after_enrolment=14)
    user = learner(username="dated")
    enrollment = enrolled(user, lesson.course)
    client.force_login(user)

    html = client.get("/courses/writing/essays/essay/").content.decode()

    due = timezone.localtime(enrollment.enrolled_at + timedelta(days=14))
    assert f"{due.day} {due:%B %Y}" in html
    assert "days after you enrol" not in html
