"""Builds the demo site from `demo_data`: users, categories, pages and files.

Every step finds what is already there before it creates anything, so running
it again changes nothing; `reset` rebuilds the demo courses from scratch.
"""

import io
import uuid
from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, Site
from xhtml2pdf import pisa

from courses.editorial import sync_course_ownership
from courses.models import (
    CertificateTemplate,
    Cohort,
    CourseCategory,
    CourseIndexPage,
    CoursePage,
    ProgrammeCourse,
    ProgrammePage,
    SectionPage,
)
from demo import data as demo_data
from demo.achievements import seed_achievements, seed_announcements
from demo.activity import remove_demo_learners, seed_demo_learners
from demo.community import seed_questions, seed_reviews
from demo.languages import default_locale, demo_courses, seed_languages
from demo.media import seed as demo_media
from demo.media.pictures import avatar_image, course_image
from demo.organisation import remove_demo_organisation, seed_organisation
from home.models import HomePage, InformationPage, SiteSettings
from home.roles import INSTRUCTORS, MODERATORS, STUDENTS, ensure_role_groups
from home.sites import ensure_root_page, sync_default_site
from learners import services
from learners.models import Enrollment, LessonProgress, Profile
from learners.services.learning_time import add_learning_time
from lessons.models import LessonPage
from payments.models import Coupon, SubscriptionPlan
from payments.services.statements import close_due_statements

DEMO_PASSWORD = "learn-2026"  # noqa: S105 - printed on purpose for the demo
BLOCK_ID_NAMESPACE = uuid.UUID("6f1c2f4e-58a4-4c8e-9c0d-2b8f1e7a9d11")


@dataclass
class SeedReport:
    users: list
    created_courses: int = 0
    demo_learners: int = 0


@transaction.atomic
def seed_demo(reset=False):
    """Create the demo site; return the users and how many pages were new."""
    report = SeedReport(users=seed_users())
    home = seed_home()
    categories = seed_categories()
    catalogue = seed_catalogue(home)
    instructor = get_user_model().objects.get(username="instructor")
    if reset:
        remove_demo_organisation()
        remove_demo_learners()
    for spec in demo_data.COURSES:
        existing = CoursePage.objects.child_of(catalogue).filter(slug=spec["slug"])
        if reset and existing.exists():
            course = existing.first()
            # Its copies in the other languages go with it.
            for copy in course.get_translations():
                copy.delete()
            course.delete()
        if not existing.exists():
            seed_course(catalogue, spec, categories[spec["category"]], instructor)
            report.created_courses += 1
    for course in CoursePage.objects.child_of(catalogue):
        sync_course_ownership(course)
    seed_programme(catalogue, reset=reset)
    seed_student_progress(get_user_model().objects.get(username="student"))
    seed_commerce()
    report.demo_learners = seed_demo_learners()
    seed_organisation()
    seed_questions()
    seed_reviews()
    seed_announcements()
    seed_achievements()
    close_due_statements()
    # Last: the other languages mirror every page made above.
    seed_languages()
    return report


def seed_commerce():
    """Subscription plans and a coupon, so every way of buying can be tried."""
    for spec in demo_data.PLANS:
        SubscriptionPlan.objects.get_or_create(name=spec["name"], defaults=spec)
    for spec in demo_data.COUPONS:
        Coupon.objects.get_or_create(code=spec["code"], defaults=spec)


ROLE_GROUPS = {
    "admin": MODERATORS,
    "instructor": INSTRUCTORS,
    "student": STUDENTS,
    "manager": STUDENTS,  # an organisation's manager learns here too
}


def seed_users():
    """The demo accounts, with verified e-mail addresses and their role groups."""
    groups = ensure_role_groups(Group, Permission)
    users = []
    for spec in demo_data.USERS:
        user, _ = get_user_model().objects.get_or_create(
            username=spec["username"], defaults={"email": spec["email"]}
        )
        user.email = spec["email"]
        user.first_name = spec["first_name"]
        user.last_name = spec["last_name"]
        user.is_superuser = user.is_staff = spec["role"] == "admin"
        user.set_password(DEMO_PASSWORD)
        user.save()
        user.groups.add(groups[ROLE_GROUPS[spec["role"]]])
        EmailAddress.objects.update_or_create(
            user=user,
            email=spec["email"],
            defaults={"verified": True, "primary": True},
        )
        profile, _ = Profile.objects.get_or_create(user=user)
        if spec.get("bio") and not profile.bio:
            profile.bio = spec["bio"]
            profile.avatar = avatar_image(user)
            profile.save()
        users.append((spec["role"], user))
    return users


