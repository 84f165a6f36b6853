"""The page tree only allows home -> catalogue -> course -> section -> lesson."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from courses.models import CourseIndexPage, CoursePage, SectionPage
from home.models import HomePage
from lessons.models import LessonPage
from tests.courses.factories import CoursePageFactory, SectionPageFactory, UserFactory
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (CourseIndexPage, HomePage, True),
        (CoursePage, CourseIndexPage, True),
        (SectionPage, CoursePage, True),
        (LessonPage, SectionPage, True),
        (LessonPage, CoursePage, False),
        (LessonPage, CourseIndexPage, False),
        (CoursePage, HomePage, False),
        (CoursePage, SectionPage, False),
        (SectionPage, CourseIndexPage, False),
        (SectionPage, SectionPage, False),
        (CourseIndexPage, CoursePage, False),
    ],
)
def test_page_types_only_nest_in_their_place(child, parent, allowed):
    assert (parent in child.allowed_parent_page_models()) is allowed
    assert (child in parent.allowed_subpage_models()) is allowed


def test_a_lesson_cannot_be_created_directly_under_a_course(catalogue):
    course = CoursePageFactory(parent=catalogue)
    section = SectionPageFactory(parent=course)

    assert not LessonPage.can_create_at(course)
    assert LessonPage.can_create_at(section)
    assert not CoursePage.can_create_at(course)
    assert not CoursePage.can_create_at(catalogue.get_parent())
    assert CoursePage.can_create_at(catalogue)


def test_the_site_has_one_catalogue(catalogue):
    assert not CourseIndexPage.can_create_at(catalogue.get_parent())


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="editor", is_staff=True, is_superuser=True))
    return client


def test_the_admin_refuses_a_lesson_under_a_course(admin_client, catalogue):
    course = CoursePageFactory(parent=catalogue)
    url = reverse("wagtailadmin_pages:add", args=["lessons", "lessonpage", course.pk])

    response = admin_client.post(url, {"title": "Stray lesson", "slug": "stray"})

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert not LessonPage.objects.exists()


def course_form(**overrides):
    fields = {
        "title": "Statistics in Practice",
        "slug": "statistics-in-practice",
        "summary": "Means, medians and when each one lies.",
        "description": rich_text("<p>A practical course.</p>"),
        "learning_outcomes": streamfield([("outcome", "Choose the right average")]),
        "difficulty": "beginner",
        "language": "en",
        "pricing_type": "paid",
        "price": "2500",
        "currency": "EUR",
        "instructor": str(UserFactory(username="teacher").pk),
        "cohorts": inline_formset([]),
    }
    fields.update(overrides)
    return nested_form_data(fields)


def test_an_editor_creates_a_paid_course_in_the_catalogue(admin_client, catalogue):
    url = reverse(
        "wagtailadmin_pages:add", args=["courses", "coursepage", catalogue.pk]
    )

    response = admin_client.post(url, course_form())

    assert response.status_code == 302
    course = CoursePage.objects.child_of(catalogue).get()
    assert (course.price, course.currency, course.pricing_type) == (2500, "EUR", "paid")
    assert [o.value for o in course.learning_outcomes] == ["Choose the right average"]


@pytest.mark.parametrize(
    ("pricing_type", "price", "message"),
    [
        ("free", "900", "A free course has a price of 0."),
        ("paid", "0", "Set a price above 0 for a course learners buy."),
    ],
)
def test_the_editor_explains_a_price_that_does_not_fit_the_pricing(
    admin_client, catalogue, pricing_type, price, message
):
    url = reverse(
        "wagtailadmin_pages:add", args=["courses", "coursepage", catalogue.pk]
    )

    response = admin_client.post(
        url, course_form(pricing_type=pricing_type, price=price)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CoursePage.objects.exists()


def test_the_database_refuses_a_free_course_with_a_price(catalogue):
    from django.db import IntegrityError, transaction

    course = CoursePageFactory(parent=catalogue)
    with pytest.raises(IntegrityError), transaction.atomic():
        CoursePage.objects.filter(pk=course.pk).update(pricing_type="free", price=100)


def test_prerequisites_offer_only_lessons_of_the_same_course(admin_client, catalogue):
    course = CoursePageFactory(parent=catalogue)
    section = SectionPageFactory(parent=course)
    first = LessonPageFactory(parent=section, title="Same course")
    lesson = LessonPageFactory(parent=section, title="Needs the first")
    other_section = SectionPageFactory(parent=CoursePageFactory(parent=catalogue))
    stranger = LessonPageFactory(parent=other_section, title="Another course")

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk]))

    choices = response.context["form"].fields["prerequisites"].queryset
    assert list(choices) == [first]
    assert stranger not in choices
