"""A PDF in a lesson is served only to people the access policy lets in."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from learners.models import Enrollment, LearningEvent
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


def document(title):
    Document = get_document_model()
    return Document.objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 workbook", name=f"{title}.pdf")
    )


def pdf_block(doc):
    return [{"type": "pdf", "id": "p1", "value": {"document": doc.pk, "height": 600}}]


@pytest.fixture
def paid_course(catalogue):
    course = CoursePageFactory(
        parent=catalogue, slug="tax", pricing_type="paid", price=9900
    )
    section = SectionPageFactory(parent=course, slug="returns")
    workbook = document("workbook")
    preview_sheet = document("preview-sheet")
    LessonPageFactory(
        parent=section, slug="intro", free_preview=True, body=pdf_block(preview_sheet)
    )
    LessonPageFactory(parent=section, slug="filing", body=pdf_block(workbook))
    return course, workbook, preview_sheet


def test_a_paid_lesson_pdf_sends_a_visitor_to_log_in(client, paid_course):
    _course, workbook, _preview = paid_course

    response = client.get(workbook.url)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_a_paid_lesson_pdf_is_refused_to_a_learner_who_did_not_buy(client, paid_course):
    _course, workbook, _preview = paid_course
    client.force_login(learner())

    response = client.get(workbook.url)

    assert response.status_code == 403
    assert "Enrol in this course" in response.content.decode()


def test_a_paid_lesson_pdf_is_served_to_an_enrolled_learner(client, paid_course):
    course, workbook, _preview = paid_course
    buyer = learner()
    enrolled(buyer, course, Enrollment.Source.PURCHASE)
    client.force_login(buyer)

    response = client.get(workbook.url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    event = LearningEvent.objects.get(kind="pdf_opened")
    assert (event.user, event.lesson.slug) == (buyer, "filing")
    assert event.payload["document"] == workbook.pk


def test_a_free_preview_pdf_is_open_to_everyone(client, paid_course):
    _course, _workbook, preview_sheet = paid_course

    assert client.get(preview_sheet.url).status_code == 200


def test_a_document_used_in_no_lesson_is_public(client, site):
    assert client.get(document("brochure").url).status_code == 200


def test_a_refunded_learner_loses_the_pdf(client, paid_course):
    course, workbook, _preview = paid_course
    buyer = learner()
    enrollment = enrolled(buyer, course, Enrollment.Source.PURCHASE)
    Enrollment.objects.filter(pk=enrollment.pk).update(status="refunded")
    client.force_login(buyer)

    assert client.get(workbook.url).status_code == 403
