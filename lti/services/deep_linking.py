"""Deep linking: what an instructor may pick (live courses and their
lessons) and the signed answer that places the picks in their course."""

from django.conf import settings
from django.urls import reverse
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.lineitem import LineItem

from courses.models import CoursePage
from courses.translations import originals
from lessons.models import LessonPage


def pickable_courses():
    """Live courses, each with its live lessons in syllabus order."""
    courses = list(originals(CoursePage.objects.live()).order_by("title"))
    return [(course, list(course.syllabus.lessons)) for course in courses]


def launch_url_for(page):
    return f"{settings.SITE_URL}{reverse('lti:launch')}?page={page.pk}"


def resources_for(pages, *, graded=True):
    """One LTI resource link per page, each with a gradebook column."""
    resources = []
    for page in pages:
        resource = (
            DeepLinkResource()
            .set_url(launch_url_for(page))
            .set_title(page.title)
            .set_custom_params({"page_id": str(page.pk)})
        )
        if graded:
            resource.set_lineitem(
                LineItem()
                .set_label(page.title[:255])
                .set_score_maximum(100)
                .set_resource_id(str(page.pk))
                .set_tag(f"coursewright-{page.pk}")
            )
        resources.append(resource)
    return resources


def picked_pages(page_ids):
    """The live courses and lessons among `page_ids` (anything else is
    ignored), in the order given."""
    ids = [int(value) for value in page_ids if str(value).isdigit()][:50]
    found = {
        page.pk: page
        for model in (CoursePage, LessonPage)
        for page in model.objects.live().filter(pk__in=ids)
    }
    return [found[pk] for pk in ids if pk in found]
