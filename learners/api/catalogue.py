"""`/api/v1/courses/`: the catalogue, filtered as the catalogue page is, and
a course with its syllabus and each lesson's state for the caller, as the
access policy decides it for the pages."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from wagtail.rich_text import expand_db_html

from courses.filters import CatalogueFilters
from courses.models import public_courses
from courses.outline import syllabuses_of
from courses.translations import originals
from home.api_errors import refusals
from home.api_pages import PLAIN_TEXT, PageQuery, RowId, page_of

from ..access import CourseAccess
from .security import ANYONE, OPTIONAL_AUTH

router = Router(tags=["Catalogue"], auth=ANYONE)

REFUSALS = refusals(400, 401, 404, 422)


class CourseQuery(PageQuery):
    q: str = Field(
        "", max_length=100, pattern=PLAIN_TEXT, description="Words to search for."
    )
    category: str = Field(
        "", max_length=100, pattern=PLAIN_TEXT, description="A category's slug."
    )
    level: str = Field(
        "", max_length=20, pattern=PLAIN_TEXT, description="beginner, intermediate…"
    )
    price: str = Field(
        "", max_length=20, pattern=PLAIN_TEXT, description="free, paid or subscription."
    )
    language: str = Field("", max_length=10, pattern=PLAIN_TEXT)
    sort: str = Field(
        "", max_length=20, pattern=PLAIN_TEXT, description="newest, popular, title…"
    )


class Named(Schema):
    slug: str
    name: str


class Person(Schema):
    id: int
    name: str


class Price(Schema):
    pricing: str = Field(description="free, paid or subscription.")
    amount: int = Field(description="In the currency's smallest unit.")
    currency: str


class CourseOut(Schema):
    id: int
    title: str
    slug: str
    url: str
    summary: str
    category: Named | None
    level: str
    language: str
    duration_minutes: int
    lessons: int
    price: Price
    instructor: Person | None
    published_at: datetime | None


class CoursePageOut(Schema):
    count: int
    page: int
    page_size: int
    items: list[CourseOut]


class LessonOut(Schema):
    id: int
    title: str
    url: str
    free_preview: bool
    estimated_minutes: int | None
    access: str = Field(description="full, teaser or locked, for the caller.")
    reason: str = Field(description="Why: open, not_enrolled, sequence…")
    blocked_by: int | None = Field(description="The lesson to complete first.")
    completed: bool


class SectionOut(Schema):
    id: int
    title: str
    lessons: list[LessonOut]


class CourseDetailOut(CourseOut):
    description: str = Field(description="Sanitised HTML.")
    sequential_lessons: bool
    enrolled: bool
    sections: list[SectionOut]


def course_out(course, syllabus, request, model=CourseOut, **extra):
    category, instructor = course.category, course.instructor
    return model(
        id=course.pk,
        title=course.title,
        slug=course.slug,
        url=course.get_full_url(request),
        summary=course.summary,
        category=Named(slug=category.slug, name=category.name) if category else None,
        level=course.difficulty,
        language=course.language,
        duration_minutes=course.duration_minutes,
        lessons=syllabus.lesson_count,
        price=Price(
            pricing=course.pricing_type, amount=course.price, currency=course.currency
        ),
        instructor=Person(
            id=instructor.pk, name=instructor.get_full_name() or instructor.username
        )
        if instructor
        else None,
        published_at=course.first_published_at,
        **extra,
    )


@router.get(
    "/",
    response={200: CoursePageOut, **REFUSALS},
    summary="The catalogue",
    openapi_extra=OPTIONAL_AUTH,
)
def courses(request, query: Query[CourseQuery]):
    """Live courses, with the catalogue page's filters and orders."""
    filters = CatalogueFilters(
        q=query.q,
        category=query.category,
        level=query.level,
        price=query.price,
        language=query.language,
        sort=query.sort,
    )
    found = filters.apply(originals(public_courses())).select_related(
        "category", "instructor"
    )
    page, count = page_of(found, query)
    syllabuses = syllabuses_of(page)
    return CoursePageOut(
        count=count,
        page=query.page,
        page_size=query.page_size,
        items=[course_out(c, syllabuses[c.pk], request) for c in page],
    )


@router.get(
    "/{course_id}/",
    response={200: CourseDetailOut, **REFUSALS},
    summary="A course, its syllabus and the caller's access to each lesson",
    openapi_extra=OPTIONAL_AUTH,
)
def course(request, course_id: RowId):
    course = get_object_or_404(
        public_courses().select_related("category", "instructor"), pk=course_id
    )
    access = CourseAccess(request.auth, course)
    syllabus = course.syllabus
    sections = []
    for section in syllabus.sections:
        lessons = []
        for lesson in section.lessons:
            answer = access.decide(lesson)
            blocker = answer.blocking_lesson
            lessons.append(
                LessonOut(
                    id=lesson.pk,
                    title=lesson.title,
                    url=lesson.get_full_url(request),
                    free_preview=lesson.free_preview,
                    estimated_minutes=lesson.estimated_minutes,
                    access=answer.level,
                    reason=answer.reason,
                    blocked_by=blocker.pk if blocker else None,
                    completed=access.is_completed(lesson),
                )
            )
        sections.append(
            SectionOut(id=section.page.pk, title=section.page.title, lessons=lessons)
        )
    enrollment = access.enrollment
    return course_out(
        course,
        syllabus,
        request,
        CourseDetailOut,
        description=expand_db_html(course.description),
        sequential_lessons=course.sequential_lessons,
        enrolled=bool(enrollment and enrollment.gives_access),
        sections=sections,
    )
