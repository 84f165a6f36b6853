"""What a course page shows of its community: the stored rating for everyone,
and the newest announcements for the people in the course."""

from learners.access import community_access

from .services import announcements_for
from .services.reviews import rating_summary

ANNOUNCEMENTS_SHOWN = 3


def course_context(request, course):
    context = {"rating": rating_summary(course.pk), "announcements": []}
    # Visitors all see the same page, so it stays cacheable.
    if request.user.is_authenticated:
        access = community_access(request.user, course)
        context["announcements"] = list(
            announcements_for(course, access).filter(published_at__isnull=False)[
                :ANNOUNCEMENTS_SHOWN
            ]
        )
    return context