def seed_student_progress(student):
    """The demo student is part-way through the free course, so the dashboard
    has something to show. Enrolling again changes nothing."""
    course = demo_courses().get(slug=demo_data.STUDENT_COURSE)
    services.enroll(student, course, Enrollment.Source.FREE)
    for slug in demo_data.STUDENT_COMPLETED_LESSONS:
        lesson = LessonPage.objects.descendant_of(course).get(slug=slug)
        progress = services.complete_lesson(student, lesson)
        if not progress.time_spent_seconds:
            # The time those lessons took, as their heartbeats would have added it.
            seconds = lesson.estimated_minutes * 60
            LessonProgress.objects.filter(pk=progress.pk).update(
                time_spent_seconds=seconds
            )
            add_learning_time(progress.enrollment, seconds, timezone.now())


def seed_home():
    home = HomePage.objects.filter(locale=default_locale()).first()
    if home is None:
        root = ensure_root_page()
        # Wagtail's install creates a placeholder welcome page at the same slug.
        Page.objects.filter(depth=2, slug="home").exclude(
            content_type__model="homepage"
        ).delete()
        root.refresh_from_db()
        home = root.add_child(instance=HomePage(slug="home", **demo_data.HOME))
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first() or Site(
        hostname="localhost", is_default_site=True
    )
    site.root_page = home
    site.site_name = settings.WAGTAIL_SITE_NAME
    site.save()
    sync_default_site()
    privacy, terms = (seed_information_page(home, spec) for spec in demo_data.LEGAL)
    SiteSettings.objects.update_or_create(
        site=site,
        defaults={
            "tagline": "Practical courses, verifiable certificates.",
            "footer_text": "Coursewright is open-source course software. "
            "This demo site is reset from time to time.",
            "contact_email": "hello@example.com",
            "privacy_page": privacy,
            "terms_page": terms,
        },
    )
    return home


def seed_information_page(home, spec):
    """The privacy notice or the terms of use, found again by slug."""
    existing = InformationPage.objects.child_of(home).filter(slug=spec["slug"]).first()
    if existing:
        return existing
    page = home.add_child(instance=InformationPage(**spec))
    page.save_revision().publish()
    return page


def seed_categories():
    categories = {}
    for slug, name, description in demo_data.CATEGORIES:
        category, _ = CourseCategory.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        categories[slug] = category
    return categories


def seed_catalogue(home):
    spec = demo_data.CATALOGUE
    catalogue = CourseIndexPage.objects.child_of(home).first()
    if catalogue is None:
        catalogue = home.add_child(instance=CourseIndexPage(**spec))
        catalogue.save_revision().publish()
    return catalogue


def seed_programme(catalogue, reset=False):
    """The demo programme, published once; its courses must exist first."""
    spec = dict(demo_data.PROGRAMME)
    slugs = spec.pop("courses")
    existing = ProgrammePage.objects.child_of(catalogue).filter(slug=spec["slug"])
    if reset and existing.exists():
        existing.first().delete()
    elif existing.exists():
        return existing.first()
    programme = ProgrammePage(**spec, certificate_template=certificate_template())
    for place, slug in enumerate(slugs):
        programme.programme_courses.add(
            ProgrammeCourse(
                course=CoursePage.objects.child_of(catalogue).get(slug=slug),
                sort_order=place,
            )
        )
    catalogue.add_child(instance=programme)
    programme.save_revision().publish()
    return programme


def certificate_template():
    template, _ = CertificateTemplate.objects.get_or_create(
        name="Coursewright classic",
        defaults={
            "accent_colour": "#1f5f8b",
            "signatory": "Daniel Okafor, Head of Teaching",
            "custom_text": "Awarded for completing every lesson and assessment.",
        },
    )
    return template


