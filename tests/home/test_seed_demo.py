"""`seed_demo` builds a complete demo site, and running it again changes nothing."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from courses.models import CourseCategory, CoursePage, SectionPage
from demo.activity import remove_demo_learners
from demo.languages import demo_courses
from demo.seed import DEMO_PASSWORD
from lessons.blocks import LessonStreamBlock
from lessons.models import LessonPage

pytestmark = pytest.mark.django_db

BLOCK_TYPES = set(LessonStreamBlock().child_blocks)
READING_BLOCKS = {"rich_text", "markdown", "code", "pdf"}


def seed():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts():
    return {
        "pages": Page.objects.count(),
        "courses": CoursePage.objects.count(),
        "lessons": LessonPage.objects.count(),
        "users": get_user_model().objects.count(),
        "categories": CourseCategory.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "revisions": Revision.objects.count(),
    }


def block_ids():
    return {
        lesson.pk: [block.id for block in lesson.body]
        for lesson in LessonPage.objects.all()
    }


def test_seeding_twice_leaves_the_same_content():
    seed()
    first_counts, first_ids = counts(), block_ids()

    seed()

    assert counts() == first_counts
    assert block_ids() == first_ids


def test_the_demo_has_a_free_a_paid_and_a_subscription_course():
    seed()

    courses = demo_courses().live()
    assert sorted(c.pricing_type for c in courses) == ["free", "paid", "subscription"]
    paid = courses.get(pricing_type="paid")
    assert (paid.price, paid.currency) == (4900, "USD")


@pytest.mark.parametrize(
    "slug", ["python-for-beginners", "data-analysis-with-sql", "writing-for-the-web"]
)
def test_every_demo_course_is_complete(slug):
    seed()
    course = demo_courses().get(slug=slug)
    lessons = LessonPage.objects.live().descendant_of(course)

    assert course.live and course.instructor.username == "instructor"
    assert course.thumbnail is not None
    assert SectionPage.objects.child_of(course).live().count() >= 2
    assert lessons.count() >= 5
    assert {
        block.block_type for lesson in lessons for block in lesson.body
    } == BLOCK_TYPES
    assert lessons.filter(free_preview=True).exists()
    reading = [
        lesson
        for lesson in lessons
        if lesson.body and {b.block_type for b in lesson.body} <= READING_BLOCKS
    ]
    assert reading, "a plain reading lesson that 'mark complete' finishes"


def test_every_demo_block_is_valid_for_the_editor():
    seed()
    stream = LessonStreamBlock()

    for lesson in LessonPage.objects.all():
        stream.clean(lesson.body)


def test_seeding_prints_the_demo_logins():
    output = seed()

    for username in ("admin", "instructor", "student"):
        assert username in output
    assert DEMO_PASSWORD in output
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password(DEMO_PASSWORD)
    assert not get_user_model().objects.get(username="student").is_staff


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/courses/",
        "/courses/?category=programming",
        "/courses/python-for-beginners/",
        "/courses/data-analysis-with-sql/",
        "/courses/writing-for-the-web/",
        "/courses/python-for-beginners/getting-started/welcome/",
        "/courses/data-analysis-with-sql/joins-and-groups/joins-quiz/",
        "/courses/writing-for-the-web/rewriting/rewrite-a-page/",
    ],
)
def test_the_seeded_pages_render_for_an_anonymous_visitor(client, url):
    seed()

    response = client.get(url)

    assert response.status_code == 200
    assert b"<main" in response.content


def test_reset_rebuilds_the_demo_courses():
    seed()
    # Learners' certificates and orders keep a course from being deleted.
    remove_demo_learners()
    demo_courses().get(slug="python-for-beginners").delete()

    call_command("seed_demo", stdout=io.StringIO())
    assert demo_courses().filter(slug="python-for-beginners").exists()

    before = demo_courses().get(slug="writing-for-the-web").pk
    call_command("seed_demo", "--reset", stdout=io.StringIO())
    assert demo_courses().get(slug="writing-for-the-web").pk != before
    assert demo_courses().count() == 3


def test_the_demo_instructor_page_has_a_bio_and_a_photo(client):
    seed()
    teacher = get_user_model().objects.get(username="instructor")

    html = client.get(f"/courses/instructors/{teacher.pk}/").content.decode()

    assert "taught programming and data analysis" in html
    photo = re.search(r'<img class="avatar avatar--large" src="([^"]+)"', html)
    assert photo and client.get(photo.group(1)).status_code == 200


def test_the_demo_has_ninety_days_of_varied_learner_activity():
    from learners.models import CourseStats, Enrollment, LearningDay, QuizAttempt
    from payments.models import Order

    seed()

    enrolments = Enrollment.objects.filter(user__username__startswith="demo-learner-")
    dates = enrolments.values_list("enrolled_at", flat=True)
    assert (
        get_user_model().objects.filter(username__startswith="demo-learner-").count()
        >= 30
    )
    assert (max(dates) - min(dates)).days >= 60
    assert enrolments.filter(status="completed").exists()
    assert (
        enrolments.filter(status="active").count()
        > enrolments.filter(status="completed").count()
    )
    assert Order.objects.filter(status="paid").count() >= 2
    assert QuizAttempt.objects.filter(passed=False).exists()
    assert LearningDay.objects.count() > 50
    stats = CourseStats.objects.all()
    assert stats.count() == 3 and all(s.refreshed_at and s.page_views for s in stats)
    assert all(s.top_dropoff for s in stats)


def test_the_privacy_notice_and_terms_are_pages_linked_from_footer_and_sign_up(
    client,
):
    seed()

    home = client.get("/").content.decode()
    signup = client.get("/accounts/signup/").content.decode()
    privacy = client.get("/privacy/")
    terms = client.get("/terms/")

    assert 'href="/privacy/"' in home and 'href="/terms/"' in home
    assert "By signing up you accept the" in signup and 'href="/terms/"' in signup
    assert privacy.status_code == 200 and "Your rights" in privacy.content.decode()
    assert terms.status_code == 200 and "Payments and refunds" in terms.content.decode()


def test_the_demo_community_has_badges_points_announcements_and_a_bell(client):
    from community.models import Announcement, BadgeAward, Streak
    from learners.models import Notification

    seed()
    student = get_user_model().objects.get(username="student")

    assert BadgeAward.objects.filter(user=student, badge__name="First steps").exists()
    assert Streak.objects.get(user=student).current >= 2
    assert Announcement.objects.filter(published_at__isnull=True).count() == 1
    kinds = set(
        Notification.objects.filter(user=student).values_list("kind", flat=True)
    )
    assert {"question_answered", "announcement", "badge_earned"} <= kinds
    client.force_login(student)
    page = client.get("/leaderboard/").content.decode()
    board = page[page.index('<table class="leaderboard">') : page.index("</table>")]
    assert board.count("<tr") >= 4  # the head and several learners
    assert "demo-learner" not in board and "@" not in board
