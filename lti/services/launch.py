"""A validated resource or deep-linking launch, turned into a signed-in
person, their enrolment and the page they open."""

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page

from courses.models import CoursePage
from learners.models import Enrollment
from learners.services import enroll
from learners.services.errors import LearningError
from lessons.models import LessonPage

from ..models import Placement
from ..protocol import AGS, CUSTOM, ROLE, TARGET, LaunchRefused, is_instructor
from .accounts import account_for
from .grades import record_result


@dataclass(frozen=True)
class Launched:
    user: object
    instructor: bool
    page: Page | None = None
    course: CoursePage | None = None
    placement: Placement | None = None


def start_launch(lti_launch):
    """Sign-in, enrolment and placement for a launch pylti1p3 validated."""
    data = lti_launch.get_launch_data()
    roles = data.get(ROLE) or []
    instructor = is_instructor(roles)
    user = account_for(lti_launch.user, roles)
    if not user.is_active:
        raise LaunchRefused(_("This account is closed here."))
    if lti_launch.is_deep_link_launch:
        if not instructor:
            raise LaunchRefused(_("Only instructors choose what to add to a course."))
        return Launched(user, instructor)
    if not lti_launch.is_resource_launch:
        raise LaunchRefused(_("This kind of launch is not offered by this tool."), 400)
    page = launched_page(data)
    course = page if isinstance(page, CoursePage) else page.course
    if course is None or not course.live:
        raise LaunchRefused(_("This course is not open at the moment."), 404)
    with transaction.atomic():
        placement = _place(lti_launch.resource_link, page, course, data)
        try:
            enroll(user, course, Enrollment.Source.LTI)
        except LearningError as error:
            raise LaunchRefused(error.message) from error
        if not instructor:
            record_result(placement, user.pk)
    return Launched(user, instructor, page, course, placement)


def launched_page(data):
    """The course or lesson the launch names: a `page_id` custom parameter,
    else the `page` in the signed target link (as deep linking writes it)."""
    custom = data.get(CUSTOM) or {}
    target = parse_qs(urlsplit(data.get(TARGET) or "").query)
    page_id = str(custom.get("page_id") or (target.get("page") or [""])[0])
    page = None
    if page_id.isdigit():
        page = Page.objects.live().filter(pk=int(page_id)).specific().first()
    if not isinstance(page, (CoursePage, LessonPage)):
        raise LaunchRefused(
            _(
                "This link does not name a course or lesson that is open here. "
                "Ask your instructor to add it again with the content picker."
            ),
            404,
        )
    return page


def _place(resource_link, page, course, data):
    lineitem_url = ((data.get(AGS) or {}).get("lineitem") or "")[:500]
    placement, created = Placement.objects.select_for_update().get_or_create(
        resource_link=resource_link,
        defaults={"page": page, "course": course, "lineitem_url": lineitem_url},
    )
    changed = {
        field: value
        for field, value in (
            ("page_id", page.pk),
            ("course_id", course.pk),
            ("lineitem_url", lineitem_url or placement.lineitem_url),
        )
        if getattr(placement, field) != value
    }
    if not created and changed:
        for field, value in changed.items():
            setattr(placement, field, value)
        placement.save(update_fields=[field.removesuffix("_id") for field in changed])
    return placement