def seed_course(catalogue, spec, category, instructor):
    files = {
        demo_data.HANDOUT: handout_document(spec).pk,
        demo_data.TOOL_URL: f"{settings.SITE_URL}/demo-tools/practice/",
    }
    course = catalogue.add_child(
        instance=CoursePage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            description=spec["description"],
            thumbnail=course_image(spec),
            category=category,
            difficulty=spec["difficulty"],
            language=spec["language"],
            estimated_duration_minutes=sum(
                lesson["minutes"]
                for section in spec["sections"]
                for lesson in section["lessons"]
            ),
            pricing_type=spec["pricing_type"],
            price=spec["price"],
            currency=spec["currency"],
            instructor=instructor,
            sequential_lessons=spec["sequential"],
            certificate_template=certificate_template(),
            learning_outcomes=[("outcome", text) for text in spec["outcomes"]],
        )
    )
    for cohort in spec.get("cohorts", []):
        course.cohorts.add(demo_cohort(cohort))
    course.save_revision().publish()
    lessons_by_slug = {}
    for section_spec in spec["sections"]:
        section = course.add_child(
            instance=SectionPage(
                title=section_spec["title"],
                slug=section_spec["slug"],
                summary=section_spec["summary"],
            )
        )
        section.save_revision().publish()
        for lesson_spec in section_spec["lessons"]:
            lesson = seed_lesson(section, spec["slug"], lesson_spec, files)
            lessons_by_slug[lesson.slug] = lesson
    for section_spec in spec["sections"]:
        for lesson_spec in section_spec["lessons"]:
            required = lesson_spec.get("prerequisites")
            if required:
                lesson = lessons_by_slug[lesson_spec["slug"]]
                lesson.prerequisites.set([lessons_by_slug[s] for s in required])
                lesson.save_revision().publish()
    return course


def demo_cohort(spec):
    today = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    return Cohort(
        name=spec["name"],
        starts_at=today + timedelta(days=spec["starts"]),
        enrolment_closes_at=today + timedelta(days=spec["closes"]),
        ends_at=today + timedelta(days=spec["ends"]),
        seat_limit=spec["seats"],
    )


def seed_lesson(section, course_slug, spec, files):
    key = f"{course_slug}/{spec['slug']}"
    lesson = section.add_child(
        instance=LessonPage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            estimated_minutes=spec["minutes"],
            free_preview=spec.get("free_preview", False),
            body=stream_data(spec["body"], key, files),
        )
    )
    lesson.save_revision().publish()
    return lesson


def stream_data(body, key, files):
    """Raw StreamField data with ids derived from the lesson, so they are stable."""
    blocks = []
    for index, (block_type, value) in enumerate(body):
        block_key = f"{key}/{index}"
        blocks.append(
            {
                "type": block_type,
                "value": _with_ids(_resolve(value, files), block_key),
                "id": stable_id(block_key),
            }
        )
    return blocks


def stable_id(key):
    return str(uuid.uuid5(BLOCK_ID_NAMESPACE, key))


def _resolve(value, files):
    value = dict(value)
    for field, item in value.items():
        if isinstance(item, str) and item in files:
            value[field] = files[item]
        elif (media := demo_media.resolve(item)) is not None:
            value[field] = media
    if "tool_url" in value:
        value["allowed_origin"] = settings.SITE_URL
    return value


def _with_ids(value, key):
    """Give quiz questions, options and rubric rows stable ids as well."""
    value = dict(value)
    if "questions" in value:
        value["questions"] = [
            {
                "type": question_type,
                "value": _with_ids(question, f"{key}/q{n}"),
                "id": stable_id(f"{key}/q{n}"),
            }
            for n, (question_type, question) in enumerate(value["questions"])
        ]
    for field in ("options", "rubric", "accepted_answers"):
        if field in value:
            value[field] = [
                {"type": "item", "value": item, "id": stable_id(f"{key}/{field}{n}")}
                for n, item in enumerate(value[field])
            ]
    return value


def handout_document(spec):
    """The course's PDF handout, rendered with xhtml2pdf, reused when present."""
    Document = get_document_model()
    handout = spec["handout"]
    existing = Document.objects.filter(title=handout["title"]).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    html = (
        "<html><body style='font-family: Helvetica; font-size: 13pt'>"
        f"{handout['html']}<p>From the course: {spec['title']}</p></body></html>"
    )
    pisa.CreatePDF(html, dest=buffer)
    document = Document(
        title=handout["title"],
        file=ContentFile(buffer.getvalue(), name=f"{spec['slug']}-handout.pdf"),
    )
    document.save()
    return document
