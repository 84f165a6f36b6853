"""A course in two languages: a French learner reads the interface and the
course in French, and their progress belongs to the course, so it is there
when they switch to English."""

import pytest
from wagtail.models import Locale, Page

from learners.models import Enrollment, LessonProgress
from payments.models import Order
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import learner
from tests.lessons.factories import LessonPageFactory
from tests.translations import translate

pytestmark = pytest.mark.django_db

FRENCH = {
    "Knots": "Nœuds",
    "Tie a knot that holds.": "Faire un nœud qui tient.",
    "Basics": "Les bases",
    "Reef knot": "Nœud plat",
    "Bowline": "Nœud de chaise",
    # Rich text is translated a paragraph at a time, without its tags.
    "Right over left, then left over right.": (
        "Droite sur gauche, puis gauche sur droite."
    ),
}


@pytest.fixture
def course(site):
    course = CoursePageFactory(
        parent=site.catalogue,
        slug="knots",
        title="Knots",
        summary="Tie a knot that holds.",
        sequential_lessons=True,
    )
    section = SectionPageFactory(parent=course, slug="basics", title="Basics")
    LessonPageFactory(
        parent=section,
        slug="reef",
        title="Reef knot",
        body=[
            {
                "type": "rich_text",
                "value": {"content": "<p>Right over left, then left over right.</p>"},
                "id": "b1",
            }
        ],
    )
    LessonPageFactory(parent=section, slug="bowline", title="Bowline")
    return course


@pytest.fixture
def french_course(course):
    locale = Locale.objects.create(language_code="fr")
    return translate(course, locale, FRENCH)


def test_a_french_learner_reads_french_and_their_progress_carries_over_to_english(
    client, course, french_course
):
    reader = learner(username="amelie")
    client.force_login(reader)

    # The French course page, in French: its title and the interface.
    page = client.get("/fr/courses/knots/").content.decode()
    assert '<html lang="fr">' in page
    assert "Nœuds" in page and "Faire un nœud qui tient." in page
    assert "S’inscrire gratuitement" in page

    # Enrolling there enrols in the course (its original), then opens the
    # first lesson in French.
    response = client.post("/fr/courses/knots/enroll/")
    assert response["Location"] == "/fr/courses/knots/basics/reef/"
    enrollment = Enrollment.objects.get(user=reader)
    assert enrollment.course_id == course.pk

    lesson = client.get("/fr/courses/knots/basics/reef/").content.decode()
    assert "Nœud plat" in lesson
    assert "Droite sur gauche, puis gauche sur droite." in lesson
    assert "Right over left" not in lesson
    assert "Marquer comme terminée" in lesson  # "Mark as complete"

    response = client.post("/fr/courses/knots/basics/reef/complete/")
    assert response["Location"] == "/fr/courses/knots/basics/bowline/"

    # The progress is the course's: the original lesson is complete.
    english_reef = Page.objects.get(locale__language_code="en", slug="reef")
    (progress,) = LessonProgress.objects.filter(enrollment=enrollment)
    assert progress.lesson_id == english_reef.pk
    assert progress.status == LessonProgress.Status.COMPLETED

    # In English, the same course: enrolled, half done, the next lesson open
    # (the lessons open in order).
    english = client.get("/courses/knots/").content.decode()
    assert '<html lang="en">' in english
    assert "50%" in english
    assert "Enrol for free" not in english
    bowline = client.get("/courses/knots/basics/bowline/")
    assert bowline.status_code == 200
    assert "Mark as complete" in bowline.content.decode()
    # And back in French, the first lesson shows as complete.
    assert "50%" in client.get("/fr/courses/knots/").content.decode()


def test_the_switcher_links_each_copy_of_the_page(client, course, french_course):
    html = client.get("/fr/courses/knots/").content.decode()

    assert 'href="/courses/knots/" lang="en" hreflang="en">English</a>' in html
    assert 'aria-current="true">Français</a>' in html
    # No Spanish copy: the Spanish link goes to the Spanish home page.
    assert 'href="/es/" lang="es" hreflang="es">Español</a>' in html
    assert '<link rel="alternate" hreflang="fr"' in html


def test_a_french_checkout_sells_the_original_course(client, course, french_course):
    course.pricing_type = "paid"
    course.price = 4900
    course.save_revision().publish()
    reader = learner(username="bruno")
    client.force_login(reader)

    client.post(f"/fr/payments/checkout/{french_course.pk}/")

    (order,) = Order.objects.filter(user=reader)
    assert order.course_id == course.pk
