"""Factories for users, categories and the course page tree."""

from dataclasses import dataclass

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from wagtail.models import Page, Site

from courses.models import (
    CourseCategory,
    CourseIndexPage,
    CoursePage,
    ProgrammeCourse,
    ProgrammePage,
    SectionPage,
)
from home.models import HomePage
from home.sites import ensure_root_page, sync_default_site
from tests.lessons.factories import LessonPageFactory


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("correct-horse-battery")

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)


class CourseCategoryFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Subject {n}")
    slug = factory.Sequence(lambda n: f"subject-{n}")

    class Meta:
        model = CourseCategory


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    hero_heading = "Learn something useful"

    class Meta:
        model = HomePage


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    title = "Courses"
    slug = "courses"

    class Meta:
        model = CourseIndexPage


class CoursePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Course {n}")
    summary = factory.Faker("sentence")
    instructor = factory.SubFactory(UserFactory)
    category = factory.SubFactory(CourseCategoryFactory)

    class Meta:
        model = CoursePage


class SectionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Section {n}")

    class Meta:
        model = SectionPage


@dataclass
class SiteTree:
    home: HomePage
    catalogue: CourseIndexPage


def build_site():
    """Replace Wagtail's welcome page with a HomePage and a catalogue below it."""
    root = ensure_root_page()
    Page.objects.filter(depth=2).delete()
    root.refresh_from_db()
    home = HomePageFactory(parent=root, slug="home")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home},
    )
    sync_default_site()  # as migrate does: the Site follows SITE_URL
    catalogue = CourseIndexPageFactory(parent=home)
    return SiteTree(home=home, catalogue=catalogue)


def build_course(catalogue, sections=2, lessons_per_section=3, **course_fields):
    """A published course with `sections` x `lessons_per_section` lessons."""
    course = CoursePageFactory(parent=catalogue, **course_fields)
    for s in range(sections):
        section = SectionPageFactory(parent=course, title=f"Section {s + 1}")
        for n in range(lessons_per_section):
            LessonPageFactory(parent=section, title=f"Lesson {s + 1}.{n + 1}")
    return course


class ProgrammePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Programme {n}")
    summary = factory.Faker("sentence")

    class Meta:
        model = ProgrammePage


def build_programme(catalogue, courses, **fields):
    """A published programme of `courses`, in that order."""
    programme = ProgrammePageFactory(parent=catalogue, **fields)
    for place, course in enumerate(courses):
        ProgrammeCourse.objects.create(
            programme=programme, course=course, sort_order=place
        )
    return ProgrammePage.objects.get(pk=programme.pk)
