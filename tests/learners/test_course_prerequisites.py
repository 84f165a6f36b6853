"""Course-level prerequisites: a course can require others to be completed
before a learner enrols in it or buys it."""

import pytest
from django.utils import timezone

from learners import services
from learners.models import Enrollment
from learners.services import PrerequisiteMissing
from payments.models import Order
from tests.courses.factories import CoursePageFactory, SectionPageFactory
from tests.learners.factories import enrolled, learner
from tests.lessons.factories import LessonPageFactory

pytestmark = pytest.mark.django_db


def course(catalogue, slug, title, **fields):
    page = CoursePageFactory(parent=catalogue, slug=slug, title=title, **fields)
    LessonPageFactory(parent=SectionPageFactory(parent=page), slug=f"{slug}-one")
    return page


@pytest.fixture
def basics(catalogue):
    return course(catalogue, "basics", "Python Basics")


@pytest.fixture
def advanced(catalogue, basics):
    page = course(catalogue, "advanced", "Advanced Python")
    page.required_courses.set([basics])
    page.save_revision().publish()
    return page


def complete(user, page):
    enrollment = enrolled(user, page)
    Enrollment.objects.filter(pk=enrollment.pk).update(
        status=Enrollment.Status.COMPLETED, completed_at=timezone.now()
    )


def test_enrolling_waits_until_the_required_course_is_completed(basics, advanced):
    user = learner()
    enrolled(user, basics)

    with pytest.raises(PrerequisiteMissing, match="Complete “Python Basics”"):
        services.enroll(user, advanced, Enrollment.Source.FREE)
    Enrollment.objects.filter(user=user, course=basics).update(
        status=Enrollment.Status.COMPLETED, completed_at=timezone.now()
    )
    assert services.enroll(user, advanced, Enrollment.Source.FREE).created


def test_the_course_page_lists_what_to_complete_instead_of_an_enrol_button(
    basics, advanced, client
):
    client.force_login(learner())

    page = client.get(advanced.url).content.decode()
    refused = client.post(f"{advanced.url}enroll/")

    assert "Complete these first" in page
    assert f'<a href="{basics.url}">Python Basics</a>' in page
    assert "Enrol for free" not in page
    assert refused.status_code == 403
    assert "Complete “Python Basics” before you join this course." in (
        refused.content.decode()
    )


def test_a_course_with_requirements_cannot_be_bought_early(catalogue, basics, client):
    paid = course(catalogue, "paid", "Paid Python", pricing_type="paid", price=5000)
    paid.required_courses.set([basics])
    paid.save_revision().publish()
    user = learner()
    client.force_login(user)

    refused = client.post(f"/payments/checkout/{paid.pk}/")
    complete(user, basics)
    allowed = client.post(f"/payments/checkout/{paid.pk}/")

    assert refused.status_code == 403
    assert allowed.status_code == 302
    assert Order.objects.filter(user=user).count() == 1


def test_the_api_refuses_with_the_same_reason(basics, advanced, client):
    user = learner()
    client.force_login(user)

    response = client.post(
        f"/api/v1/courses/{advanced.pk}/enroll/",
        headers={"X-CSRFToken": "x"},
    )

    assert response.status_code == 403
    assert "Python Basics" in response.json()["detail"]


def test_an_editor_cannot_make_two_courses_require_each_other(
    basics, advanced, admin_client
):
    from tests.courses.test_page_tree import course_form

    form = course_form(
        title=basics.title,
        slug=basics.slug,
        pricing_type="free",
        price="0",
    )
    form["required_courses"] = [str(advanced.pk)]

    response = admin_client.post(f"/admin/pages/{basics.pk}/edit/", form)

    assert response.status_code == 200
    assert "cannot itself require this course" in response.content.decode()
    assert not basics.required_courses.exists()
