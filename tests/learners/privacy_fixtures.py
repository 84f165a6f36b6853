"""A learner with something of everything the platform keeps about a person:
profile and avatar, a paid and a free course, progress, activity, a quiz
attempt, a submission with a file, a certificate with its PDF, e-mails."""

import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.test import Client, TestCase
from PIL import Image

from community import services as community
from learners import services
from learners.models import (
    Certificate,
    LearningEvent,
    Profile,
    QuizAttempt,
    Submission,
    SubmissionFile,
)
from payments.models import Order
from tests.courses.factories import CoursePageFactory, SectionPageFactory, UserFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory
from tests.payments.factories import paid_course

PASSWORD = "a-long-secret-phrase"


@dataclass
class Person:
    user: object
    client: object
    secrets: list  # text that must not survive an erasure
    files: list  # storage names that must go with it
    certificate: object
    order: object


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (32, 32), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def person_with_everything(catalogue, tag, free_course=None):
    first, last = f"Amina{tag}", f"Diallo{tag}"
    email = f"amina.{tag.lower()}@example.org"
    user = learner(
        username=f"amina-{tag.lower()}", email=email, first_name=first, last_name=last
    )
    user.set_password(PASSWORD)
    user.save()
    client = Client()
    client.force_login(user)
    profile, _ = Profile.objects.get_or_create(user=user)
    profile.display_name = f"Dr {first} {last}"
    profile.bio = f"I grow mangoes in {tag}ville."
    profile.avatar.save("a.png", ContentFile(png()))

    if free_course is None:
        teacher = UserFactory(username=f"teacher-{tag.lower()}")
        free_course = CoursePageFactory(
            parent=catalogue,
            slug=f"free-{tag.lower()}",
            title="Trees",
            instructor=teacher,
        )
        section = SectionPageFactory(parent=free_course, slug="s")
        LessonPageFactory(parent=section, slug="one")
    enrollment = enrolled(user, free_course)
    lesson = free_course.syllabus.lessons[0]
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.complete_lesson(user, lesson)
    certificate = Certificate.objects.get(enrollment=enrollment)
    question = community.ask_question(
        user, free_course, title=f"{first} asks", body=f"I am {first} {last}."
    )
    community.answer_question(user, question, body=f"Solved, {first} here.")
    LearningEvent.objects.create(
        user=user,
        lesson=lesson,
        kind="pdf_opened",
        payload={"note": f"{tag} watched it"},
    )
    QuizAttempt.objects.create(
        enrollment=enrollment,
        lesson=lesson,
        block_id="q",
        number=1,
        snapshot=[],
        answers={"q1": f"My answer from {tag}ville"},
        max_score=1,
    )
    submission = Submission.objects.create(
        enrollment=enrollment,
        lesson=lesson,
        block_id="a",
        version=1,
        text=f"Essay by {first} {last}",
        max_score=10,
        pass_score=5,
    )
    handed_in = SubmissionFile(
        submission=submission, original_name="essay.txt", size=5, kind="text"
    )
    handed_in.file.save("essay.txt", ContentFile(f"{tag} essay".encode()))

    paid = paid_course(
        catalogue, f"paid-{tag.lower()}", 10000, instructor=UserFactory()
    )
    with TestCase.captureOnCommitCallbacks(execute=True):
        page = client.post(f"/payments/checkout/{paid.pk}/")
        client.post(page.url, {"pay": ""})
    order = Order.objects.get(user=user)
    certificate.refresh_from_db()
    return Person(
        user=user,
        client=client,
        secrets=[email, first, last, profile.display_name, profile.bio, user.username],
        files=[profile.avatar.name, handed_in.file.name, certificate.pdf.name],
        certificate=certificate,
        order=order,
    )
